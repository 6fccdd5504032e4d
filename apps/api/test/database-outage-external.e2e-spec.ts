import * as fs from 'node:fs';
import { ApiProcess, startApiProcess } from './support/api-process';
import { Answer, ask, cityWithLibrarian, isUnavailableAnswer, killPostmaster, registerPatron, startPostgresProcess, tempDataDir, unexpectedAnswers, until } from './support/outage';

/**
 * The database at DATABASE_URL goes away (issue #22, item 5). The API cannot restart a server
 * it does not own: it answers 503 DATABASE_UNAVAILABLE with Retry-After while it reconnects,
 * carries on when the server is back, and when the server stays away longer than
 * DB_OUTAGE_EXIT_SECONDS it exits with status 1 and says why, so that its service manager
 * (Docker's restart policy, systemd) starts a fresh process.
 *
 * The "external" server is a PostgreSQL this suite starts for itself in a process of its own
 * (never the suites' shared one), given to the API process as DATABASE_URL; the suite kills
 * its postmaster, and starts it again on the same folder and port.
 */
describe('the external database (DATABASE_URL) goes away', () => {
  const ADMIN_PASSWORD = 'outage-admin-password';
  const GRACE_SECONDS = 15;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startPostgresProcess>>;
  let api: ApiProcess;

  beforeAll(async () => {
    dataDir = tempDataDir('shiori-outage-ext-');
    server = await startPostgresProcess(dataDir);
    api = await startApiProcess({
      DATABASE_URL: server.url,
      DB_OUTAGE_EXIT_SECONDS: String(GRACE_SECONDS),
      PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 while reconnecting, serves again when the server is back, and exits with a clear message when it stays away', async () => {
    const { slug, librarian } = await cityWithLibrarian(api.url, ADMIN_PASSWORD, 'extout', '外部DB試験市立図書館');
    let card = 4_000_000;
    /** A public read, a librarian's write and the health check, answered or not. */
    const round = () =>
      Promise.all([
        ask('library info', `${api.url}/api/t/${slug}/info`),
        registerPatron(api.url, slug, librarian, String(card++)),
        ask('health', `${api.url}/api/health`),
      ]);
    const answers: Answer[] = [...(await round())];
    expect(answers.map((a) => a.status)).toEqual([200, 201, 200]);

    // 1. the server is killed and comes back well within the grace period: the API carries on
    const first = await killPostmaster(server.pgDir);
    await until('the API to notice', async () => {
      const r = await round();
      answers.push(...r);
      return r.every(isUnavailableAnswer);
    }, 30_000);
    await until('the server to start again', async () => server.restart().then(() => true, () => false), 30_000, 200);
    const back = await until('the API to serve again', async () => {
      const r = await round();
      answers.push(...r);
      return r.every((a) => a.status === 200 || a.status === 201) && r;
    });
    const recoveredMs = back[0].ended - first.at;
    expect(unexpectedAnswers(answers, [200, 201])).toEqual([]);
    expect(answers.filter(isUnavailableAnswer).length).toBeGreaterThanOrEqual(3);

    // 2. the server is killed and stays away: 503 until the grace period is over, then exit 1
    const second = await killPostmaster(server.pgDir);
    let exit: { code: number | null } | undefined;
    void api.exited.then((code) => (exit = { code }));
    const during: Answer[] = [];
    const exitCode = await until('the API to exit', async () => {
      during.push(...(await round()));
      return exit;
    }, (GRACE_SECONDS + 60) * 1000, 300);
    const exitedAfterMs = Date.now() - second.at;
    const answered = during.filter((a) => a.status !== 0);
    expect(answered.length).toBeGreaterThan(0);
    expect(unexpectedAnswers(answered, [])).toEqual([]);
    expect(exitCode.code).toBe(1);
    expect(api.output()).toMatch(/The database has not answered for \d+ s \(DB_OUTAGE_EXIT_SECONDS=15\); last error: .+\. Exiting so that the service manager starts the API again\./);

    console.log(
      [
        `database outage (DATABASE_URL, server killed with SIGKILL):`,
        `  back within the grace period: API served again ${recoveredMs} ms after the kill (server restarted by the test as soon as the API answered 503)`,
        `  server gone for good: ${answered.length} answers, all 503 DATABASE_UNAVAILABLE; exited with status ${exitCode.code} ${(exitedAfterMs / 1000).toFixed(1)} s after the kill (DB_OUTAGE_EXIT_SECONDS=${GRACE_SECONDS})`,
      ].join('\n'),
    );
  }, 180_000);
});
