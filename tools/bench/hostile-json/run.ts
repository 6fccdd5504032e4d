/**
 * Measurement: do deeply nested JSON bodies sent to one city slow down the others?
 * (issue #22, item 6: 40 bodies of 5,000 nested arrays stalled other cities' requests to 3.4 s.)
 *
 *   node -r ./tools/register.cjs tools/bench/hostile-json/run.ts [--requests 600] [--hostile 40] [--depth 5000]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder; the API runs as its
 * own process (as `npm start` runs it). Two cities. Two clients of the second city read
 * `GET /api/t/{slug}/info` (tenant transaction, policy, branches) `requests` times: alone;
 * while waves of `hostile` bodies hit the first city's patron sign-in (unauthenticated) back
 * to back, each holding `depth` nested arrays as the text of a string (the control: same
 * size, same answer path); and while the waves hold them as JSON structure. Prints the other
 * city's latencies in each phase and how the sign-in answered. Nothing asserts: it prints.
 */
import * as os from 'node:os';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg as arg } from '../lib/bench-database';
import { fmt, load, summarize } from '../lib/stats';

const REQUESTS = arg('requests', 600);
const HOSTILE = arg('hostile', 40);
const DEPTH = arg('depth', 5000);
const PASSWORD = 'bench-admin-password';

async function main() {
  const db = await benchDatabase();
  const api = await startApiProcess({ DATABASE_URL: db.url, PLATFORM_ADMIN_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    const post = async (p: string, body: string, token?: string) => {
      const r = await fetch(`${api.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      return { status: r.status, body: (await r.json().catch(() => null)) as { token?: string; code?: string } | null };
    };
    const admin = (await post('/api/platform/login', JSON.stringify({ username: 'admin', password: PASSWORD }))).body?.token;
    const stamp = Date.now().toString(36);
    const [target, other] = [`hostile${stamp}`, `other${stamp}`];
    for (const [slug, preset] of [[target, 'katori'], [other, 'kushiro']]) {
      const created = await post('/api/platform/tenants', JSON.stringify({ slug, name: `ベンチ ${slug}`, preset }), admin);
      if (created.status !== 201) throw new Error(`tenant: ${JSON.stringify(created.body)}`);
    }
    const read = async () => {
      const r = await fetch(`${api.url}/api/t/${other}/info`);
      if (r.status !== 200) throw new Error(`info: ${r.status}`);
      await r.arrayBuffer();
    };
    await load(200, 2, read); // warm-up

    const alone = await load(REQUESTS, 2, read);

    // the same sign-in, the same size: the nested arrays as JSON structure, or as the text of a string
    const extra = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
    const hostileBody = `{"cardNumber":"0001001","password":"x","extra":${extra}}`;
    const flatBody = JSON.stringify({ cardNumber: '0001001', password: 'x', extra });
    /** Reads of the other city while waves of `body` hit the first city's sign-in back to back. */
    const underFlood = async (body: string) => {
      const statuses = new Map<string, number>();
      const latencies: number[] = [];
      let flooding = true;
      const flood = (async () => {
        while (flooding) {
          await Promise.all(
            Array.from({ length: HOSTILE }, async () => {
              const t0 = performance.now();
              const r = await post(`/api/t/${target}/auth/login`, body);
              latencies.push(performance.now() - t0);
              const key = `${r.status} ${r.body?.code ?? ''}`.trim();
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
            }),
          );
        }
      })();
      await new Promise((r) => setTimeout(r, 200)); // the first wave is in flight
      const reads = await load(REQUESTS, 2, read);
      flooding = false;
      await flood;
      return { reads, statuses, latencies };
    };
    const flat = await underFlood(flatBody);
    const hostile = await underFlood(hostileBody);

    const line = (label: string, r: { latencies: number[]; perSecond: number }) => {
      const s = summarize(r.latencies);
      return `  ${label.padEnd(44)} p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)}  ${r.perSecond.toFixed(0)} req/s`;
    };
    const floodLines = (label: string, f: Awaited<ReturnType<typeof underFlood>>) => {
      const s = summarize(f.latencies);
      return `  ${label}: ${f.latencies.length} sent, answered ${[...f.statuses].map(([k, n]) => `${k} ×${n}`).join(', ')}; p50 ${fmt(s.p50)}  p95 ${fmt(s.p95)}  max ${fmt(s.max)}`;
    };
    console.log(
      [
        `Hostile JSON measurement (${os.cpus().length} cores, ${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}, API in its own process), ${new Date().toISOString()}`,
        `other city, GET /api/t/{slug}/info, ${REQUESTS} requests, 2 clients:`,
        line('alone', alone),
        line(`while waves of ${HOSTILE} flat bodies (same size)`, flat.reads),
        line(`while waves of ${HOSTILE} × ${DEPTH}-deep bodies`, hostile.reads),
        `the first city's sign-in (${(hostileBody.length / 1024).toFixed(1)} KB bodies, waves of ${HOSTILE} back to back):`,
        floodLines('flat', flat),
        floodLines(`${DEPTH}-deep`, hostile),
      ].join('\n'),
    );
  } finally {
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
