import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loans and holds that follow the bus: a loan made at a bookmobile station remembers the
 * station (its due date and renewals land on that station's visits); a ready hold for a
 * station remembers the visit it can first be picked up at (`pickup_from`, with the time
 * and place the ready notice named), while `expires_at` is the last visit it waits for.
 */
export class BookmobileLoansHolds0026 implements MigrationInterface {
  name = '0026-bookmobile-loans-holds';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE loans ADD COLUMN IF NOT EXISTS station_code text;
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS pickup_from date;
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS pickup_stop jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE holds DROP COLUMN IF EXISTS pickup_stop;
      ALTER TABLE holds DROP COLUMN IF EXISTS pickup_from;
      ALTER TABLE loans DROP COLUMN IF EXISTS station_code;
    `);
  }
}
