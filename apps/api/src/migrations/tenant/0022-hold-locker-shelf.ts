import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kushiro's hold locker room (予約取置室, seeds/001: the lookup terminal tells the patron which
 * shelf holds their items): the shelf number the desk gives a hold when it traps the copy to
 * a locker pickup point, shown on the slip, in the ready notice and on My page.
 */
export class HoldLockerShelf0022 implements MigrationInterface {
  name = '0022-hold-locker-shelf';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE holds ADD COLUMN shelf_number integer CONSTRAINT holds_shelf_number_positive CHECK (shelf_number > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE holds DROP COLUMN shelf_number`);
  }
}
