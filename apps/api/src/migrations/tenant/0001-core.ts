import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The library's tables inside one tenant schema. Runs with search_path set to the tenant's
 * schema (libs/tenancy applyTenantMigrations), so no table name carries a schema here.
 */
export class Core0001 implements MigrationInterface {
  name = '0001-core';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL);

      CREATE TABLE policy_versions (
        version int PRIMARY KEY,
        policy jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        note text
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        actor_name text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC);

      CREATE TABLE branches (
        code text PRIMARY KEY,
        name text NOT NULL,
        name_en text,
        ask_pickup_point boolean NOT NULL DEFAULT false,
        is_bookmobile boolean NOT NULL DEFAULT false,
        sort int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true
      );

      CREATE TABLE pickup_points (
        code text PRIMARY KEY,
        name text NOT NULL,
        name_en text,
        kind text NOT NULL CHECK (kind IN ('counter','locker','bookmobile-station')),
        branch_code text NOT NULL REFERENCES branches(code),
        timetable jsonb NOT NULL DEFAULT '[]',
        sort int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true
      );

      CREATE TABLE closed_days (
        id bigserial PRIMARY KEY,
        branch_code text REFERENCES branches(code),
        date date NOT NULL,
        reason text
      );
      CREATE UNIQUE INDEX closed_days_unique ON closed_days (coalesce(branch_code, ''), date);

      CREATE TABLE patrons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        card_number text NOT NULL UNIQUE,
        name text NOT NULL,
        name_kana text NOT NULL,
        birth_date date,
        phone text,
        email text,
        category text NOT NULL DEFAULT 'general',
        expires_at date,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','blocked')),
        blocked_reason text,
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        previous_login_at timestamptz,
        last_use_at timestamptz,
        nickname text,
        booklist_terms_at timestamptz,
        reminders_opt_in boolean NOT NULL DEFAULT false,
        history_opt_in_at timestamptz,
        messages jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX patrons_name_kana ON patrons (name_kana);

      CREATE TABLE patron_tokens (
        token_hash text PRIMARY KEY,
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('password-reset','email-confirm')),
        email text,
        options jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        title_reading text,
        subtitle text,
        authors jsonb NOT NULL DEFAULT '[]',
        publisher text,
        published_year int,
        isbn text,
        material_type text NOT NULL DEFAULT 'book',
        series text,
        volume text,
        volume_sort int,
        ndc text,
        control_number text,
        received_at date,
        search tsvector NOT NULL DEFAULT ''::tsvector,
        search_text text NOT NULL DEFAULT '',
        title_sort text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz
      );
      CREATE INDEX records_search ON records USING gin (search);
      CREATE INDEX records_isbn ON records (isbn) WHERE isbn IS NOT NULL;
      CREATE INDEX records_control ON records (control_number) WHERE control_number IS NOT NULL;
      CREATE INDEX records_received ON records (received_at DESC);
      CREATE INDEX records_series ON records (series, volume_sort) WHERE series IS NOT NULL;

      CREATE TABLE items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        record_id uuid NOT NULL REFERENCES records(id),
        barcode text NOT NULL UNIQUE,
        branch_code text NOT NULL REFERENCES branches(code),
        shelf_location text,
        material_type text,
        loanable boolean NOT NULL DEFAULT true,
        owned boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'on-shelf'
          CHECK (status IN ('on-shelf','on-loan','reserved','in-transit','on-hold-shelf','missing','withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX items_record ON items (record_id);

      CREATE TABLE loans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES items(id),
        patron_id uuid NOT NULL REFERENCES patrons(id),
        branch_code text NOT NULL REFERENCES branches(code),
        loaned_at timestamptz NOT NULL DEFAULT now(),
        due_date date NOT NULL,
        returned_at timestamptz,
        return_branch_code text,
        renewals int NOT NULL DEFAULT 0,
        ill boolean NOT NULL DEFAULT false,
        overdue_notified_at timestamptz,
        policy_version int NOT NULL
      );
      CREATE UNIQUE INDEX loans_one_open_per_item ON loans (item_id) WHERE returned_at IS NULL;
      CREATE INDEX loans_patron_open ON loans (patron_id) WHERE returned_at IS NULL;
      CREATE INDEX loans_loaned_at ON loans (loaned_at);

      CREATE TABLE holds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patron_id uuid NOT NULL REFERENCES patrons(id),
        record_id uuid NOT NULL REFERENCES records(id),
        item_id uuid REFERENCES items(id),
        status text NOT NULL DEFAULT 'waiting'
          CHECK (status IN ('waiting','in-transit','ready','collected','expired','cancelled')),
        pickup_point_code text NOT NULL REFERENCES pickup_points(code),
        contact text NOT NULL DEFAULT 'none',
        email_confirmation boolean NOT NULL DEFAULT false,
        placed_via text NOT NULL DEFAULT 'web' CHECK (placed_via IN ('web','counter','request')),
        placed_at timestamptz NOT NULL DEFAULT now(),
        queue_seq bigserial,
        series_group uuid,
        series_position int,
        suspended_until date,
        allocated_at timestamptz,
        ready_at timestamptz,
        expires_at date,
        collected_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        policy_version int NOT NULL
      );
      CREATE INDEX holds_record_active ON holds (record_id, queue_seq) WHERE status IN ('waiting','in-transit','ready');
      CREATE INDEX holds_patron ON holds (patron_id, placed_at DESC);
      CREATE UNIQUE INDEX holds_one_per_item ON holds (item_id) WHERE item_id IS NOT NULL AND status IN ('in-transit','ready');

      CREATE TABLE cart_items (
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        record_id uuid NOT NULL REFERENCES records(id),
        selected boolean NOT NULL DEFAULT true,
        position int NOT NULL DEFAULT 0,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (patron_id, record_id)
      );

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        patron_id uuid REFERENCES patrons(id) ON DELETE SET NULL,
        to_address text NOT NULL,
        lang text NOT NULL DEFAULT 'ja',
        subject text NOT NULL,
        body text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending','sending');

      CREATE TABLE notice_templates (
        kind text NOT NULL,
        lang text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        updated_by text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, lang)
      );

      CREATE TABLE saved_searches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        name text NOT NULL,
        query jsonb NOT NULL,
        last_checked_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE shelves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'custom' CHECK (kind IN ('favourites','custom')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE shelf_entries (
        shelf_id uuid NOT NULL REFERENCES shelves(id) ON DELETE CASCADE,
        record_id uuid NOT NULL REFERENCES records(id),
        mark text CHECK (mark IN ('read','want')),
        category text,
        note text,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shelf_id, record_id)
      );

      CREATE TABLE reading_history (
        id bigserial PRIMARY KEY,
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        record_id uuid REFERENCES records(id),
        title text NOT NULL,
        loaned_at timestamptz NOT NULL
      );
      CREATE INDEX reading_history_patron ON reading_history (patron_id, loaned_at DESC);

      CREATE TABLE reading_goals (
        patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
        year int NOT NULL,
        target int NOT NULL CHECK (target > 0),
        PRIMARY KEY (patron_id, year)
      );

      CREATE TABLE recommended_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text,
        published boolean NOT NULL DEFAULT true,
        sort int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE recommended_list_entries (
        list_id uuid NOT NULL REFERENCES recommended_lists(id) ON DELETE CASCADE,
        record_id uuid NOT NULL REFERENCES records(id),
        position int NOT NULL DEFAULT 0,
        PRIMARY KEY (list_id, record_id)
      );

      CREATE TABLE news (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL DEFAULT 'news' CHECK (kind IN ('news','event')),
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        event_date date,
        branch_code text,
        published_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','failed')),
        format text,
        filename text,
        total int NOT NULL DEFAULT 0,
        processed int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        updated int NOT NULL DEFAULT 0,
        rejected jsonb NOT NULL DEFAULT '[]',
        error text,
        created_by text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    throw new Error('0001-core cannot be reverted; drop the tenant schema instead');
  }
}
