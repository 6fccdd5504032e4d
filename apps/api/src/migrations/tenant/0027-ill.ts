import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 相互貸借 (ILL, issue #16) and the messages between cities that carry it.
 *
 * - `city_messages_out`: what this city must tell another city, written in the same
 *   transaction as the step that caused it; a worker claims rows (FOR UPDATE SKIP LOCKED),
 *   applies them in the receiver's own transaction and marks them delivered here.
 * - `city_messages_in`: the keys of the messages this city has applied, written in the same
 *   transaction as their effect: a message delivered twice (a crash between the receiver's
 *   commit and the sender's mark) is applied once.
 * - `ill_requests`: each city's own row of a request. The borrowing city's row (`borrower`)
 *   names its patron; the lending city's (`lender`) names the borrowing city and the request
 *   number only (the patron's name only where the agreement says so); a city where a copy of
 *   another city was returned keeps a `transit` row until it sends the copy home.
 * - items get the status `ill`: a copy lent to another city cannot be lent here.
 */
export class Ill0027 implements MigrationInterface {
  name = '0027-ill';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE city_messages_out (
        id bigserial PRIMARY KEY,
        message_key text NOT NULL,
        to_city text NOT NULL,
        kind text NOT NULL,
        body jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT city_messages_out_status CHECK (status IN ('pending','delivered','failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT city_messages_out_key UNIQUE (message_key)
      );
      CREATE INDEX city_messages_out_due ON city_messages_out (next_attempt_at, id) WHERE status = 'pending';

      CREATE TABLE city_messages_in (
        message_key text NOT NULL CONSTRAINT city_messages_in_pkey PRIMARY KEY,
        from_city text NOT NULL,
        kind text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE SEQUENCE ill_request_numbers;
      CREATE TABLE ill_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT ill_requests_pkey PRIMARY KEY,
        role text NOT NULL CONSTRAINT ill_requests_role CHECK (role IN ('borrower','lender','transit')),
        number text NOT NULL,
        partner_city text NOT NULL,
        status text NOT NULL CONSTRAINT ill_requests_status CHECK (status IN
          ('requested','accepted','in-transit','arrived','on-loan','returned','in-transit-home','back-on-shelf','declined','cancelled','lost')),
        record_id text NOT NULL,
        title text NOT NULL,
        item_barcode text,
        item_id uuid CONSTRAINT ill_requests_item REFERENCES items(id),
        patron_id uuid CONSTRAINT ill_requests_patron REFERENCES patrons(id),
        patron_name text,
        pickup_branch text,
        note text,
        decline_reason text,
        loan_days int,
        due_date date,
        loaned_at timestamptz,
        renewals int NOT NULL DEFAULT 0,
        courier_departs date,
        expected_arrival date,
        return_city text,
        history jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ill_requests_number UNIQUE (role, partner_city, number)
      );
      CREATE INDEX ill_requests_barcode ON ill_requests (item_barcode) WHERE item_barcode IS NOT NULL;
      CREATE INDEX ill_requests_patron ON ill_requests (patron_id) WHERE patron_id IS NOT NULL;
      CREATE INDEX ill_requests_status ON ill_requests (role, status, created_at);

      ALTER TABLE items DROP CONSTRAINT items_status_check;
      ALTER TABLE items ADD CONSTRAINT items_status_check
        CHECK (status IN ('on-shelf','on-loan','reserved','in-transit','on-hold-shelf','missing','withdrawn','ill'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE items DROP CONSTRAINT items_status_check;
      ALTER TABLE items ADD CONSTRAINT items_status_check
        CHECK (status IN ('on-shelf','on-loan','reserved','in-transit','on-hold-shelf','missing','withdrawn'));
      DROP TABLE ill_requests;
      DROP SEQUENCE ill_request_numbers;
      DROP TABLE city_messages_in;
      DROP TABLE city_messages_out;
    `);
  }
}
