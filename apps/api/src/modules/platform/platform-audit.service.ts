import { Injectable } from '@nestjs/common';
import type { PlatformAuditEntry, PlatformAuditPage, PlatformAuditQuery } from '@shiori/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldError } from '../../engine/errors/domain-error';
import { currentActor } from '../../engine/http/request-context';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TOKYO_OFFSET_MS = 9 * 3600_000; // Japan has no daylight saving time

/** A filter bound as an instant: a date means the start of that day in Japan (`nextDay`: of the day after). */
function bound(value: string, path: 'from' | 'to', errors: FieldError[]): Date | null {
  const day = DAY.exec(value);
  if (day) {
    const [y, m, d] = [+day[1], +day[2], +day[3]];
    const utc = new Date(Date.UTC(y, m - 1, d));
    if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) {
      errors.push({ path, code: 'isDate', message: { ja: '存在する日付を指定してください。', en: 'Give a real calendar date.' } });
      return null;
    }
    return new Date(utc.getTime() - TOKYO_OFFSET_MS + (path === 'to' ? 86_400_000 : 0));
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    errors.push({ path, code: 'isDate', message: { ja: '日付または日時の形式が正しくありません。', en: 'Not a valid date or date-time.' } });
    return null;
  }
  return at;
}

/**
 * Writes on platform tables (staff accounts, tenants) are recorded in platform.audit_log, in
 * the same transaction as the write, and read back for the regional console. Tenant data
 * keeps its own audit_log in the tenant schema.
 */
@Injectable()
export class PlatformAuditService {
  constructor(private readonly ds: DataSource) {}

  /**
   * The actor comes from the request (a staff member), the command line (`cli`, with the
   * operating-system user as actor_id) or neither (`system`, e.g. migrations at start-up).
   */
  async record(
    manager: EntityManager | undefined,
    entry: { action: string; entity: string; entityId: string | null; tenantId?: string | null; before?: unknown; after?: unknown },
  ): Promise<void> {
    const actor = currentActor();
    const p = actor.principal;
    const actorKind = p ? (p.kind === 'staff' ? p.role : 'patron') : actor.cli ? 'cli' : 'system';
    const actorId = p ? (p.kind === 'staff' ? p.staffId : p.patronId) : (actor.cli?.osUser ?? null);
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

  /** Newest first, filtered and paged. */
  async list(q: PlatformAuditQuery): Promise<PlatformAuditPage> {
    const page = q.page ?? 1;
    const size = q.size ?? 50;
    const errors: FieldError[] = [];
    const from = q.from ? bound(q.from, 'from', errors) : null;
    const to = q.to ? bound(q.to, 'to', errors) : null;
    if (from && to && from >= to) {
      errors.push({ path: 'to', code: 'afterFrom', message: { ja: '終了は開始より後にしてください。', en: 'The end must come after the start.' } });
    }
    if (errors.length) throw new DomainError('VALIDATION', undefined, errors);

    // the action filter's characters (validated) include no LIKE wildcards
    const where = `WHERE ($1::text IS NULL OR a.action LIKE $1 || '%')
        AND ($2::text IS NULL OR lower(a.actor_name) = lower($2) OR a.actor_kind = lower($2))
        AND ($3::timestamptz IS NULL OR a.at >= $3)
        AND ($4::timestamptz IS NULL OR a.at < $4)`;
    const params = [q.action || null, q.actor || null, from?.toISOString() ?? null, to?.toISOString() ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM platform.audit_log a ${where}`, params);
    const items: PlatformAuditEntry[] = await this.ds.query(
      `SELECT a.id, a.at, a.actor_kind AS "actorKind", a.actor_id AS "actorId", a.actor_name AS "actorName", a.action, a.entity,
              a.entity_id AS "entityId", a.tenant_id AS "tenantId", t.slug AS "tenantSlug", t.name AS "tenantName",
              s.username AS "staffUsername", a.before, a.after
         FROM platform.audit_log a
         LEFT JOIN platform.tenants t ON t.id = a.tenant_id
         LEFT JOIN platform.staff s ON a.entity = 'staff' AND s.id::text = a.entity_id
        ${where}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $5 OFFSET $6`,
      [...params, size, (page - 1) * size],
    );
    return { total, page, size, items };
  }
}
