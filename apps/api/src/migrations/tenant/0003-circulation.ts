import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Circulation and holds: what the desk and the hold life cycle need beyond 0001-core.
 * Runs with search_path set to the tenant schema; no table name carries a schema.
 */
export class Circulation0003 implements MigrationInterface {
  name = '0003-circulation';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- loans: when the overdue job first saw the loan overdue (the notice goes once)
      ALTER TABLE loans ADD COLUMN overdue_since date;
      ALTER TABLE loans ADD COLUMN last_renewed_at timestamptz;
      CREATE INDEX loans_due_open ON loans (due_date) WHERE returned_at IS NULL;

      -- every renewal, with the channel and the policy version that allowed it
      CREATE TABLE loan_renewals (
        id bigserial PRIMARY KEY,
        loan_id uuid NOT NULL REFERENCES loans(id),
        renewed_at timestamptz NOT NULL DEFAULT now(),
        channel text NOT NULL CHECK (channel IN ('online','counter','phone')),
        old_due_date date NOT NULL,
        new_due_date date NOT NULL,
        policy_version int NOT NULL
      );
      CREATE INDEX loan_renewals_loan ON loan_renewals (loan_id);

      -- holds: the day the ready notice went out (Kitakyushu and Koga count the shelf
      -- period from it), where a trapped copy travels from, and when a hold expired
      ALTER TABLE holds ADD COLUMN notice_date date;
      ALTER TABLE holds ADD COLUMN transit_from_branch text;
      ALTER TABLE holds ADD COLUMN expired_at timestamptz;

      -- one active hold per patron and title (ALREADY_HELD even under concurrent requests)
      CREATE UNIQUE INDEX holds_one_active_per_patron_record ON holds (patron_id, record_id)
        WHERE status IN ('waiting','in-transit','ready');
      -- the hold shelf and its expiry job
      CREATE INDEX holds_ready_expiry ON holds (expires_at) WHERE status = 'ready';
      -- ordered series (順番予約): the volumes of one request
      CREATE INDEX holds_series ON holds (series_group, series_position) WHERE series_group IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX holds_series;
      DROP INDEX holds_ready_expiry;
      DROP INDEX holds_one_active_per_patron_record;
      ALTER TABLE holds DROP COLUMN expired_at, DROP COLUMN transit_from_branch, DROP COLUMN notice_date;
      DROP TABLE loan_renewals;
      DROP INDEX loans_due_open;
      ALTER TABLE loans DROP COLUMN last_renewed_at, DROP COLUMN overdue_since;
    `);
  }
}
