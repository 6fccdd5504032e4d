/**
 * Search buckets: records are split into SEARCH_BUCKETS hash buckets of their id, each with
 * its own partial GIN index on `search` (migration 0006-search-buckets, which repeats the
 * count and the expression as literals). A search that reads only a sample of its matches
 * reads bucket after bucket and stops when the sample is full (search-query.ts).
 */
export const SEARCH_BUCKETS = 8;

/** The bucket of a record row `alias` (the partial indexes' predicate, as the planner must see it). */
export function bucketOf(alias: string): string {
  return `(uuid_hash(${alias}.id) & ${SEARCH_BUCKETS - 1})`;
}
