import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { Policy } from '@shiori/policy';
import { ALERT_LIMITS } from '@shiori/contracts';
import type { AlertView, NewAlertRequest } from '@shiori/contracts';
import { columnsSql } from '../../engine/database/sql';
import { DomainError } from '../../engine/errors/domain-error';
import { PolicyStore } from '../policy';
import { CatalogErrors } from '../catalog';
import { alertCondition, normalizeAlertQuery, StoredAlertQuery } from './alert-query';
import { AlertErrors } from './alerts.errors';

/** How many alerts one patron may keep. */
export const MAX_ALERTS_PER_PATRON = ALERT_LIMITS.perPatron;

export interface NewRecord {
  id: string;
  title: string;
  volume: string | null;
  author: string | null;
  publisher: string | null;
  year: number | null;
}

/** My page counts new arrivals up to this many per condition (a count, not a list). */
const NEW_ARRIVAL_COUNT_CAP = 999;
const ALERT_COLUMNS = columnsSql<AlertRow>({ id: 'id', name: 'name', query: 'query', createdAt: 'created_at', lastCheckedAt: 'last_checked_at' });

/** A saved search as ALERT_COLUMNS reads it: the contract's view without `active`, which the policy and the patron decide. */
type AlertRow = Omit<AlertView, 'active'>;

/** Whether alerts of this library send mail at all. */
export function alertsOffered(policy: Policy): boolean {
  return policy.features.alerts && policy.notices.newArrivalAlerts !== 'off';
}

/**
 * New-arrival alerts (新着お知らせ): a patron names a search; when new records match it, the
 * nightly job mails a digest (notices/jobs/new-arrival-alerts.job.ts). Needs an
 * e-mail address on file (Kushiro, seeds/001: 214-223).
 */
@Injectable()
export class AlertsService {
  constructor(private readonly policies: PolicyStore) {}

  private async patron(patronId: string): Promise<{ email: string | null }> {
    const [p] = await tenantManager().query(`SELECT email FROM patrons WHERE id = $1`, [patronId]);
    if (!p) throw new DomainError('UNAUTHENTICATED');
    return p;
  }

  private async offeredOrThrow(): Promise<Policy> {
    const { policy } = await this.policies.current();
    if (!alertsOffered(policy)) throw new DomainError(AlertErrors.ALERTS_DISABLED);
    return policy;
  }

  /** The patron's alerts; `active` says whether they will send (feature on and an e-mail on file). */
  async list(patronId: string): Promise<AlertView[]> {
    const { policy } = await this.policies.current();
    const p = await this.patron(patronId);
    const rows: AlertRow[] = await tenantManager().query(`SELECT ${ALERT_COLUMNS} FROM saved_searches WHERE patron_id = $1 ORDER BY created_at, id`, [patronId]);
    const active = alertsOffered(policy) && !!p.email;
    return rows.map((r) => ({ ...r, active }));
  }

  async create(patronId: string, input: NewAlertRequest): Promise<AlertView> {
    await this.offeredOrThrow();
    const p = await this.patron(patronId);
    if (!p.email) throw new DomainError(AlertErrors.ALERT_EMAIL_REQUIRED);
    const query = normalizeAlertQuery(input.query);
    // the search's own rule and code: a reversed year range finds nothing
    if (query.yearFrom !== undefined && query.yearTo !== undefined && query.yearFrom > query.yearTo) throw new DomainError(CatalogErrors.SEARCH_YEAR_RANGE);
    if (!alertCondition(query)) throw new DomainError(AlertErrors.ALERT_QUERY_EMPTY, undefined, [{ path: 'query', code: 'ALERT_QUERY_EMPTY', message: '検索条件を一つ以上入力してください。' }]);
    // serialise one patron's creations so the limit holds under concurrent requests
    await tenantManager().query(`SELECT id FROM patrons WHERE id = $1 FOR UPDATE`, [patronId]);
    const [{ n }] = await tenantManager().query(`SELECT count(*)::int AS n FROM saved_searches WHERE patron_id = $1`, [patronId]);
    if (n >= MAX_ALERTS_PER_PATRON) throw new DomainError(AlertErrors.ALERT_LIMIT, undefined, undefined, { limit: MAX_ALERTS_PER_PATRON });
    const [row]: AlertRow[] = await tenantManager().query(
      `INSERT INTO saved_searches (patron_id, name, query) VALUES ($1,$2,$3) RETURNING ${ALERT_COLUMNS}`,
      [patronId, input.name.trim(), JSON.stringify(query)],
    );
    return { ...row, active: true };
  }

  async rename(patronId: string, id: string, name: string): Promise<AlertView> {
    await this.offeredOrThrow();
    const p = await this.patron(patronId);
    // (a CTE so the statement answers rows, whatever the driver does with UPDATE … RETURNING)
    const [row]: (AlertRow | undefined)[] = await tenantManager().query(
      `WITH u AS (UPDATE saved_searches SET name = $3 WHERE id = $1 AND patron_id = $2 RETURNING ${ALERT_COLUMNS}) SELECT * FROM u`,
      [id, patronId, name.trim()],
    );
    if (!row) throw new DomainError(AlertErrors.ALERT_NOT_FOUND);
    return { ...row, active: !!p.email };
  }

  /** Always allowed, also after the library turned alerts off. */
  async remove(patronId: string, id: string): Promise<void> {
    const rows = await tenantManager().query(`WITH d AS (DELETE FROM saved_searches WHERE id = $1 AND patron_id = $2 RETURNING id) SELECT id FROM d`, [id, patronId]);
    if (!rows.length) throw new DomainError(AlertErrors.ALERT_NOT_FOUND);
  }

  /**
   * 新着お知らせ N 点 on My page (Katori 000): how many records that arrived within the city's
   * new-arrival window match any of the patron's saved conditions — the new arrivals, not the
   * conditions. One statement per condition (a patron keeps a handful).
   */
  async newArrivalCount(patronId: string, now: Date): Promise<number> {
    const { policy } = await this.policies.current();
    if (!policy.features.alerts) return 0;
    const saved: { query: StoredAlertQuery }[] = await tenantManager().query(`SELECT query FROM saved_searches WHERE patron_id = $1`, [patronId]);
    if (!saved.length) return 0;
    const since = new Date(now.getTime() - policy.publicLists.newArrivalDays * 86_400_000);
    const ids = new Set<string>();
    for (const { query } of saved) {
      const c = alertCondition(query, 3);
      if (!c) continue;
      const rows: { id: string }[] = await tenantManager().query(
        `SELECT r.id FROM records r
          WHERE r.withdrawn_at IS NULL AND r.created_at > $1 AND r.created_at <= $2 AND ${c.where.join(' AND ')}
          LIMIT $3`,
        [since, now, NEW_ARRIVAL_COUNT_CAP, ...c.values],
      );
      for (const r of rows) ids.add(r.id);
    }
    return ids.size;
  }

  /**
   * Records added to the catalogue in (since, until] that match the saved search, oldest
   * first, at most `limit`, and how many there are in all. Withdrawn records do not count.
   */
  async newRecords(query: StoredAlertQuery, since: Date, until: Date, limit: number): Promise<{ records: NewRecord[]; total: number }> {
    const c = alertCondition(query, 3);
    if (!c) return { records: [], total: 0 };
    const rows: (NewRecord & { total: number })[] = await tenantManager().query(
      `SELECT r.id, r.title, r.volume, r.authors->0->>'name' AS author, r.publisher, r.published_year AS year,
              (count(*) OVER ())::int AS total
         FROM records r
        WHERE r.withdrawn_at IS NULL AND r.created_at > $1 AND r.created_at <= $2
          AND ${c.where.join(' AND ')}
        ORDER BY r.created_at, r.id
        LIMIT $3`,
      [since, until, limit, ...c.values],
    );
    return { records: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
  }
}
