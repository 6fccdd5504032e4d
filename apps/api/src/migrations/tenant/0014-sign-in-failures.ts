import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins and online password registrations (issue #22), counted per typed card and
 * client address (`source`, '*' = every address) instead of a lock on the patron: a
 * stranger's failures slow the stranger, and no longer lock the patron out. `last_success_at`
 * remembers the addresses a card signed in from. The old lock columns go.
 */
export class SignInFailures0014 implements MigrationInterface {
  name = '0014-sign-in-failures';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS sign_in_failures (
        account_key text NOT NULL,
        source text NOT NULL,
        failures int NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        last_success_at timestamptz,
        CONSTRAINT sign_in_failures_pkey PRIMARY KEY (account_key, source)
      );
      ALTER TABLE patrons DROP COLUMN IF EXISTS failed_logins;
      ALTER TABLE patrons DROP COLUMN IF EXISTS locked_until;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE patrons ADD COLUMN IF NOT EXISTS failed_logins int NOT NULL DEFAULT 0;
      ALTER TABLE patrons ADD COLUMN IF NOT EXISTS locked_until timestamptz;
      DROP TABLE IF EXISTS sign_in_failures;
    `);
  }
}
