import { JobRunner } from '../src/engine/jobs/job-runner.service';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';

/**
 * Two API instances, each with its own connection pool, on one database: either serves
 * every tenant and every session, and a scheduled job runs once across them.
 */
describe('scale-out: two API instances on one database', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    [one, two] = await Promise.all([createTestApp(), createTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
  });

  it('serves tenants and sessions created on the other instance', async () => {
    const admin = await adminToken(one);
    const slug = await createTenant(one, admin, 'kushiro');
    const lib = await librarianToken(one, admin, slug);
    const info = await two.http().get(`/api/t/${slug}/info`).expect(200);
    expect(info.body.slug).toBe(slug);
    await two.http().get(`/api/t/${slug}/admin/policy`).set('Authorization', `Bearer ${lib}`).expect(200);
    await two.http().get('/api/platform/tenants').set('Authorization', `Bearer ${admin}`).expect(200);
  });

  it('runs a scheduled job once per period across instances (claim row + advisory lock)', async () => {
    const admin = await adminToken(one);
    const slug = await createTenant(one, admin);
    const period = `test-${Date.now()}`;
    const visited: string[] = [];
    const job = async (_m: unknown, tenant: string) => {
      visited.push(tenant);
      await new Promise((r) => setTimeout(r, 50));
    };
    const results = await Promise.all(
      [one, two, one, two].map((inst) => inst.app.get(JobRunner).run('scale-out-test', period, job)),
    );
    const done = results.filter((r) => r.status === 'done' || r.status === 'failed');
    expect(done).toHaveLength(1);
    expect(results.filter((r) => r.status === 'skipped')).toHaveLength(3);
    // each library once, by the one run that did the work (a library another suite is setting up
    // or has broken on purpose may fail in it: it is named in the run, visited or not)
    const tenants = done[0].detail.tenants as Record<string, unknown>;
    expect(new Set(visited).size).toBe(visited.length);
    expect(visited.filter((s) => !(s in tenants))).toEqual([]);
    expect(Object.keys(tenants).filter((s) => tenants[s] === 'ok' && !visited.includes(s))).toEqual([]);
    expect(tenants[slug]).toBe('ok');
    // a later tick of the same period on either instance does nothing
    const visits = visited.length;
    const later = await two.app.get(JobRunner).run('scale-out-test', period, job);
    expect(later.status).toBe('skipped');
    expect(visited).toHaveLength(visits);
    const runs = await one.ds.query(`SELECT status FROM platform.job_runs WHERE job = 'scale-out-test' AND period = $1`, [period]);
    expect(runs).toEqual([{ status: done[0].status }]);
  });
});
