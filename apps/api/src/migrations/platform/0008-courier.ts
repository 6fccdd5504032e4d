import type { PlatformMigration } from '../../engine/database/platform-migrations';

/**
 * The courier timetable of a region (連絡車, issue #16): its runs (毎週火曜, 第2・第4木曜 or dates),
 * each calling at member libraries in order (a city by tenant id, checked against the region's
 * members by the service like region_members, and one of its branches by code: the branch lives
 * in the city's own schema, so no foreign key can reach it), and the region's courier closures
 * (年末年始). Plain coordinator tables on Citus, like the regions they hang from.
 */
export const courierMigration: PlatformMigration = {
  name: '0008-courier',
  sql: `
    CREATE TABLE platform.courier_timetables (
      region_id uuid NOT NULL,
      same_day_handover boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT courier_timetables_pkey PRIMARY KEY (region_id),
      CONSTRAINT courier_timetables_region_fkey FOREIGN KEY (region_id) REFERENCES platform.regions (id) ON DELETE CASCADE
    );
    CREATE TABLE platform.courier_runs (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL,
      position int NOT NULL,
      name text NOT NULL DEFAULT '',
      weekday int,
      weeks int[] NOT NULL DEFAULT '{}',
      dates date[] NOT NULL DEFAULT '{}',
      note text NOT NULL DEFAULT '',
      CONSTRAINT courier_runs_pkey PRIMARY KEY (id),
      CONSTRAINT courier_runs_position_key UNIQUE (region_id, position),
      CONSTRAINT courier_runs_region_fkey FOREIGN KEY (region_id) REFERENCES platform.regions (id) ON DELETE CASCADE,
      CONSTRAINT courier_runs_weekday_check CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
      CONSTRAINT courier_runs_days_check CHECK (weekday IS NOT NULL OR cardinality(dates) > 0)
    );
    CREATE TABLE platform.courier_stops (
      run_id uuid NOT NULL,
      position int NOT NULL,
      tenant_id uuid NOT NULL,
      branch_code text NOT NULL,
      CONSTRAINT courier_stops_pkey PRIMARY KEY (run_id, position),
      CONSTRAINT courier_stops_library_key UNIQUE (run_id, tenant_id, branch_code),
      CONSTRAINT courier_stops_run_fkey FOREIGN KEY (run_id) REFERENCES platform.courier_runs (id) ON DELETE CASCADE
    );
    CREATE INDEX courier_stops_library ON platform.courier_stops (tenant_id, branch_code);
    CREATE TABLE platform.courier_closures (
      region_id uuid NOT NULL,
      first_day date NOT NULL,
      last_day date NOT NULL,
      note text NOT NULL DEFAULT '',
      CONSTRAINT courier_closures_pkey PRIMARY KEY (region_id, first_day, last_day),
      CONSTRAINT courier_closures_region_fkey FOREIGN KEY (region_id) REFERENCES platform.regions (id) ON DELETE CASCADE,
      CONSTRAINT courier_closures_span_check CHECK (first_day <= last_day)
    );
  `,
};
