import { INSTANCE_ID, JobRunner } from '../src/engine/jobs/job-runner.service';
import { adminToken, createTenant, createTestApp, TestApp, uniqueSlug } from './support/app';

/**
 * A scheduled job claims one run per period (platform.job_runs). When the database goes
 * away during a run, that run must not count as done for the period, or the day's notices
 * of the cities it had not reached yet would never go out (issue #22, item 5).
 */
describe('job runs the database cut short are taken again in the same period', () => {
  let t: TestApp;
  let slug: string;
  let runner: JobRunner;

  beforeAll(async () => {
    t = await createTestApp();
    slug = await createTenant(t, await adminToken(t));
    runner = t.app.get(JobRunner);
  });
  afterAll(() => t.close());

  const runsOf = (job: string) =>
    t.ds.query(`SELECT period, status, instance, detail FROM platform.job_runs WHERE job = $1 ORDER BY period`, [job]) as Promise<
      { period: string; status: string; instance: string; detail: Record<string, unknown> }[]
    >;

  it('a tenant failing because the database is away leaves the run to be taken again; the next tick does it and then it is done', async () => {
    const job = `interrupted-${uniqueSlug()}`;
    let away = true;
    const visited: string[] = [];
    const work = async (_m: unknown, tenant: string) => {
      if (tenant !== slug) return;
      visited.push(tenant);
      // what node-postgres says when the server dies under a query
      if (away) throw new Error('Connection terminated unexpectedly');
    };
    const first = await runner.run(job, 'day-1', work);
    expect(first.status).toBe('failed');
    expect(first.detail.interrupted).toBe(true);
    away = false;
    const second = await runner.run(job, 'day-1', work);
    expect(second.status).not.toBe('skipped');
    expect(second.detail.interrupted).toBeUndefined();
    expect((second.detail.tenants as Record<string, unknown>)[slug]).toBe('ok');
    expect(visited).toEqual([slug, slug]);
    // taken once more: done for the period now
    expect((await runner.run(job, 'day-1', work)).status).toBe('skipped');
    const runs = await runsOf(job);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).not.toBe('running');
  });

  it('takes again a run left "running" by an instance that lost the database, but not a finished or plainly failed one', async () => {
    const job = `orphaned-${uniqueSlug()}`;
    const insert = (period: string, status: string, detail: object) =>
      t.ds.query(`INSERT INTO platform.job_runs (job, period, instance, status, detail) VALUES ($1, $2, 'gone:1:abc', $3, $4)`, [
        job,
        period,
        status,
        JSON.stringify(detail),
      ]);
    await insert('orphaned', 'running', {});
    await insert('finished', 'done', { tenants: {} });
    await insert('bug', 'failed', { tenants: { [slug]: { error: 'column "x" does not exist' } } });
    let visits = 0;
    const work = async (_m: unknown, tenant: string) => {
      if (tenant === slug) visits++;
    };
    expect((await runner.run(job, 'orphaned', work)).status).not.toBe('skipped');
    expect((await runner.run(job, 'finished', work)).status).toBe('skipped');
    expect((await runner.run(job, 'bug', work)).status).toBe('skipped');
    expect(visits).toBe(1);
    const runs = await runsOf(job);
    expect(runs.map((r) => [r.period, r.instance === INSTANCE_ID])).toEqual([
      ['bug', false],
      ['finished', false],
      ['orphaned', true],
    ]);
    expect(runs.find((r) => r.period === 'orphaned')!.status).not.toBe('running');
  });
});
