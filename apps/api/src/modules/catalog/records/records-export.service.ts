import { Injectable } from '@nestjs/common';
import { currentTenantSchema, tenantStatement } from '@shiori/tenancy';
import type { RecordFields } from './records.service';

/** A copy as outside systems see it (SRU holdings). */
export interface ExportItem {
  barcode: string;
  branchCode: string;
  branchName: string;
  shelfLocation: string | null;
  status: string;
  loanable: boolean;
}

/** A record with what interchange formats (MARCXML, Dublin Core, DC-NDL) carry: its catalogued fields and more. */
export interface ExportRecord extends RecordFields {
  id: string;
  createdAt: string;
  /** when the record last changed for the outside world (migration 0012) */
  changedAt: string;
  withdrawnAt: string | null;
  availability: { total: number; available: number; onLoan: number; status: string };
  /** the branches holding a copy (not withdrawn), in the city's branch order */
  branches: { code: string; name: string }[];
  /** every copy not withdrawn, only when asked for (`items: true`) */
  items?: ExportItem[];
}

/** Where a harvest stopped: the last (change_xid, id) read. */
export interface ChangeCursor {
  xid: string;
  id: string;
}

export const CHANGES_START: ChangeCursor = { xid: '0', id: '00000000-0000-0000-0000-000000000000' };

export interface ChangeFilter {
  after: ChangeCursor;
  /** changed at or after */
  from?: Date;
  /** changed before */
  before?: Date;
  materialType?: string;
  /** first digit of the NDC class */
  ndcClass?: string;
  /** only records with an NDC class (the `ndc` set) */
  hasNdc?: boolean;
  limit: number;
}

export interface ChangeRow extends ExportRecord {
  cursor: ChangeCursor;
}

/** Times as timestamptz (read by pg as Date), or as UTC ISO texts (inside JSON). */
const DATE_TIMES = `r.created_at AS "createdAt", r.changed_at AS "changedAt", r.withdrawn_at AS "withdrawnAt"`;
const utc = (col: string, as: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${as}"`;
const UTC_TIMES = `${utc('r.created_at', 'createdAt')}, ${utc('r.changed_at', 'changedAt')}, ${utc('r.withdrawn_at', 'withdrawnAt')}`;

const COLUMNS = (s: string, times = DATE_TIMES) => `r.id, r.title, r.title_reading AS "titleReading", r.subtitle, r.authors, r.publisher,
  r.published_year AS "publishedYear", r.isbn, r.material_type AS "materialType", r.series, r.volume, r.ndc,
  r.control_number AS "controlNumber", r.received_at::text AS "receivedAt", ${times},
  json_build_object('total', r.copies_total, 'available', r.copies_available, 'onLoan', r.copies_on_loan, 'status', r.availability) AS availability,
  coalesce((SELECT json_agg(json_build_object('code', b.code, 'name', b.name) ORDER BY b.sort, b.code)
              FROM ${s}.branches b WHERE b.code = ANY(r.holding_branches)), '[]'::json) AS branches`;

const ITEMS = (s: string) => `coalesce((SELECT json_agg(json_build_object('barcode', i.barcode, 'branchCode', i.branch_code, 'branchName', b.name,
                  'shelfLocation', i.shelf_location, 'status', i.status, 'loanable', i.loanable)
                  ORDER BY b.sort, i.branch_code, i.barcode)
              FROM ${s}.items i JOIN ${s}.branches b ON b.code = i.branch_code
             WHERE i.record_id = r.id AND i.status <> 'withdrawn'), '[]'::json) AS items`;

/**
 * SQL for the records of an id array expression (uuid[]), in its order, as one JSON array
 * (the shape of ExportRecord, times in UTC ISO), for a statement that finds the ids itself
 * (SearchService.searchQuery with records: one round trip for an SRU page).
 */
export function exportRecordsJsonSql(schema: string, idsExpr: string, { items }: { items: boolean }): string {
  return `(SELECT coalesce(json_agg(x ORDER BY x.n), '[]'::json) FROM (
    SELECT x.n, ${COLUMNS(schema, UTC_TIMES)}${items ? `, ${ITEMS(schema)}` : ''}
      FROM unnest(${idsExpr}) WITH ORDINALITY x(id, n) JOIN ${schema}.records r ON r.id = x.id) x)`;
}

function dates<T extends { createdAt: unknown; changedAt: unknown; withdrawnAt: unknown }>(row: T): T {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return { ...row, createdAt: iso(row.createdAt), changedAt: iso(row.changedAt), withdrawnAt: iso(row.withdrawnAt) };
}

/**
 * The catalogue as outside systems read it (SRU, OpenSearch, OAI-PMH): records with their
 * holdings, by id or in change order. Read-only statements of the current tenant
 * (runTenantRead or a tenant transaction), each naming its tables with the tenant's schema.
 */
@Injectable()
export class RecordsExportService {
  /** The records of `ids` that exist (withdrawn ones too), in the order of `ids`. */
  async byIds(ids: string[], { items = false }: { items?: boolean } = {}): Promise<ExportRecord[]> {
    if (!ids.length) return [];
    const s = currentTenantSchema();
    const rows = await tenantStatement<ExportRecord & { createdAt: Date; changedAt: Date; withdrawnAt: Date | null }>(
      `SELECT ${COLUMNS(s)}${items ? `, ${ITEMS(s)}` : ''}
         FROM unnest($1::uuid[]) WITH ORDINALITY x(id, n) JOIN ${s}.records r ON r.id = x.id
        ORDER BY x.n`,
      [ids],
    );
    return rows.map(dates);
  }

  /**
   * Records in change order after `after` (migration 0012): only changes of transactions that
   * have ended, so that a harvest that follows the cursor misses none that commit later.
   * Withdrawn records are included (a harvester learns of the deletion).
   */
  async changes(f: ChangeFilter): Promise<ChangeRow[]> {
    const s = currentTenantSchema();
    const values: unknown[] = [f.after.xid, f.after.id];
    const where = [`r.change_xid < pg_snapshot_xmin(pg_current_snapshot())`, `(r.change_xid, r.id) > ($1::xid8, $2::uuid)`];
    const add = (cond: (p: string) => string, v: unknown) => {
      values.push(v);
      where.push(cond(`$${values.length}`));
    };
    if (f.from) add((p) => `r.changed_at >= ${p}::timestamptz`, f.from);
    if (f.before) add((p) => `r.changed_at < ${p}::timestamptz`, f.before);
    if (f.materialType) add((p) => `r.material_type = ${p}::text`, f.materialType);
    if (f.ndcClass) add((p) => `left(r.ndc, 1) = ${p}::text`, f.ndcClass);
    if (f.hasNdc) where.push(`r.ndc ~ '^[0-9]'`);
    values.push(f.limit);
    const rows = await tenantStatement<ChangeRow & { createdAt: Date; changedAt: Date; withdrawnAt: Date | null; xid: string }>(
      `SELECT ${COLUMNS(s)}, r.change_xid::text AS xid
         FROM ${s}.records r
        WHERE ${where.join(' AND ')}
        ORDER BY r.change_xid, r.id
        LIMIT $${values.length}`,
      values,
    );
    return rows.map(({ xid, ...row }) => ({ ...dates(row), cursor: { xid, id: row.id } }));
  }

  /** The earliest change time of any record, or null for an empty catalogue. */
  async earliestChange(): Promise<string | null> {
    const rows = await tenantStatement<{ t: Date | null }>(`SELECT min(changed_at) AS t FROM ${currentTenantSchema()}.records`, []);
    return rows[0].t ? rows[0].t.toISOString() : null;
  }

  /** The material types of the city (codes and names). */
  async materialTypes(): Promise<{ code: string; name: { ja: string; en?: string } }[]> {
    const rows = await tenantStatement<{ value: unknown }>(`SELECT value FROM ${currentTenantSchema()}.settings WHERE key = 'materialTypes'`, []);
    const v = rows[0]?.value;
    return Array.isArray(v) ? (v as { code: string; name: { ja: string; en?: string } }[]) : [];
  }
}
