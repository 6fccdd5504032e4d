import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue search and availability.
 *
 * Search needs, for every matching record, its availability (for the hit list, the
 * `available` filter and the availability and branch facets) in the same single query.
 * Joining `items` for thousands of candidates costs an index probe per candidate, so each
 * record carries a summary of its copies (`copies_*`, `availability`, `*_branches`).
 * Statement-level triggers on `items` keep the summary exact in the same transaction,
 * whoever writes the copies (catalogue, circulation desk, holds), and cost one small
 * UPDATE per statement, so a multi-row INSERT of copies refreshes its records once.
 *
 * `availability` of a record, best first:
 *   available       a loanable copy is on the shelf
 *   on-loan         a loanable copy exists but every one is on loan, reserved or travelling
 *   reference-only  only 禁帯出 (not for loan) copies, on the shelf for reading in the library
 *   unavailable     no copy, or only missing ones
 */
export class Catalog0002 implements MigrationInterface {
  name = '0002-catalog';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE records
        ADD COLUMN copies_total int NOT NULL DEFAULT 0,
        ADD COLUMN copies_available int NOT NULL DEFAULT 0,
        ADD COLUMN copies_on_loan int NOT NULL DEFAULT 0,
        ADD COLUMN availability text NOT NULL DEFAULT 'unavailable'
          -- named as PostgreSQL names it unnamed (Citus refuses unnamed constraints in ALTER TABLE)
          CONSTRAINT records_availability_check CHECK (availability IN ('available','on-loan','reference-only','unavailable')),
        ADD COLUMN holding_branches text[] NOT NULL DEFAULT '{}',
        ADD COLUMN available_branches text[] NOT NULL DEFAULT '{}';

      -- 五十音順: title_sort holds the folded reading (hiragana), whose code point order is
      -- the kana order; a binary collation sorts it so and keeps the index usable.
      ALTER TABLE records ALTER COLUMN title_sort TYPE text COLLATE "C";
      -- room on each page for HOT updates when circulation changes a record's availability
      ALTER TABLE records SET (fillfactor = 90);

      -- the two orders search pages walk; ending in id makes each a total order
      CREATE INDEX records_title_sort ON records (title_sort, volume_sort, id) WHERE withdrawn_at IS NULL;
      CREATE INDEX records_newest ON records (received_at DESC NULLS LAST, published_year DESC NULLS LAST, id) WHERE withdrawn_at IS NULL;
      CREATE INDEX items_branch ON items (branch_code);
      CREATE INDEX holds_placed_at ON holds (placed_at);

      ALTER TABLE imports ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]';

      CREATE FUNCTION catalog_refresh_availability(record_ids uuid[]) RETURNS void
      LANGUAGE sql SET search_path FROM CURRENT AS $fn$
        UPDATE records r
           SET copies_total = s.total,
               copies_available = s.available,
               copies_on_loan = s.on_loan,
               availability = s.availability,
               holding_branches = s.holding,
               available_branches = s.available_at
          FROM (
            SELECT ids.id,
                   count(i.id) FILTER (WHERE i.status <> 'withdrawn')::int AS total,
                   count(i.id) FILTER (WHERE i.status = 'on-shelf' AND i.loanable)::int AS available,
                   count(i.id) FILTER (WHERE i.status = 'on-loan')::int AS on_loan,
                   CASE
                     WHEN bool_or(i.status = 'on-shelf' AND i.loanable) THEN 'available'
                     WHEN bool_or(i.loanable AND i.status IN ('on-loan','reserved','in-transit','on-hold-shelf')) THEN 'on-loan'
                     WHEN bool_or(NOT i.loanable AND i.status <> 'withdrawn' AND i.status <> 'missing') THEN 'reference-only'
                     ELSE 'unavailable'
                   END AS availability,
                   coalesce(array_agg(DISTINCT i.branch_code ORDER BY i.branch_code) FILTER (WHERE i.status <> 'withdrawn'), '{}') AS holding,
                   coalesce(array_agg(DISTINCT i.branch_code ORDER BY i.branch_code) FILTER (WHERE i.status = 'on-shelf' AND i.loanable), '{}') AS available_at
              FROM unnest(record_ids) AS ids(id)
              LEFT JOIN items i ON i.record_id = ids.id
             GROUP BY ids.id
          ) s
         WHERE r.id = s.id
           AND (r.copies_total, r.copies_available, r.copies_on_loan, r.availability, r.holding_branches, r.available_branches)
               IS DISTINCT FROM (s.total, s.available, s.on_loan, s.availability, s.holding, s.available_at)
      $fn$;

      CREATE FUNCTION items_availability_after_insert() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        PERFORM catalog_refresh_availability(ARRAY(SELECT DISTINCT record_id FROM new_items));
        RETURN NULL;
      END
      $fn$;

      CREATE FUNCTION items_availability_after_update() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE ids uuid[];
      BEGIN
        ids := ARRAY(
          SELECT x FROM (
            SELECT n.record_id AS a, o.record_id AS b
              FROM new_items n JOIN old_items o ON o.id = n.id
             WHERE (n.status, n.loanable, n.branch_code, n.record_id) IS DISTINCT FROM (o.status, o.loanable, o.branch_code, o.record_id)
          ) c, LATERAL (VALUES (c.a), (c.b)) v(x)
          GROUP BY x);
        IF cardinality(ids) > 0 THEN
          PERFORM catalog_refresh_availability(ids);
        END IF;
        RETURN NULL;
      END
      $fn$;

      CREATE FUNCTION items_availability_after_delete() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        PERFORM catalog_refresh_availability(ARRAY(SELECT DISTINCT record_id FROM old_items));
        RETURN NULL;
      END
      $fn$;

      CREATE TRIGGER items_availability_insert AFTER INSERT ON items
        REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION items_availability_after_insert();
      CREATE TRIGGER items_availability_update AFTER UPDATE ON items
        REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION items_availability_after_update();
      CREATE TRIGGER items_availability_delete AFTER DELETE ON items
        REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION items_availability_after_delete();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER items_availability_insert ON items;
      DROP TRIGGER items_availability_update ON items;
      DROP TRIGGER items_availability_delete ON items;
      DROP FUNCTION items_availability_after_insert();
      DROP FUNCTION items_availability_after_update();
      DROP FUNCTION items_availability_after_delete();
      DROP FUNCTION catalog_refresh_availability(uuid[]);
      ALTER TABLE imports DROP COLUMN warnings;
      DROP INDEX holds_placed_at;
      DROP INDEX items_branch;
      DROP INDEX records_newest;
      DROP INDEX records_title_sort;
      ALTER TABLE records RESET (fillfactor);
      ALTER TABLE records ALTER COLUMN title_sort TYPE text COLLATE "default";
      ALTER TABLE records
        DROP COLUMN copies_total, DROP COLUMN copies_available, DROP COLUMN copies_on_loan,
        DROP COLUMN availability, DROP COLUMN holding_branches, DROP COLUMN available_branches;
    `);
  }
}
