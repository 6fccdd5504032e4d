import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { distributeTenantSchema, isDistributedSchema, tenantSchemaName } from '@shiori/tenancy';
import { DatabaseKind } from '../../engine/database/database-kind';
import { DomainError } from '../../engine/errors/domain-error';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformErrors } from './platform.errors';

/** One database server and the cities it holds. */
export interface ClusterNode {
  /** Citus node id; 0 for the one PostgreSQL of a plain installation. */
  id: number;
  host: string;
  port: number;
  /** `coordinator` of a Citus cluster, `worker`, or `single` (plain PostgreSQL: no cluster). */
  role: 'coordinator' | 'worker' | 'single';
  active: boolean;
  cities: { slug: string; name: string; status: string; bytes: number | null }[];
}

export interface ClusterView {
  citus: boolean;
  nodes: ClusterNode[];
}

/**
 * Where each city lives, and moving it (regional IT). On plain PostgreSQL every city is on
 * the one server. On Citus each city is a distributed schema on one worker (cities not yet
 * distributed stay on the coordinator); `move` carries a city to another worker with
 * citus_schema_move while it keeps serving: its rows are copied by logical replication and
 * writes pause only for the switch-over.
 */
@Injectable()
export class ClusterService {
  constructor(
    private readonly ds: DataSource,
    private readonly db: DatabaseKind,
    private readonly registry: TenantRegistry,
    private readonly audit: PlatformAuditService,
  ) {}

  async view(): Promise<ClusterView> {
    const tenants = await this.registry.list();
    const city = (t: (typeof tenants)[number], bytes: number | null) => ({ slug: t.slug, name: t.name, status: t.status, bytes });
    if (!this.db.citus) {
      const url = this.ds.options as { url?: string };
      const where = url.url ? new URL(url.url) : undefined;
      return {
        citus: false,
        nodes: [{ id: 0, host: where?.hostname ?? 'localhost', port: Number(where?.port || 5432), role: 'single', active: true, cities: tenants.map((t) => city(t, null)) }],
      };
    }
    const nodes: { nodeid: number; nodename: string; nodeport: number; groupid: number; isactive: boolean }[] = await this.ds.query(
      `SELECT nodeid, nodename, nodeport, groupid, isactive FROM pg_dist_node WHERE noderole = 'primary' ORDER BY groupid <> 0, nodeid`,
    );
    const placed = await this.placements();
    const out: ClusterNode[] = nodes.map((n) => ({
      id: n.nodeid,
      host: n.nodename,
      port: n.nodeport,
      role: n.groupid === 0 ? 'coordinator' : 'worker',
      active: n.isactive,
      cities: [],
    }));
    const coordinator = out.find((n) => n.role === 'coordinator') ?? out[0];
    for (const t of tenants) {
      const p = placed.get(tenantSchemaName(t.slug));
      const node = (p && out.find((n) => n.host === p.host && n.port === p.port)) || coordinator;
      node.cities.push(city(t, p?.bytes ?? null));
    }
    return { citus: true, nodes: out };
  }

  /** Node and size of each distributed tenant schema. */
  private async placements(): Promise<Map<string, { host: string; port: number; bytes: number }>> {
    const rows: { schema: string; host: string; port: number; bytes: string }[] = await this.ds.query(
      `SELECT s.schemaid::regnamespace::text AS schema, min(c.nodename) AS host, min(c.nodeport) AS port, sum(c.shard_size)::bigint AS bytes
         FROM pg_dist_schema s JOIN citus_shards c ON c.colocation_id = s.colocationid
        GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.schema, { host: r.host, port: Number(r.port), bytes: Number(r.bytes) }]));
  }

  /**
   * Moves a city to a worker (`host:port` or the node id), while it serves. A city that is not
   * yet a distributed schema (made before Citus was installed) is distributed first.
   */
  async move(slug: string, target: string): Promise<{ slug: string; from: string | null; to: string; ms: number }> {
    if (!this.db.citus) throw new DomainError(PlatformErrors.NOT_A_CLUSTER);
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant) throw new DomainError('TENANT_NOT_FOUND');
    const node = await this.worker(target);
    const schema = tenantSchemaName(slug);
    const started = Date.now();
    if (!(await isDistributedSchema(this.ds, schema))) {
      await this.ds.transaction((m) => distributeTenantSchema(m, schema));
    }
    const before = (await this.placements()).get(schema);
    const from = before ? `${before.host}:${before.port}` : null;
    const to = `${node.nodename}:${node.nodeport}`;
    if (from !== to) {
      // auto: logical replication (every tenant table has a primary key), so reads and writes go on
      await this.ds.query(`SELECT citus_schema_move($1::regnamespace, $2, $3, 'auto')`, [schema, node.nodename, node.nodeport]);
    }
    const result = { slug, from, to, ms: Date.now() - started };
    await this.audit.record(undefined, { action: 'tenant.move', entity: 'tenant', entityId: tenant.id, tenantId: tenant.id, before: { node: from }, after: { node: to } });
    return result;
  }

  /** Refuses a target that is not an active worker (or any target on plain PostgreSQL). */
  async checkWorker(target: string): Promise<void> {
    if (!this.db.citus) throw new DomainError(PlatformErrors.NOT_A_CLUSTER);
    await this.worker(target);
  }

  private async worker(target: string): Promise<{ nodename: string; nodeport: number }> {
    const byId = /^\d+$/.test(target) ? Number(target) : null;
    const hostPort = /^(.+):(\d+)$/.exec(target);
    const [node] = await this.ds.query(
      `SELECT nodename, nodeport FROM pg_dist_node
        WHERE noderole = 'primary' AND isactive AND groupid <> 0 AND shouldhaveshards
          AND (nodeid = $1 OR (nodename = $2 AND nodeport = $3))`,
      [byId, hostPort?.[1] ?? null, hostPort ? Number(hostPort[2]) : null],
    );
    if (!node) throw new DomainError(PlatformErrors.NODE_NOT_FOUND, `no active worker ${target}`);
    return node;
  }
}
