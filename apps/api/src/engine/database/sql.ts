import { createHash } from 'node:crypto';
import { ACTIVE_HOLD_STATUSES, ALLOCATED_HOLD_STATUSES, HoldStatus } from '@shiori/policy';
import { tenantManager } from '@shiori/tenancy';

/**
 * Runs a data-changing statement with RETURNING in the tenant transaction and gives back the
 * returned rows. (TypeORM answers UPDATE and DELETE with `[rows, rowCount]` but INSERT with
 * the rows; callers should not have to remember which.)
 */
export async function changedRows<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
  const res = await tenantManager().query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return res[0] as T[];
  return res as T[];
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `shiori_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

interface PgConnection {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * The desk's hot statements as named (prepared) statements on the connection of the tenant
 * transaction: PostgreSQL parses and plans each once per pooled connection instead of on
 * every check-out and check-in, which was most of their cost. Still the request's
 * transaction and its `search_path`: PostgreSQL re-plans a prepared statement by itself
 * when the search_path differs from the one it was planned under (another tenant).
 */
export async function preparedRows<T = Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]> {
  const runner = tenantManager().queryRunner as unknown as { databaseConnection?: PgConnection } | undefined;
  const connection = runner?.databaseConnection;
  if (!connection) return changedRows<T>(text, params);
  const res = await connection.query({ name: statementName(text), text, values: params });
  return res.rows as T[];
}

const statusList = (statuses: readonly HoldStatus[]) => statuses.map((st) => `'${st}'`).join(',');
const ACTIVE_HOLD_IN = `IN (${statusList(ACTIVE_HOLD_STATUSES)})`;
const ALLOCATED_HOLD_IN = `IN (${statusList(ALLOCATED_HOLD_STATUSES)})`;

/**
 * The active-hold condition, written once: `h.status IN ('waiting','in-transit','ready')` for
 * `activeHoldSql('h')` (libs/policy's ACTIVE_HOLD_STATUSES). Literals, not a parameter, so the
 * planner matches the partial indexes whose predicate is this very list (holds_record_active).
 */
export function activeHoldSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status ${ACTIVE_HOLD_IN}`;
}

/** `h.status IN ('in-transit','ready')`: a hold with a copy allocated (the index holds_one_per_item). */
export function allocatedHoldSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status ${ALLOCATED_HOLD_IN}`;
}

/**
 * The SQL of each field of an answer `T` (a @shiori/contracts type), one expression per key: the
 * type lists every key, so a field renamed, added or removed in the contract fails `tsc` here
 * until the statement follows.
 */
export type FieldsSql<T> = { [K in keyof T]-?: string };

/** `json_build_object('id', r.id, …)` of an answer's fields, in the order given. */
export function jsonObjectSql<T>(fields: FieldsSql<T>): string {
  return `json_build_object(${Object.entries(fields as Record<string, string>).map(([key, sql]) => `'${key}', ${sql}`).join(', ')})`;
}

/** `r.id AS "id", …`: a SELECT list whose rows are an answer's fields, in the order given. */
export function columnsSql<T>(fields: FieldsSql<T>): string {
  return Object.entries(fields as Record<string, string>).map(([key, sql]) => `${sql} AS "${key}"`).join(', ');
}
