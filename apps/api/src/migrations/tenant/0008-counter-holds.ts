import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter holds (カウンターでの予約受付): who placed a hold. `placed_via` already says the
 * channel (web, counter, request); `placed_by` says whether the patron or a librarian did,
 * with the librarian's id and user name (platform.staff lives in another schema and staff
 * accounts may be removed, so the name is kept as written). A librarian may take a hold
 * beyond the patron's hold limit: `limit_override` records that they did; `staff_note` is
 * the desk's note on the hold.
 *
 * Holds placed at the counter or as requests before this migration were entered by staff.
 */
export class CounterHolds0008 implements MigrationInterface {
  name = '0008-counter-holds';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS placed_by text NOT NULL DEFAULT 'patron';
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS placed_by_staff_id uuid;
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS placed_by_staff_name text;
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS limit_override boolean NOT NULL DEFAULT false;
      ALTER TABLE holds ADD COLUMN IF NOT EXISTS staff_note text;
      UPDATE holds SET placed_by = 'staff' WHERE placed_via <> 'web' AND placed_by = 'patron';
      ALTER TABLE holds DROP CONSTRAINT IF EXISTS holds_placed_by;
      ALTER TABLE holds ADD CONSTRAINT holds_placed_by CHECK (
        placed_by IN ('patron','staff') AND (placed_by = 'staff' OR (placed_by_staff_id IS NULL AND NOT limit_override))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE holds DROP CONSTRAINT IF EXISTS holds_placed_by;
      ALTER TABLE holds DROP COLUMN IF EXISTS staff_note, DROP COLUMN IF EXISTS limit_override,
        DROP COLUMN IF EXISTS placed_by_staff_name, DROP COLUMN IF EXISTS placed_by_staff_id, DROP COLUMN IF EXISTS placed_by;
    `);
  }
}
