import { splitStatements } from './sql-statements';

describe('splitStatements', () => {
  it('splits a script at its top-level semicolons and drops empty and comment-only parts', () => {
    expect(splitStatements(`
      CREATE TABLE a (id int);  -- first
      ;
      CREATE INDEX a_id ON a (id);
      /* the end */
    `)).toEqual(['CREATE TABLE a (id int)', 'CREATE INDEX a_id ON a (id)']);
  });

  it('keeps semicolons inside strings, quoted names, comments and dollar-quoted bodies', () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO log VALUES ('a;b', $$x;y$$); -- a comment; with a semicolon
        RETURN NEW;
      END $fn$`;
    const parts = splitStatements(`
      INSERT INTO t VALUES ('it''s; fine', E'back\\\\slash\\'; still', "odd;name");
      ${fn};
      /* nested /* comment; */ still comment; */ SELECT $1::int;
      SELECT 1 AS "x"";y"`);
    expect(parts).toEqual([
      `INSERT INTO t VALUES ('it''s; fine', E'back\\\\slash\\'; still', "odd;name")`,
      fn,
      '/* nested /* comment; */ still comment; */ SELECT $1::int',
      'SELECT 1 AS "x"";y"',
    ]);
  });

  it('reads a$b$ as a name, not as a dollar quote', () => {
    expect(splitStatements('SELECT a$b$ FROM t; SELECT 2')).toEqual(['SELECT a$b$ FROM t', 'SELECT 2']);
  });

  it('refuses an unterminated string rather than guessing', () => {
    expect(() => splitStatements(`SELECT 'open; SELECT 2`)).toThrow(/unterminated string/);
    expect(() => splitStatements(`DO $x$ BEGIN END $y$;`)).toThrow(/unterminated dollar-quoted/);
  });
});
