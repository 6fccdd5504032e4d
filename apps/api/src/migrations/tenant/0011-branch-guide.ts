import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What patrons read about each library (the OPAC's 館の案内): its address, telephone number,
 * opening hours as the library words them (`{ ja, en? }`, free text over several lines:
 * 「火〜金 9:30〜19:00」…) and its regular weekly closing days (`weekly_closed`, 0 = Sunday …
 * 6 = Saturday: 毎週月曜日 is `{1}`).
 *
 * The weekly closing days are part of the calendar: a due date or hold-shelf end that falls on
 * one moves to the next open day, as for the days of the closed-day calendar (CalendarService).
 * Existing branches get none, so no date computed before changes.
 */
export class BranchGuide0011 implements MigrationInterface {
  name = '0011-branch-guide';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE branches ADD COLUMN IF NOT EXISTS address text;
      ALTER TABLE branches ADD COLUMN IF NOT EXISTS phone text;
      ALTER TABLE branches ADD COLUMN IF NOT EXISTS hours jsonb;
      ALTER TABLE branches ADD COLUMN IF NOT EXISTS weekly_closed smallint[] NOT NULL DEFAULT '{}';
      ALTER TABLE branches DROP CONSTRAINT IF EXISTS branches_hours;
      ALTER TABLE branches ADD CONSTRAINT branches_hours CHECK (
        hours IS NULL OR (
          jsonb_typeof(hours) = 'object'
          AND coalesce(jsonb_typeof(hours->'ja'), '') = 'string' AND btrim(hours->>'ja') <> ''
          AND coalesce(jsonb_typeof(hours->'en'), 'string') = 'string'
        )
      );
      ALTER TABLE branches DROP CONSTRAINT IF EXISTS branches_weekly_closed;
      ALTER TABLE branches ADD CONSTRAINT branches_weekly_closed CHECK (weekly_closed <@ '{0,1,2,3,4,5,6}'::smallint[]);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE branches DROP CONSTRAINT IF EXISTS branches_weekly_closed;
      ALTER TABLE branches DROP CONSTRAINT IF EXISTS branches_hours;
      ALTER TABLE branches DROP COLUMN IF EXISTS weekly_closed;
      ALTER TABLE branches DROP COLUMN IF EXISTS hours;
      ALTER TABLE branches DROP COLUMN IF EXISTS phone;
      ALTER TABLE branches DROP COLUMN IF EXISTS address;
    `);
  }
}
