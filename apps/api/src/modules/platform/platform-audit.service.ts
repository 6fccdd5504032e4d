import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentActor } from '../../engine/http/request-context';

/**
 * Writes on platform tables (staff accounts) are recorded in platform.audit_log, in the same
 * transaction as the write. Tenant data keeps its own audit_log in the tenant schema.
 */
@Injectable()
export class PlatformAuditService {
  constructor(private readonly ds: DataSource) {}

  async record(
    manager: EntityManager | undefined,
    entry: { action: string; entity: string; entityId: string | null; tenantId?: string | null; before?: unknown; after?: unknown },
  ): Promise<void> {
    const p = currentActor().principal;
    const actorKind = p ? (p.kind === 'staff' ? p.role : 'patron') : 'system';
    const actorId = p ? (p.kind === 'staff' ? p.staffId : p.patronId) : null;
    const actorName = p && p.kind === 'staff' ? p.username : null;
    await (manager ?? this.ds).query(
      `INSERT INTO platform.audit_log (actor_kind, actor_id, actor_name, action, entity, entity_id, tenant_id, before, after)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        actorKind,
        actorId,
        actorName,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.tenantId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
