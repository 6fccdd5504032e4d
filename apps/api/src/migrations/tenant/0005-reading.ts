import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading history is recorded at check-out, from the moment the patron opted in, whatever
 * path made the loan (desk, back-dated bookmobile upload, self-check): a trigger on loans.
 * The function's search_path is pinned to the tenant schema it is created in, so it works
 * whoever inserts the loan.
 */
export class Reading0005 implements MigrationInterface {
  name = '0005-reading';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX IF NOT EXISTS shelves_one_favourites ON shelves (patron_id) WHERE kind = 'favourites';
      CREATE UNIQUE INDEX IF NOT EXISTS reading_history_loan ON reading_history (patron_id, record_id, loaned_at);

      CREATE OR REPLACE FUNCTION record_reading_history() RETURNS trigger AS $$
      BEGIN
        INSERT INTO reading_history (patron_id, record_id, title, loaned_at)
        SELECT NEW.patron_id, i.record_id, r.title, NEW.loaned_at
          FROM patrons p JOIN items i ON i.id = NEW.item_id JOIN records r ON r.id = i.record_id
         WHERE p.id = NEW.patron_id AND p.history_opt_in_at IS NOT NULL AND NEW.loaned_at >= p.history_opt_in_at
        ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$ LANGUAGE plpgsql SET search_path FROM CURRENT;

      CREATE TRIGGER loans_reading_history AFTER INSERT ON loans FOR EACH ROW EXECUTE FUNCTION record_reading_history();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS loans_reading_history ON loans; DROP FUNCTION IF EXISTS record_reading_history();`);
  }
}
