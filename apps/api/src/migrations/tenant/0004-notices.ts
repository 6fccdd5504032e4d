import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices: what the notice jobs remember so each reminder goes once, and indexes for the
 * librarians' outbox list and the new-arrival alerts. Runs with search_path set to the
 * tenant schema; no table name carries a schema.
 */
export class Notices0004 implements MigrationInterface {
  name = '0004-notices';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- the due date a reminder was sent for: a renewed loan (new due date) is reminded again
      ALTER TABLE loans ADD COLUMN due_reminded_for date;
      -- the card expiry date a reminder was sent for: a renewed card is reminded again next time
      ALTER TABLE patrons ADD COLUMN card_expiry_reminded_for date;
      CREATE INDEX patrons_expires_at ON patrons (expires_at) WHERE expires_at IS NOT NULL AND email IS NOT NULL;

      -- librarians page through the outbox by status, newest first
      CREATE INDEX outbox_status_id ON outbox (status, id DESC);

      -- alerts: one patron's saved searches; records added since the last check
      CREATE INDEX saved_searches_patron ON saved_searches (patron_id);
      CREATE INDEX records_created_at ON records (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX records_created_at;
      DROP INDEX saved_searches_patron;
      DROP INDEX outbox_status_id;
      DROP INDEX patrons_expires_at;
      ALTER TABLE patrons DROP COLUMN card_expiry_reminded_for;
      ALTER TABLE loans DROP COLUMN due_reminded_for;
    `);
  }
}
