import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

// the lint rule of eslint.config.mjs (apps/api/lint/citus-sql.cjs): SQL that Citus can route
const citus = require('../../../lint/citus-sql.cjs') as {
  problems(sql: string, o?: { migration?: boolean }): { id: string }[];
  rules: Record<string, import('eslint').Rule.RuleModule>;
};
const ids = (sql: string, migration = false) => citus.problems(sql, { migration }).map((p) => p.id);

describe('citus/routable-sql: what Citus refuses (issue 24, F1–F10)', () => {
  it('F1: several statements in one call, except in migrations (their runner splits them)', () => {
    expect(ids(`CREATE INDEX a ON t (x); CREATE INDEX b ON t (y)`)).toContain('one-statement');
    expect(ids(`CREATE INDEX a ON t (x); CREATE INDEX b ON t (y)`, true)).not.toContain('one-statement');
    expect(ids(`SELECT 'a;b' AS x`)).toEqual([]);
  });

  it('F2: an unnamed constraint added by ALTER TABLE', () => {
    expect(ids(`ALTER TABLE records ADD COLUMN availability text CHECK (availability IN ('a','b'))`, true)).toEqual(['unnamed-constraint']);
    expect(ids(`ALTER TABLE records ADD COLUMN availability text CONSTRAINT records_availability_check CHECK (availability IN ('a','b'))`, true)).toEqual([]);
    expect(ids(`ALTER TABLE holds ADD CONSTRAINT holds_placed_by CHECK (placed_by IN ('patron','staff'))`, true)).toEqual([]);
  });

  it('F7: a non-IMMUTABLE function in RETURNING', () => {
    expect(ids(`INSERT INTO patrons (name) VALUES ($1) RETURNING id, to_char(birth_date,'YYYY-MM-DD') AS "birthDate"`)).toEqual(['returning']);
    expect(ids(`UPDATE news SET title = $2 WHERE id = $1 RETURNING json_build_object('id', id)`)).toEqual(['returning']);
    expect(ids(`INSERT INTO patrons (name) VALUES ($1) RETURNING id`)).toEqual([]);
    // in a SELECT it is fine
    expect(ids(`SELECT to_char(birth_date,'YYYY-MM-DD') FROM patrons WHERE id = $1`)).toEqual([]);
  });

  it('F8: now() or interval arithmetic inside CASE or COALESCE in an UPDATE', () => {
    expect(ids(`UPDATE patrons SET locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END WHERE id = $1`)).toEqual([
      'case-coalesce',
    ]);
    expect(ids(`UPDATE holds SET allocated_at = coalesce(allocated_at, now()) WHERE id = $1`)).toEqual(['case-coalesce']);
    expect(ids(`WITH x AS (UPDATE imports SET finished_at = CASE WHEN $2 THEN NULL ELSE current_timestamp END WHERE id = $1 RETURNING id) SELECT 1`)).toEqual([
      'case-coalesce',
    ]);
    // computed in the app and passed: fine; now() outside CASE/COALESCE: fine
    expect(ids(`UPDATE patrons SET locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END, updated_at = now() WHERE id = $1`)).toEqual([]);
    // in a SELECT it is fine
    expect(ids(`SELECT CASE WHEN locked_until > now() THEN locked_until END FROM platform.staff`)).toEqual([]);
  });

  it('F9: a subquery inside INSERT … VALUES', () => {
    expect(ids(`INSERT INTO branches (code, sort) VALUES ($1, (SELECT coalesce(max(sort),0)+1 FROM branches))`)).toEqual(['insert-subquery']);
    expect(ids(`INSERT INTO branches (code, sort) VALUES ($1, $2)`)).toEqual([]);
    expect(ids(`INSERT INTO log (x) SELECT x FROM t WHERE y IN (SELECT y FROM u)`)).toEqual([]);
  });

  it('F10: now() in ON CONFLICT … DO UPDATE SET', () => {
    expect(ids(`INSERT INTO notice_templates (kind, updated_at) VALUES ($1, now()) ON CONFLICT (kind) DO UPDATE SET updated_at = now()`)).toEqual(['on-conflict']);
    expect(ids(`INSERT INTO notice_templates (kind, updated_at) VALUES ($1, now()) ON CONFLICT (kind) DO UPDATE SET updated_at = EXCLUDED.updated_at`)).toEqual([]);
  });
});

describe('citus/routable-sql in source', () => {
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  tester.run('routable-sql', citus.rules['routable-sql'], {
    valid: [
      { code: "m.query(`UPDATE patrons SET name = $2 WHERE id = $1 RETURNING id`, [id, name]);", filename: '/repo/apps/api/src/x.ts' },
      // prose that starts like a keyword is not SQL
      { code: "const reason = 'delete requested; finished holds name it';", filename: '/repo/apps/api/src/x.ts' },
    ],
    invalid: [
      {
        // a constant of the same file is read into the statement that uses it
        code: "const COLUMNS = `id, to_char(event_date,'YYYY-MM-DD') AS \"eventDate\"`;\nm.query(`INSERT INTO news (title) VALUES ($1) RETURNING ${COLUMNS}`, [t]);",
        filename: '/repo/apps/api/src/x.ts',
        errors: [{ messageId: 'returning' }],
      },
    ],
  });
});
