import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the public `/info` is made of (InfoService): any write to one of them moves `info_version`. */
const INFO_TABLES = ['settings', 'policy_versions', 'branches', 'pickup_points', 'closed_days', 'bookmobile_stops', 'bookmobile_closures'] as const;

/**
 * A version of what the public `/info` is made of, so that the API's serialised copy of a
 * city's `/info` can be checked by reading one number instead of recomputing a fingerprint of
 * the branches, pickup points, settings and policy on every request (issue #25: with 500
 * cities that statement was prepared and planned again on nearly every request).
 *
 * `info_version` holds one row. A statement-level trigger on each table of INFO_TABLES adds 1
 * to it, in the writing transaction, whoever writes (the API, a migration, an operator's SQL;
 * TRUNCATE too): a reader that sees the change sees the new number, one that sees the old
 * number sees none of the change. A statement that changes no row moves it as well (a needless
 * re-render, never a stale answer). Writers of these tables (staff editing branches, the
 * policy, the timetable: a few a day per city) queue on the row until their transaction ends;
 * the trigger runs BEFORE each statement, so a writer takes that row before any row of these
 * tables, and two writers cannot each hold what the other waits for there.
 *
 * The first number is the clock at migration time in microseconds, not 0: a city whose schema
 * is dropped and made again starts beyond the numbers the old one reached. One statement per
 * call (Citus); the trigger touches only its own city's table (same worker).
 */
export class InfoVersion0029 implements MigrationInterface {
  name = '0029-info-version';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS info_version (
        one boolean NOT NULL DEFAULT true CONSTRAINT info_version_pkey PRIMARY KEY CONSTRAINT info_version_one CHECK (one),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO info_version (one, version) VALUES (true, $1) ON CONFLICT DO NOTHING`, [String(Date.now() * 1000)]);
    await q.query(`
      CREATE OR REPLACE FUNCTION info_version_bump() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        -- once per transaction: one new number is all a reader needs (a city's provisioning
        -- writes these tables in hundreds of statements); undone with a rolled-back savepoint
        IF current_setting('shiori.info_version_moved', true) IS DISTINCT FROM 'on' THEN
          UPDATE info_version SET version = version + 1 WHERE one;
          PERFORM set_config('shiori.info_version_moved', 'on', true);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const table of INFO_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_info_version ON ${table}`);
      await q.query(`CREATE TRIGGER ${table}_info_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION info_version_bump()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of INFO_TABLES) await q.query(`DROP TRIGGER IF EXISTS ${table}_info_version ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS info_version_bump()`);
    await q.query(`DROP TABLE IF EXISTS info_version`);
  }
}
