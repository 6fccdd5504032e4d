import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reading-history trigger (0005) as statements Citus can run. Its one INSERT … SELECT over
 * patrons joined to items with no condition between the two ("Cartesian products are currently
 * unsupported") failed every check-out on a Citus worker. Now: read whether the patron opted
 * in, read the copy's title, insert; each statement about one row. Same rows as before.
 */
export class ReadingHistoryTrigger0016 implements MigrationInterface {
  name = '0016-reading-history-trigger';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION record_reading_history() RETURNS trigger AS $$
      DECLARE
        opted_in timestamptz;
        copy_record uuid;
        copy_title text;
      BEGIN
        SELECT p.history_opt_in_at INTO opted_in FROM patrons p WHERE p.id = NEW.patron_id;
        IF opted_in IS NULL OR NEW.loaned_at < opted_in THEN
          RETURN NEW;
        END IF;
        SELECT i.record_id INTO copy_record FROM items i WHERE i.id = NEW.item_id;
        SELECT r.title INTO copy_title FROM records r WHERE r.id = copy_record;
        IF copy_title IS NULL THEN
          RETURN NEW;
        END IF;
        INSERT INTO reading_history (patron_id, record_id, title, loaned_at)
        VALUES (NEW.patron_id, copy_record, copy_title, NEW.loaned_at)
        ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$ LANGUAGE plpgsql SET search_path FROM CURRENT
    `);
  }

  /** Nothing to revert: the function writes the rows 0005's wrote (0005's own down drops it). */
  async down(): Promise<void> {}
}
