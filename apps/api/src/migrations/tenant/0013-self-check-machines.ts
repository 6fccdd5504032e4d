import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-check machines (自動貸出機) and their SIP2 logins. A machine signs in with `login`
 * (SIP2 `CN`) and its password (`CO`, stored as an argon2id hash) naming the city (`CP`);
 * it lends and takes back at `branch_code` and does only what its `may_*` flags allow.
 * `charset` is the character set the machine speaks (UTF-8 unless it needs a legacy one).
 * `credentials_version` goes up when the machine is disabled, its password or its character
 * set changes: an open connection signed in under an older version is refused at its next
 * message. No foreign key on the branch: the branch is checked when a librarian saves the
 * machine, and a deleted branch is refused by the desk services at the machine's next loan.
 *
 * Renewals at a self-check machine are recorded with their own channel ('self-check').
 */
export class SelfCheckMachines0013 implements MigrationInterface {
  name = '0013-self-check-machines';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS self_check_machines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL,
        name text NOT NULL,
        branch_code text NOT NULL,
        password_hash text NOT NULL,
        may_checkout boolean NOT NULL DEFAULT true,
        may_checkin boolean NOT NULL DEFAULT true,
        may_renew boolean NOT NULL DEFAULT true,
        may_patron_info boolean NOT NULL DEFAULT true,
        charset text NOT NULL DEFAULT 'utf-8',
        enabled boolean NOT NULL DEFAULT true,
        credentials_version int NOT NULL DEFAULT 1,
        last_login_at timestamptz,
        last_login_address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT self_check_machines_login UNIQUE (login),
        CONSTRAINT self_check_machines_login_format CHECK (login ~ '^[A-Za-z0-9._-]{3,40}$'),
        CONSTRAINT self_check_machines_charset CHECK (charset IN ('utf-8','windows-31j','euc-jp','ibm850','iso-8859-1'))
      );
      ALTER TABLE loan_renewals DROP CONSTRAINT IF EXISTS loan_renewals_channel_check;
      ALTER TABLE loan_renewals DROP CONSTRAINT IF EXISTS loan_renewals_channel;
      ALTER TABLE loan_renewals ADD CONSTRAINT loan_renewals_channel CHECK (channel IN ('online','counter','phone','self-check'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE loan_renewals DROP CONSTRAINT IF EXISTS loan_renewals_channel;
      ALTER TABLE loan_renewals ADD CONSTRAINT loan_renewals_channel_check CHECK (channel IN ('online','counter','phone'));
      DROP TABLE IF EXISTS self_check_machines;
    `);
  }
}
