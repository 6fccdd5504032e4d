import { Injectable } from '@nestjs/common';
import { currentTenant, quotedTenantSchema, tenantStatement } from '@shiori/tenancy';
import type { TokenFrequency } from './document';

/** Block quantiles read per tenant: the blocks before which 1 %, 2 %, … 99 % of the live records lie. */
const QUANTILES = 99;

/** Records the block sample aims at (TABLESAMPLE SYSTEM reads whole blocks): a few milliseconds at a million. */
const SAMPLED_RECORDS = 20_000;

/**
 * One statement, per tenant (`schema` quoted, e.g. quotedTenantSchema(slug); $1 the schema name):
 *   elems, freqs  PostgreSQL's most common tokens of records.search with their shares of the
 *                 records (ANALYZE keeps up to 1,000);
 *   blocks        where the live records lie: the block quantiles of a block sample of the table.
 */
export function searchStatsSql(schema: string): string {
  const records = `${schema}.records`;
  return `SELECT st.most_common_elems::text::text[] AS elems, st.most_common_elem_freqs AS freqs,
       (SELECT percentile_disc(ARRAY(SELECT g::float8 / ${QUANTILES + 1} FROM generate_series(1, ${QUANTILES}) g))
                 WITHIN GROUP (ORDER BY ((r.ctid::text::point)[0])::int)
          FROM ${records} r TABLESAMPLE SYSTEM ((SELECT least(100, greatest(0.1, ${SAMPLED_RECORDS * 100}.0 / greatest(1, c.reltuples)))
                                                   FROM pg_class c WHERE c.oid = '${records}'::regclass))
         WHERE r.withdrawn_at IS NULL) AS blocks
  FROM (SELECT 1) one
  LEFT JOIN pg_stats st ON st.schemaname = $1 AND st.tablename = 'records' AND st.attname = 'search'`;
}

export interface SearchStatsRow {
  elems: string[] | null;
  freqs: number[] | null;
  blocks: number[] | null;
}

/** What the search builder takes from the statistics (BuildOptions of search-query.ts). */
export interface SearchStatistics {
  frequency?: TokenFrequency;
  /**
   * The summed shares of the most common tokens that start with a prefix (`b<の>`: every
   * listed bigram starting with の): how common a one-character query is, roughly (a record
   * with two such bigrams counts twice, an unlisted bigram not at all).
   */
  prefixShare?: (prefix: string) => number;
  blockQuantiles?: number[];
}

/** The statistics from the row of searchStatsSql(); parts unknown (no ANALYZE yet, empty table) are left out. */
export function searchStatistics(row: SearchStatsRow | undefined): SearchStatistics {
  const out: SearchStatistics = {};
  if (row?.elems?.length && row.freqs) {
    const map = new Map<string, number>();
    row.elems.forEach((e, i) => map.set(e, row.freqs![i]));
    out.frequency = (token) => map.get(token);
    const sums = new Map<string, number>();
    out.prefixShare = (prefix) => {
      let sum = sums.get(prefix);
      if (sum === undefined) {
        sum = 0;
        for (const [e, f] of map) if (e.startsWith(prefix)) sum += f;
        sums.set(prefix, sum);
      }
      return sum;
    };
  }
  if (row?.blocks?.length === QUANTILES && row.blocks.every((b) => Number.isInteger(b))) out.blockQuantiles = row.blocks;
  return out;
}

/** How long a tenant's statistics are reused (autovacuum's ANALYZE changes them slowly; bulk loads refresh them). */
const TTL_MS = 10 * 60_000;

/**
 * Per tenant: how common each search token is, so a query reads the posting lists of its
 * rarest bigrams only (document.ts, rarestBigrams), and where the live records lie in the
 * table, so a sampled search estimates its total right even when the table is unevenly
 * filled (search-query.ts). One small statement per tenant every ten minutes; concurrent
 * searches share it.
 */
@Injectable()
export class SearchStats {
  private readonly byTenant = new Map<string, { at: number; value: Promise<SearchStatistics> }>();

  /** The current tenant's statistics (empty when unknown). */
  get(): Promise<SearchStatistics> {
    const tenant = currentTenant();
    const hit = this.byTenant.get(tenant.id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = tenantStatement<SearchStatsRow>(searchStatsSql(quotedTenantSchema(tenant.slug)), [tenant.schema]).then(
      (rows) => searchStatistics(rows[0]),
      () => ({}),
    );
    this.byTenant.set(tenant.id, { at: Date.now(), value });
    return value;
  }
}
