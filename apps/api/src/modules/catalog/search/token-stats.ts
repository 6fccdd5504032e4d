import { Injectable } from '@nestjs/common';
import { currentTenant, tenantStatement } from '@shiori/tenancy';
import type { TokenFrequency } from './document';

/** PostgreSQL's most common tokens of records.search with their shares of the records (ANALYZE keeps up to 1,000). */
export const TOKEN_STATS_SQL = `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
  FROM pg_stats WHERE schemaname = $1 AND tablename = 'records' AND attname = 'search'`;

/** A frequency lookup from the row of TOKEN_STATS_SQL; undefined when the table has no statistics yet. */
export function tokenFrequency(row: { elems: string[] | null; freqs: number[] | null } | undefined): TokenFrequency | undefined {
  if (!row?.elems?.length || !row.freqs) return undefined;
  const map = new Map<string, number>();
  row.elems.forEach((e, i) => map.set(e, row.freqs![i]));
  return (token) => map.get(token);
}

/** How long a tenant's token statistics are reused (autovacuum's ANALYZE changes them slowly). */
const TTL_MS = 10 * 60_000;

/**
 * Per tenant, how common each search token is, so a query reads the posting lists of its
 * rarest bigrams only (document.ts, rarestBigrams). One small query per tenant every ten
 * minutes; concurrent searches share it.
 */
@Injectable()
export class TokenStats {
  private readonly byTenant = new Map<string, { at: number; value: Promise<TokenFrequency | undefined> }>();

  /** The current tenant's token frequencies, or undefined when unknown. */
  frequency(): Promise<TokenFrequency | undefined> {
    const tenant = currentTenant();
    const hit = this.byTenant.get(tenant.id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = tenantStatement<{ elems: string[] | null; freqs: number[] | null }>(TOKEN_STATS_SQL, [tenant.schema]).then(
      (rows) => tokenFrequency(rows[0]),
      () => undefined,
    );
    this.byTenant.set(tenant.id, { at: Date.now(), value });
    return value;
  }
}
