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
