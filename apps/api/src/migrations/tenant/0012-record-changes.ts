import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record changes in an order a harvester can follow (OAI-PMH, migration for the interop module).
 *
 * Every write that changes what a record says to the outside world (its bibliographic fields,
 * its withdrawal, the branches that hold it) stamps the row, in a BEFORE trigger:
 *
 *   change_xid  the writing transaction's id (pg_current_xact_id(), 64-bit, never wraps)
 *   changed_at  when (clock_timestamp(): the moment of the write, not of the transaction's start)
 *
 * Circulation, which rewrites a record's availability columns at every loan, does not stamp it.
 *
 * Why a transaction id, not a sequence: a harvest pages through records in a fixed order and
 * its resumption token says where it stopped. With a sequence, transaction A takes 100 and B
 * takes 101; B commits first; a page read then ends at 101 and the next one starts after it;
 * A commits later with 100, behind the token, and is never harvested. Ordering by commit
 * would need every writer to wait for the others (a lock), which would make an import and the
 * desk wait for each other and invite deadlocks.
 *
 * Instead a page reads only rows whose change_xid is below the xmin of its own snapshot
 * (pg_snapshot_xmin(pg_current_snapshot())): every transaction below xmin has ended, so that
 * set of rows is final — no transaction can still add to it — and, since xmin only grows, each
 * later page's set contains the earlier one. The token is the last (change_xid, id) read; a
 * record that commits late has an xid at or above the xmin of the pages read before it
 * committed, so it lies after their tokens and is read by a later page. A record changed again
 * takes a newer xid and moves forward: a harvester sees its newest state, once more. So no
 * record is skipped and none repeated unless it changed. What this costs: a page does not see
 * changes newer than the oldest transaction still writing (an import's record, a few ms);
 * those appear in the next pages or the next harvest.
 *
 * Records that existed before this migration keep change_xid 1 (a constant default: no table
 * rewrite for it) and take their change time from updated_at, so the first harvest lists them
 * by id. One statement per call (Citus).
 */
export class RecordChanges0012 implements MigrationInterface {
  name = '0012-record-changes';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE records ADD COLUMN IF NOT EXISTS change_xid xid8 NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE records ADD COLUMN IF NOT EXISTS changed_at timestamptz`);
    await q.query(`UPDATE records SET changed_at = greatest(updated_at, withdrawn_at) WHERE changed_at IS NULL`);
    await q.query(`ALTER TABLE records ALTER COLUMN changed_at SET NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS records_change_order ON records (change_xid, id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS records_changed_at ON records (changed_at)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION records_stamp_change() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.change_xid := pg_current_xact_id();
        NEW.changed_at := clock_timestamp();
        RETURN NEW;
      END
      $fn$`);
    await q.query(`DROP TRIGGER IF EXISTS records_change_insert ON records`);
    await q.query(`CREATE TRIGGER records_change_insert BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION records_stamp_change()`);
    await q.query(`DROP TRIGGER IF EXISTS records_change_update ON records`);
    await q.query(`
      CREATE TRIGGER records_change_update BEFORE UPDATE ON records FOR EACH ROW
      WHEN ((OLD.title, OLD.title_reading, OLD.subtitle, OLD.authors, OLD.publisher, OLD.published_year, OLD.isbn,
             OLD.material_type, OLD.series, OLD.volume, OLD.ndc, OLD.control_number, OLD.received_at, OLD.withdrawn_at,
             OLD.holding_branches)
            IS DISTINCT FROM
            (NEW.title, NEW.title_reading, NEW.subtitle, NEW.authors, NEW.publisher, NEW.published_year, NEW.isbn,
             NEW.material_type, NEW.series, NEW.volume, NEW.ndc, NEW.control_number, NEW.received_at, NEW.withdrawn_at,
             NEW.holding_branches))
      EXECUTE FUNCTION records_stamp_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS records_change_update ON records`);
    await q.query(`DROP TRIGGER IF EXISTS records_change_insert ON records`);
    await q.query(`DROP FUNCTION IF EXISTS records_stamp_change()`);
    await q.query(`DROP INDEX IF EXISTS records_changed_at`);
    await q.query(`DROP INDEX IF EXISTS records_change_order`);
    await q.query(`ALTER TABLE records DROP COLUMN IF EXISTS changed_at`);
    await q.query(`ALTER TABLE records DROP COLUMN IF EXISTS change_xid`);
  }
}
