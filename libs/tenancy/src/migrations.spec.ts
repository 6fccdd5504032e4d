import type { QueryRunner } from 'typeorm';
import { oneStatementPerCall } from './migrations';

describe('oneStatementPerCall (the query runner a tenant migration gets)', () => {
  function recording() {
    const calls: { sql: string; parameters?: unknown[] }[] = [];
    const runner = {
      query: async (sql: string, parameters?: unknown[]) => {
        calls.push({ sql, parameters });
        return [{ n: calls.length }];
      },
      isTransactionActive: true,
    } as unknown as QueryRunner;
    return { calls, runner: oneStatementPerCall(runner) };
  }

  it('sends a migration script one statement per call, in order, and answers with the last one', async () => {
    const { calls, runner } = recording();
    const res = await runner.query(`
      CREATE TABLE a (id int PRIMARY KEY);
      CREATE INDEX a_id ON a (id);
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    `);
    expect(calls.map((c) => c.sql)).toEqual([
      'CREATE TABLE a (id int PRIMARY KEY)',
      'CREATE INDEX a_id ON a (id)',
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    ]);
    expect(res).toEqual([{ n: 3 }]);
    // everything else of the runner is the runner's own
    expect(runner.isTransactionActive).toBe(true);
  });

  it('passes a single statement with its parameters through unchanged, and refuses a script with parameters', async () => {
    const { calls, runner } = recording();
    await runner.query(`UPDATE holds SET placed_by = $1 WHERE placed_by IS NULL;`, ['staff']);
    expect(calls).toEqual([{ sql: `UPDATE holds SET placed_by = $1 WHERE placed_by IS NULL;`, parameters: ['staff'] }]);
    await expect(runner.query(`SELECT $1; SELECT $2`, [1, 2])).rejects.toThrow(/single statement/);
  });
});
