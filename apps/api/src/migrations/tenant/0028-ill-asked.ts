import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 相互貸借 asked by the patron (issue #16): where the agreement lets patrons ask
 * (`terms.ill.patronsMayAsk`), a patron's request waits in the borrowing city as `asked` until
 * a librarian forwards it to the lending city (→ `requested`) or declines it with a reason.
 */
export class IllAsked0028 implements MigrationInterface {
  name = '0028-ill-asked';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ill_requests DROP CONSTRAINT ill_requests_status`);
    await q.query(`
      ALTER TABLE ill_requests ADD CONSTRAINT ill_requests_status CHECK (status IN
        ('asked','requested','accepted','in-transit','arrived','on-loan','returned','in-transit-home','back-on-shelf','declined','cancelled','lost'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ill_requests WHERE status = 'asked'`);
    await q.query(`ALTER TABLE ill_requests DROP CONSTRAINT ill_requests_status`);
    await q.query(`
      ALTER TABLE ill_requests ADD CONSTRAINT ill_requests_status CHECK (status IN
        ('requested','accepted','in-transit','arrived','on-loan','returned','in-transit-home','back-on-shelf','declined','cancelled','lost'))`);
  }
}
