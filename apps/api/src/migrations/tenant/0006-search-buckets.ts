import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Eight more GIN indexes on records.search, each over one eighth of the records picked by
 * a hash of the id (`(uuid_hash(id) & 7) = k`), beside the whole-table `records_search`.
 *
 * Why: a GIN bitmap scan reads every posting list of the query in full before the first row
 * comes out, so a broad query (芥川 龍之介: 27,000 of a million records) costs 10–15 ms in
 * the index alone, even though the search reads only a sample of 501 matches
 * (search-query.ts). The sample now reads the buckets one after another and stops as soon
 * as it has enough rows, so a broad query reads about one eighth of its posting lists; the
 * matches of one bucket are a random eighth of all matches, which keeps the sample fair and
 * the total estimate simple. Narrow queries read all eight (eight small index descents).
 *
 * The count 8 and the expression are repeated in search/buckets.ts (SEARCH_BUCKETS); a
 * migration keeps its own literals so that it means the same thing forever.
 */
export class SearchBuckets0006 implements MigrationInterface {
  name = '0006-search-buckets';

  async up(q: QueryRunner): Promise<void> {
    for (let k = 0; k < 8; k++) {
      await q.query(`CREATE INDEX IF NOT EXISTS records_search_b${k} ON records USING gin (search) WHERE (uuid_hash(id) & 7) = ${k}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (let k = 0; k < 8; k++) await q.query(`DROP INDEX IF EXISTS records_search_b${k}`);
  }
}
