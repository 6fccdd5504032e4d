import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password registered online ("register again" by identity fields) for a patron with an
 * e-mail on file takes effect only once the link mailed to that address is opened (issue
 * #22): the pending password's hash waits in a `password-confirm` token. The kinds check
 * gets a name of its own (Citus wants named constraints).
 */
export class PasswordConfirmTokens0015 implements MigrationInterface {
  name = '0015-password-confirm-tokens';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE patron_tokens DROP CONSTRAINT IF EXISTS patron_tokens_kind_check;
      ALTER TABLE patron_tokens DROP CONSTRAINT IF EXISTS patron_tokens_kind;
      ALTER TABLE patron_tokens ADD CONSTRAINT patron_tokens_kind CHECK (kind IN ('password-reset','email-confirm','password-confirm'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM patron_tokens WHERE kind = 'password-confirm';
      ALTER TABLE patron_tokens DROP CONSTRAINT IF EXISTS patron_tokens_kind;
      ALTER TABLE patron_tokens ADD CONSTRAINT patron_tokens_kind CHECK (kind IN ('password-reset','email-confirm'));
    `);
  }
}
