import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suggestions as you type at 1M records and 16 clients (issue #20), two parts:
 *
 * 1. `search_terms_key` becomes a covering index (key) INCLUDE (kind, label, reading,
 *    records): the suggestion's window of terms by key (and もしかして's probes by key) is an
 *    index-only scan, with no heap page read per term while the visibility map is set
 *    (autovacuum keeps it; a bulk fill is followed by VACUUM where it can be: the benchmark).
 *
 * 2. `terms_version`, as `info_version` (0029) is for /info: one row, moved by a
 *    statement-level trigger on search_terms, in the writing transaction, whoever writes (the
 *    API's cataloguing, fillSearchTermsIfEmpty, an operator's SQL; TRUNCATE too), once per
 *    transaction. The API keeps suggestion lists per (city, typed prefix) and serves one only
 *    while the city's `terms_version` is the one it was read at (SuggestService): a reader that
 *    sees the change sees the new number. Writers of search_terms of one city queue on that row
 *    until their transaction ends (they already meet on the rows of shared terms); the trigger
 *    runs BEFORE each statement, so a writer takes it before any row of search_terms.
 *
 * The first number is the clock at migration time in microseconds (a schema dropped and made
 * again starts beyond the numbers the old one reached). One statement per call (Citus); the
 * trigger touches only its own city's table.
 */
export class TermsVersion0030 implements MigrationInterface {
  name = '0030-terms-version';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS search_terms_key_cover ON search_terms (key) INCLUDE (kind, label, reading, records)`);
    await q.query(`DROP INDEX IF EXISTS search_terms_key`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS terms_version (
        one boolean NOT NULL DEFAULT true CONSTRAINT terms_version_pkey PRIMARY KEY CONSTRAINT terms_version_one CHECK (one),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO terms_version (one, version) VALUES (true, $1) ON CONFLICT DO NOTHING`, [String(Date.now() * 1000)]);
    await q.query(`
      CREATE OR REPLACE FUNCTION terms_version_bump() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        -- once per transaction (an import writes search_terms in many statements); undone
        -- with a rolled-back savepoint
        IF current_setting('shiori.terms_version_moved', true) IS DISTINCT FROM 'on' THEN
          UPDATE terms_version SET version = version + 1 WHERE one;
          PERFORM set_config('shiori.terms_version_moved', 'on', true);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`DROP TRIGGER IF EXISTS search_terms_terms_version ON search_terms`);
    await q.query(
      `CREATE TRIGGER search_terms_terms_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_terms FOR EACH STATEMENT EXECUTE FUNCTION terms_version_bump()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS search_terms_terms_version ON search_terms`);
    await q.query(`DROP FUNCTION IF EXISTS terms_version_bump()`);
    await q.query(`DROP TABLE IF EXISTS terms_version`);
    await q.query(`CREATE INDEX IF NOT EXISTS search_terms_key ON search_terms (key)`);
    await q.query(`DROP INDEX IF EXISTS search_terms_key_cover`);
  }
}
