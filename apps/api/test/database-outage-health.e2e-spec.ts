import 'reflect-metadata';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { createApp } from '../src/engine/bootstrap';
import { loadConfig } from '../src/engine/config/config';
import { DatabaseWatchdog } from '../src/engine/database/database-watchdog.service';
import { Answer, ask, isUnavailableAnswer, startPostgresProcess, tempDataDir, until } from './support/outage';

/**
 * `/health` shares one `SELECT 1` among the requests that arrive while it is in flight
 * (HealthRoute, issue #25), and keeps no outcome: every answer comes from a probe that was
 * answered (or failed) after the request arrived. Here the API's pool loses the database
 * while the watchdog keeps its own connection (the database refuses new connections and the
 * pool's are cut), so the watchdog does not answer for /health: only the probe can tell.
 * Bursts of concurrent requests, each burst after the last one has ended: every one after the
 * cut is 503 DATABASE_UNAVAILABLE (a cached or shared 200 from before would show), and every
 * one after the database takes connections again is 200 (a failure kept would show).
 * On a PostgreSQL of the suite's own (support/outage.ts), never the suites' shared server.
 */
describe('/health reports what the pool finds after each request arrived', () => {
  const BURST = 16;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startPostgresProcess>>;
  let app: NestExpressApplication;
  let admin: Client;
  let base: string;

  beforeAll(async () => {
    dataDir = tempDataDir('shiori-outage-health-');
    server = await startPostgresProcess(dataDir);
    const config = loadConfig({
      PLATFORM_ADMIN_PASSWORD: 'outage-health-admin-password',
      PUBLIC_URL: 'https://library.test.example',
      LOG_LEVEL: 'silent',
      JOBS: '0',
      STATIC_DIR: '/nonexistent',
      DB_POOL_SIZE: '4',
    });
    app = await createApp(config, server.url);
    const listening = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const url = new URL(server.url);
    url.pathname = '/postgres';
    admin = new Client({ connectionString: url.toString() });
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    await admin?.query(`ALTER DATABASE shiori ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await app?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** `rounds` bursts of BURST concurrent /health requests, one burst after the other. */
  const bursts = async (rounds: number): Promise<Answer[]> => {
    const all: Answer[] = [];
    for (let r = 0; r < rounds; r++) all.push(...(await Promise.all(Array.from({ length: BURST }, () => ask('health', `${base}/api/health`)))));
    return all;
  };
  const summary = (answers: Answer[]) => answers.map((a) => (a.status === 200 && JSON.stringify(a.body) === '{"status":"ok"}' ? 'ok' : isUnavailableAnswer(a) ? 'unavailable' : `${a.status} ${a.code ?? a.error ?? ''}`));

  it('503 for every request once the pool cannot reach the database, 200 for every request once it can again', async () => {
    expect(new Set(summary(await bursts(5)))).toEqual(new Set(['ok']));
    // the watchdog's own connection (made at its first probe) is there: it stays, and so the watchdog stays content
    await until('the watchdog to connect', async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'shiori-watchdog'`)).rows.length > 0);

    // the database takes no new connection, and the pool's (application_name shiori-api) are cut,
    // waiting until each backend has gone
    await admin.query(`ALTER DATABASE shiori ALLOW_CONNECTIONS false`);
    const cut = await admin.query(
      `SELECT pg_terminate_backend(pid, 10000) AS gone FROM pg_stat_activity
        WHERE datname = 'shiori' AND application_name = 'shiori-api'`,
    );
    expect(cut.rows.length).toBeGreaterThan(0);
    expect(cut.rows.every((r: { gone: boolean }) => r.gone)).toBe(true);

    const during = await bursts(5);
    expect(new Set(summary(during))).toEqual(new Set(['unavailable']));
    // the 503s came from the probes, not from the watchdog (which still reaches the database)
    expect(app.get(DatabaseWatchdog).available).toBe(true);

    await admin.query(`ALTER DATABASE shiori ALLOW_CONNECTIONS true`);
    expect(new Set(summary(await bursts(5)))).toEqual(new Set(['ok']));
  });
});
