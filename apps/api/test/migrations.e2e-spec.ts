import type { QueryRunner } from 'typeorm';
import { migrateTenants, quotedTenantSchema, TenantMigration } from '@shiori/tenancy';
import { slowMigrationLog } from '../src/engine/database/migration-progress';
import { TENANT_MIGRATIONS } from '../src/migrations/tenant';
import { adminToken, createTenant, createTestApp, TestApp } from './support/app';

describe('per-tenant migration runner', () => {
  let t: TestApp;
  let slugs: string[];

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    slugs = [await createTenant(t, admin), await createTenant(t, admin), await createTenant(t, admin)];
  });
  afterAll(() => t.close());

  it('keeps going when one tenant’s migration fails, reports which, and rolls that tenant back', async () => {
    const broken = slugs[1];
    // Make the new migration fail in one tenant only: the table it creates already exists there.
    await t.ds.query(`CREATE TABLE ${quotedTenantSchema(broken)}.loan_stats (x int)`);
    const addStats: TenantMigration = {
      name: '9001-test-loan-stats',
      async up(q: QueryRunner) {
        await q.query(`CREATE TABLE loan_stats (day date PRIMARY KEY, loans int NOT NULL)`);
        await q.query(`INSERT INTO loan_stats VALUES (current_date, 0)`);
      },
      async down() {},
    };
    const report = await migrateTenants(t.ds, slugs, [...TENANT_MIGRATIONS, addStats]);
    expect(report.map((r) => r.slug)).toEqual(slugs);
    const bySlug = Object.fromEntries(report.map((r) => [r.slug, r]));
    expect(bySlug[slugs[0]]).toMatchObject({ ok: true, applied: ['9001-test-loan-stats'] });
    expect(bySlug[slugs[2]]).toMatchObject({ ok: true, applied: ['9001-test-loan-stats'] });
    expect(bySlug[broken]).toMatchObject({ ok: false, failedMigration: '9001-test-loan-stats' });
    expect(bySlug[broken].error).toMatch(/already exists/);
    const marked = await t.ds.query(`SELECT name FROM ${quotedTenantSchema(broken)}.schema_migrations WHERE name = '9001-test-loan-stats'`);
    expect(marked).toHaveLength(0);
    const good = await t.ds.query(`SELECT loans FROM ${quotedTenantSchema(slugs[0])}.loan_stats`);
    expect(good).toHaveLength(1);
    // running again applies nothing new where it worked and still reports the broken one
    const again = await migrateTenants(t.ds, slugs, [...TENANT_MIGRATIONS, addStats]);
    expect(again.find((r) => r.slug === slugs[0])).toMatchObject({ ok: true, applied: [] });
    expect(again.find((r) => r.slug === broken)?.ok).toBe(false);
  });

  it('tells when a pending migration starts and ends, and announces one still running as it runs', async () => {
    const lines: string[] = [];
    const still = () => lines.filter((l) => l.includes('9002-test-slow still running'));
    let announcedTwice: () => void = () => undefined;
    const twice = new Promise<void>((resolve) => (announcedTwice = resolve));
    const reporter = slowMigrationLog(
      (line) => {
        lines.push(line);
        if (still().length === 2) announcedTwice();
      },
      { after: 150, every: 100 },
    );
    // the migration runs until it has been announced twice (after 150 ms, then every 100 ms),
    // however late a busy machine fires the timers; it fails if that never happens
    const slow: TenantMigration = {
      name: '9002-test-slow',
      async up(q: QueryRunner) {
        await q.query(`SELECT pg_sleep(0.45)`);
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            twice,
            new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('not announced twice as still running within 30 s')), 30_000))),
          ]);
        } finally {
          clearTimeout(timer);
        }
      },
      async down() {},
    };
    const events: string[] = [];
    let tookMs = -1;
    const report = await migrateTenants(t.ds, [slugs[0]], [...TENANT_MIGRATIONS, slow], undefined, {
      started: (slug, name) => {
        events.push(`start ${slug} ${name}`);
        reporter.started!(slug, name);
      },
      finished: (slug, name, ms) => {
        events.push(`end ${slug} ${name} ${ms >= 450 ? 'slow' : 'quick'}`);
        tookMs = ms;
        reporter.finished!(slug, name, ms);
      },
    });
    expect(report).toEqual([{ slug: slugs[0], ok: true, applied: ['9002-test-slow'] }]);
    // only the pending migration is reported (the others were applied before)
    expect(events).toEqual([`start ${slugs[0]} 9002-test-slow`, `end ${slugs[0]} 9002-test-slow slow`]);
    // announced while it ran, then its end with the time it took
    expect(still().length).toBeGreaterThanOrEqual(2);
    expect(lines.slice(0, -1)).toEqual(still());
    expect(lines[lines.length - 1]).toBe(`Tenant ${slugs[0]}: migration 9002-test-slow ended after ${(tookMs / 1000).toFixed(1)} s`);
    // nothing more once it has ended
    const count = lines.length;
    await new Promise((r) => setTimeout(r, 250));
    expect(lines).toHaveLength(count);
  });
});
