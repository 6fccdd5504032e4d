import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bookmobile's timetable (図書館バスの巡回表) as rows: each stop of a station (a pickup
 * point of kind 'bookmobile-station') repeats on a weekday, in some weeks of the month
 * (第1・第3火曜 = weekday 2, weeks {1,3}) or on listed dates, with its time window and where
 * the bus parks. `bookmobile_closures` holds the bus's own closed days and the school
 * holidays that cancel stops marked `school`, per bus (the station's branch).
 *
 * The rules (libs/policy bookmobile.ts) read the whole bus at once; the API validates a
 * station's stops against the other stations of the same bus before writing. The old
 * `pickup_points.timetable` column (free JSON that nothing used) stays for the moment.
 */
export class BookmobileTimetables0025 implements MigrationInterface {
  name = '0025-bookmobile-timetables';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS bookmobile_stops (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_code text NOT NULL,
        weekday smallint,
        weeks smallint[] NOT NULL DEFAULT '{}',
        dates date[] NOT NULL DEFAULT '{}',
        start_time text NOT NULL,
        end_time text NOT NULL,
        place text NOT NULL DEFAULT '',
        note text NOT NULL DEFAULT '',
        school boolean NOT NULL DEFAULT false,
        sort int NOT NULL DEFAULT 0,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bookmobile_stops_station FOREIGN KEY (station_code) REFERENCES pickup_points (code) ON UPDATE CASCADE ON DELETE CASCADE,
        CONSTRAINT bookmobile_stops_weekday CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
        CONSTRAINT bookmobile_stops_times CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$' AND end_time ~ '^[0-2][0-9]:[0-5][0-9]$' AND start_time < end_time)
      );
      CREATE INDEX IF NOT EXISTS bookmobile_stops_station_idx ON bookmobile_stops (station_code, sort);
      CREATE TABLE IF NOT EXISTS bookmobile_closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_code text NOT NULL,
        kind text NOT NULL,
        first_day date NOT NULL,
        last_day date NOT NULL,
        note text NOT NULL DEFAULT '',
        CONSTRAINT bookmobile_closures_branch FOREIGN KEY (branch_code) REFERENCES branches (code) ON UPDATE CASCADE ON DELETE CASCADE,
        CONSTRAINT bookmobile_closures_kind CHECK (kind IN ('closed','school-holiday')),
        CONSTRAINT bookmobile_closures_span CHECK (first_day <= last_day)
      );
      CREATE INDEX IF NOT EXISTS bookmobile_closures_branch_idx ON bookmobile_closures (branch_code, first_day);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS bookmobile_closures; DROP TABLE IF EXISTS bookmobile_stops;`);
  }
}
