import { Injectable, Logger } from '@nestjs/common';
import { currentTenant, queryWhereStored, quotedTenantSchema, RowsOf, tenantStatement } from '@shiori/tenancy';
import { DatabaseKind } from '../../../engine/database/database-kind';
import type { TokenFrequency } from './document';

/** Block quantiles read per tenant: the blocks before which 1 %, 2 %, … 99 % of the live records lie. */
const QUANTILES = 99;

/** Records the block sample aims at (TABLESAMPLE SYSTEM reads whole blocks): a few milliseconds at a million. */
const SAMPLED_RECORDS = 20_000;

/**
 * One statement, run where the records are stored (`%1$s` is the table there, queryWhereStored),
 * giving one JSON text:
 *   elems, freqs  PostgreSQL's most common tokens of records.search with their shares of the
 *                 records (ANALYZE keeps up to 1,000);
 *   rows          the planner's row count of the table (reltuples; -1 before its first ANALYZE);
 *   blocks        where the live records lie: the block quantiles of a block sample of the table.
 *
 * Statistics and blocks are facts of the node that stores the rows. On Citus a tenant's tables
 * on the coordinator are empty shells (no statistics, no blocks, reltuples 0), so this runs on
 * the worker, on the shard. Counting tokens ourselves instead would add a write per token to
 * every record change (and contention on the common ones) and still know nothing of blocks.
 */
export const SEARCH_STATS_PROBE = `SELECT json_build_object(
  'elems', st.most_common_elems::text::text[], 'freqs', st.most_common_elem_freqs, 'rows', c.reltuples,
  'blocks', (SELECT percentile_disc(ARRAY(SELECT g::float8 / ${QUANTILES + 1} FROM generate_series(1, ${QUANTILES}) g))
                     WITHIN GROUP (ORDER BY ((r.ctid::text::point)[0])::int)
               FROM %1$s r TABLESAMPLE SYSTEM ((SELECT least(100, greatest(0.1, ${SAMPLED_RECORDS * 100}.0 / greatest(1, reltuples)))
                                                  FROM pg_class WHERE oid = '%1$s'::regclass))
              WHERE r.withdrawn_at IS NULL))::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = 'search'
 WHERE c.oid = '%1$s'::regclass`;

export interface SearchStatsRow {
  elems: string[] | null;
  freqs: number[] | null;
  rows: number | null;
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
  /** About how many rows the records table holds (the planner's count), when known. */
  tableRows?: number;
}

/** The statistics from the probe's row; parts unknown (no ANALYZE yet, empty table) are left out. */
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
  if (typeof row?.rows === 'number' && row.rows >= 0) out.tableRows = row.rows;
  return out;
}

/** Reads one tenant's search statistics where its records are stored (SEARCH_STATS_PROBE). */
export async function readSearchStatistics(rows: RowsOf, citus: boolean, slug: string): Promise<SearchStatistics> {
  const json = await queryWhereStored(rows, citus, `${quotedTenantSchema(slug)}.records`, SEARCH_STATS_PROBE);
  return searchStatistics(json ? (JSON.parse(json) as SearchStatsRow) : undefined);
}

/** How long a tenant's statistics are reused (autovacuum's ANALYZE changes them slowly; bulk loads refresh them). */
const TTL_MS = 10 * 60_000;

/**
 * Per tenant: how common each search token is, so a query reads the posting lists of its
 * rarest bigrams only (document.ts, rarestBigrams), and where the live records lie in the
 * table, so a sampled search estimates its total right even when the table is unevenly
 * filled (search-query.ts). One small statement per tenant every ten minutes; concurrent
 * searches share it. Should it fail, searches go on without statistics (slower, rougher
 * totals) and the failure is logged, once per ten minutes and tenant.
 */
@Injectable()
export class SearchStats {
  private readonly byTenant = new Map<string, { at: number; value: Promise<SearchStatistics> }>();

  constructor(private readonly db: DatabaseKind) {}

  /** The current tenant's statistics (empty when unknown). */
  get(): Promise<SearchStatistics> {
    const tenant = currentTenant();
    const hit = this.byTenant.get(tenant.id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = readSearchStatistics((sql, values) => tenantStatement(sql, values), this.db.citus, tenant.slug).catch((e) => {
      this.log.error(`search statistics of ${tenant.slug} could not be read: ${(e as Error).message}`);
      return {};
    });
    this.byTenant.set(tenant.id, { at: Date.now(), value });
    return value;
  }

  private readonly log = new Logger('SearchStats');
}
