import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { ApiProcess, startApiProcess } from './support/api-process';
import { freePort } from '../src/engine/database/embedded-postgres';
import { Answer, cityWithLibrarian, isUnavailableAnswer, killPostmaster, postmasterPid, registerPatron, tempDataDir, unexpectedAnswers, until } from './support/outage';
import { startSmtp } from './support/smtp';

/**
 * The embedded PostgreSQL dies under load (issue #22, item 5): `kill -9` of its postmaster
 * used to leave the API answering 500 for ever. Here the API runs as its own process (as
 * `npm start` runs it) on an embedded server of its own in a temporary DATA_DIR; four
 * librarians register patrons without pause, the mail sender is delivering, and the
 * postmaster is killed in the middle of an SMTP conversation. Every answer must be a success
 * or 503 DATABASE_UNAVAILABLE with Retry-After; the API restarts the server itself; every
 * acknowledged write is there afterwards and every mail went out exactly once.
 */
describe('the embedded database is killed under load', () => {
  const ADMIN_PASSWORD = 'outage-admin-password';
  const WRITERS = 4;
  const MAILS = 30;
  const KILL_AT_MAIL = 10;
  let dataDir: string;
  let pgDir: string;
  let dbUrl: string;
  let api: ApiProcess;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let killed: { pid: number; at: number } | undefined;
  let mailsSeen = 0;

  beforeAll(async () => {
    dataDir = tempDataDir('shiori-outage-');
    pgDir = path.join(dataDir, 'pg');
    const pgPort = await freePort();
    dbUrl = `postgres://postgres:shiori@127.0.0.1:${pgPort}/shiori`;
    smtp = await startSmtp({
      // the database dies while a mail is on the wire: the sender cannot write down that it went out
      beforeAccept: async () => {
        if (++mailsSeen === KILL_AT_MAIL) killed = await killPostmaster(pgDir);
      },
    });
    api = await startApiProcess({
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SMTP_URL: smtp.url,
      JOBS: '1',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await smtp?.close();
    // the API stops its server on SIGTERM; should it not have, end that server (ours) by its pid
    try {
      process.kill(postmasterPid(pgDir), 'SIGKILL');
    } catch {
      /* gone */
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 DATABASE_UNAVAILABLE meanwhile, restarts the server itself, loses no acknowledged write and sends each mail once', async () => {
    const { slug, librarian } = await cityWithLibrarian(api.url, ADMIN_PASSWORD, 'outage', '停電テスト市立図書館');

    // four librarians register patrons without pause, each card once
    const answers: (Answer & { card: string })[] = [];
    let nextCard = 3_000_000;
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async () => {
      while (writing) {
        const card = String(nextCard++);
        answers.push({ ...(await registerPatron(api.url, slug, librarian, card)), card });
      }
    });
    const acknowledged = () => answers.filter((a) => a.status === 201);
    try {
      await until('the first 40 registrations', async () => acknowledged().length >= 40);

      // mail for the sender (it runs every 2 s with JOBS=1); the SMTP server kills the database at the 10th
      const db = new Client({ connectionString: dbUrl });
      await db.connect();
      const schema = quotedTenantSchema(slug);
      for (let i = 0; i < MAILS; i++) {
        await db.query(`INSERT INTO ${schema}.outbox (kind, to_address, subject, body, idempotency_key) VALUES ('test', $1, $2, '本文', $3)`, [
          `patron${i}@example.jp`,
          `お知らせ ${i}`,
          `outage-mail-${i}`,
        ]);
      }
      await db.end();

      const kill = await until('the kill during the 10th mail', async () => killed);
      // back: a registration sent after the kill is acknowledged
      const firstBack = await until('a write acknowledged after the kill', async () => acknowledged().find((a) => a.started > kill.at), 90_000);
      const recoveredMs = firstBack.ended - kill.at;
      const firstRefusal = answers.filter((a) => a.status === 503).sort((a, b) => a.ended - b.ended)[0];
      const ackBefore = acknowledged().length;
      await until('40 more registrations after the recovery', async () => acknowledged().length >= ackBefore + 40);
      writing = false;
      await Promise.all(writers);

      // every answer was a success or a well-formed 503, and clients did see the outage
      expect(unexpectedAnswers(answers, [201])).toEqual([]);
      const refused = answers.filter(isUnavailableAnswer);
      expect(refused.length).toBeGreaterThan(0);
      // the same API process restarted the server: a new postmaster on the same folder
      expect(api.output()).toContain('The embedded PostgreSQL was started again');
      const newPid = postmasterPid(pgDir);
      expect(newPid).not.toBe(kill.pid);

      // every acknowledged registration is in the database
      const check = new Client({ connectionString: dbUrl });
      await check.connect();
      try {
        const cards = acknowledged().map((a) => a.card);
        const { rows } = await check.query(`SELECT card_number FROM ${schema}.patrons WHERE card_number = ANY($1)`, [cards]);
        expect(rows.map((r) => r.card_number).sort()).toEqual([...cards].sort());

        // every mail went out once and its row says so (none left 'sending' or 'failed')
        const outbox = await until('the outbox to be delivered', async () => {
          const { rows: r } = await check.query(`SELECT idempotency_key, status FROM ${schema}.outbox WHERE idempotency_key LIKE 'outage-mail-%'`);
          return r.every((x) => x.status === 'sent') && r;
        });
        expect(outbox).toHaveLength(MAILS);
        const received = smtp.mails.map((m) => /outage-mail-(\d+)@/.exec(m.messageId ?? '')?.[1]).filter((x) => x !== undefined);
        expect(received.sort()).toEqual(Array.from({ length: MAILS }, (_, i) => String(i)).sort());
        // mail 10 went out while the database was dead: the sender kept its outcome and wrote it down later
        expect(api.output()).toMatch(/Wrote down \d+ deliveries made while the database was away/);
      } finally {
        await check.end();
      }

      console.log(
        [
          `database outage (embedded PostgreSQL, ${WRITERS} writers): postmaster ${kill.pid} killed with SIGKILL during mail ${KILL_AT_MAIL} of ${MAILS}`,
          `  first 503 DATABASE_UNAVAILABLE ${firstRefusal ? `${firstRefusal.ended - kill.at} ms` : 'before the kill was noted'} after the kill; ` +
            `service back (first acknowledged write sent after the kill) after ${recoveredMs} ms; new postmaster ${newPid}`,
          `  answers: ${acknowledged().length} × 201, ${refused.length} × 503 DATABASE_UNAVAILABLE (Retry-After ${refused[0]?.retryAfter} s), 0 other`,
          `  outbox: ${MAILS}/${MAILS} sent, each received once`,
        ].join('\n'),
      );
    } finally {
      writing = false;
      await Promise.all(writers);
    }
  }, 180_000);
});
