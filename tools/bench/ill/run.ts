/**
 * ILL benchmark (issue #16): R requests between C member cities of one region, each moved
 * through the whole trip over HTTP — request, accept, send, arrive, lend, return, send home,
 * check-in at home — with K concurrent clients, while the API's worker delivers the messages
 * between the cities in the background (JOBS=1, CITY_MESSAGES_POLL_MS). City i borrows from
 * city i+1. Prints the trips per second (from the first request to the last request closed at
 * both ends) and the time from a message's send (its row in the sender's outbox) to its
 * application at the receiver (the key in the receiver's inbox): p50/p95/p99.
 *
 *   node -r ./tools/register.cjs tools/bench/ill/run.ts [--cities 10] [--requests 1000] [--clients 8] [--poll-ms 100]
 *
 * Uses DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder.
 */
import { DataSource } from 'typeorm';
import { quotedTenantSchema } from '@shiori/tenancy';
import { startApiProcess } from '../lib/api-process';
import { benchDatabase, numberArg } from '../lib/bench-database';
import { load, percentile, summarize } from '../lib/stats';

const CITIES = numberArg('cities', 10);
const REQUESTS = numberArg('requests', 1000);
const CLIENTS = numberArg('clients', 8);
const POLL_MS = numberArg('poll-ms', 100);
const PASSWORD = 'bench-admin-password';

type Json = any;

async function main() {
  const db = await benchDatabase();
  const api = await startApiProcess({
    DATABASE_URL: db.url,
    PLATFORM_ADMIN_PASSWORD: PASSWORD,
    JOBS: '1',
    CITY_MESSAGES_POLL_MS: String(POLL_MS),
    RATE_LIMIT_PER_MINUTE: '100000000',
    DB_POOL_SIZE: '20',
  });
  const call = async (method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> => {
    const r = await fetch(`${api.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  const must = async (method: string, p: string, body: unknown, token: string | undefined, status: number) => {
    const r = await call(method, p, body, token);
    if (r.status !== status) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  try {
    const admin = (await must('POST', '/api/platform/login', { username: 'admin', password: PASSWORD }, undefined, 200)).token;
    const run = Date.now().toString(36);
    const cities: { slug: string; staff: string; card: string; records: { id: string; barcode: string }[] }[] = [];
    const perCity = Math.ceil(REQUESTS / CITIES);
    console.log(`setting up ${CITIES} cities with ${perCity} records each …`);
    for (let c = 0; c < CITIES; c++) {
      const slug = `ill-${run}-${c}`.slice(0, 30);
      await must('POST', '/api/platform/tenants', { slug, name: `ILLベンチ市 ${c}`, preset: 'katori' }, admin, 201);
      await must('POST', `/api/platform/tenants/${slug}/staff`, { username: `bench-${c}`, password: 'bench-librarian-1', role: 'librarian' }, admin, 201);
      const staff = (await must('POST', `/api/t/${slug}/staff/login`, { username: `bench-${c}`, password: 'bench-librarian-1' }, undefined, 200)).token;
      const card = String(1000000 + c).slice(-7);
      await must('POST', `/api/t/${slug}/admin/patrons`, { cardNumber: card, name: `利用者 ${c}`, nameKana: 'リヨウシャ', birthDate: '1980-01-01' }, staff, 201);
      const records: { id: string; barcode: string }[] = [];
      for (let k = 0; k < perCity; k++) {
        const barcode = `IL${c}X${k}`;
        const rec = await must('POST', `/api/t/${slug}/admin/records`, { title: `相互貸借ベンチ ${c}-${k}`, items: [{ barcode, branchCode: 'sawara' }] }, staff, 201);
        records.push({ id: rec.id, barcode });
      }
      cities.push({ slug, staff, card, records });
    }
    const region = `ill-${run}`.slice(0, 30);
    await must('POST', '/api/platform/regions', { code: region, name: 'ILLベンチ圏', members: cities.map((c) => c.slug) }, admin, 201);
    await must(
      'POST',
      '/api/platform/agreements',
      { homeCity: cities[0].slug, hostRegion: region, reciprocal: true, preset: 'mutual-use', terms: { returns: 'anywhere', ill: { requests: true } } },
      admin,
      201,
    );

    /** Waits until `fn` is true (the worker delivers in the background). */
    const until = async (what: string, fn: () => Promise<boolean>) => {
      const deadline = Date.now() + 600_000;
      while (!(await fn())) {
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const trips = Array.from({ length: REQUESTS }, (_, i) => {
      const b = cities[i % CITIES];
      const l = cities[(i % CITIES + 1) % CITIES];
      const rec = l.records[Math.floor(i / CITIES)];
      return { b, l, rec, id: '', number: '', incomingId: '' };
    });
    /** How many rows of a list have a status, summed over the cities (the lists' `total`). */
    const count = async (list: 'requests' | 'incoming', status: string) => {
      let n = 0;
      for (const c of cities) n += (await must('GET', `/api/t/${c.slug}/admin/ill/${list}?status=${status}&size=1`, undefined, c.staff, 200)).total;
      return n;
    };

    console.log(`${REQUESTS} trips, ${CLIENTS} clients, worker every ${POLL_MS} ms …`);
    const started = performance.now();
    const phases: Record<string, number> = {};
    const phase = async (name: string, op: (i: number) => Promise<void>) => {
      const t0 = performance.now();
      const r = await load(REQUESTS, CLIENTS, op);
      phases[name] = performance.now() - t0;
      return r;
    };
    const steps: number[] = [];
    const timed = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const v = await fn();
      steps.push(performance.now() - t0);
      return v;
    };
    await phase('request', async (i) => {
      const t = trips[i];
      const made = await timed(() => must('POST', `/api/t/${t.b.slug}/admin/ill/requests`, { lenderCity: t.l.slug, recordId: t.rec.id, cardNumber: t.b.card }, t.b.staff, 201));
      t.id = made.id;
      t.number = made.number;
    });
    // the lenders' pull lists: every request has arrived
    await until('the requests at the lenders', async () => (await count('incoming', 'requested')) === REQUESTS);
    await until('the requests read', async () => {
      for (const c of cities) {
        const list = await must('GET', `/api/t/${c.slug}/admin/ill/incoming?status=requested&size=200`, undefined, c.staff, 200);
        for (const item of list.items) {
          const t = trips.find((x) => x.l === c && x.number === item.number && x.b.slug === item.borrowerCity.slug);
          if (t) t.incomingId = item.id;
        }
      }
      return trips.every((t) => t.incomingId);
    });
    await phase('accept+send', async (i) => {
      const t = trips[i];
      await timed(() => must('POST', `/api/t/${t.l.slug}/admin/ill/incoming/${t.incomingId}/accept`, { itemBarcode: t.rec.barcode }, t.l.staff, 200));
      await timed(() => must('POST', `/api/t/${t.l.slug}/admin/ill/incoming/${t.incomingId}/send`, {}, t.l.staff, 200));
    });
    await until('the copies in transit at the borrowers', async () => (await count('requests', 'in-transit')) === REQUESTS);
    await phase('arrive+lend+return+send-home', async (i) => {
      const t = trips[i];
      await timed(() => must('POST', `/api/t/${t.b.slug}/admin/ill/checkins`, { itemBarcode: t.rec.barcode, lenderCity: t.l.slug }, t.b.staff, 200));
      await timed(() => must('POST', `/api/t/${t.b.slug}/admin/ill/requests/${t.id}/lend`, {}, t.b.staff, 200));
      await timed(() => must('POST', `/api/t/${t.b.slug}/admin/ill/requests/${t.id}/return`, {}, t.b.staff, 200));
      await timed(() => must('POST', `/api/t/${t.b.slug}/admin/ill/requests/${t.id}/send-home`, {}, t.b.staff, 200));
    });
    await until('the copies on their way home at the lenders', async () => (await count('incoming', 'in-transit-home')) === REQUESTS);
    await phase('check-in home', async (i) => {
      const t = trips[i];
      await timed(() => must('POST', `/api/t/${t.l.slug}/admin/ill/incoming/${t.incomingId}/check-in`, {}, t.l.staff, 200));
    });
    await until('every request closed at the borrowers', async () => (await count('requests', 'back-on-shelf')) === REQUESTS);
    const seconds = (performance.now() - started) / 1000;

    // send → apply: the sender's outbox row's created_at to the receiver's inbox row's applied_at (one statement per city)
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    const sent = new Map<string, number>();
    const applied = new Map<string, number>();
    for (const c of cities) {
      const schema = quotedTenantSchema(c.slug);
      for (const r of await ds.query(`SELECT message_key, created_at FROM ${schema}.city_messages_out`)) sent.set(r.message_key, new Date(r.created_at).getTime());
      for (const r of await ds.query(`SELECT message_key, applied_at FROM ${schema}.city_messages_in`)) applied.set(r.message_key, new Date(r.applied_at).getTime());
    }
    await ds.destroy();
    const lat = [...sent].filter(([k]) => applied.has(k)).map(([k, at]) => applied.get(k)! - at);
    const s = summarize(lat);
    const st = summarize(steps);
    console.log(`\nILL benchmark — ${REQUESTS} requests across ${CITIES} cities, ${CLIENTS} clients, worker every ${POLL_MS} ms`);
    console.log(`  whole trips: ${seconds.toFixed(1)} s → ${(REQUESTS / seconds).toFixed(1)} trips/s (${((REQUESTS * 8) / seconds).toFixed(0)} staff steps/s)`);
    console.log(`  phases: ${Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
    console.log(`  staff step (HTTP): p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, p99 ${st.p99.toFixed(1)} ms (n=${st.n})`);
    console.log(`  messages: ${sent.size} sent, ${lat.length} applied; send → apply p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${percentile([...lat].sort((a, b) => a - b), 100).toFixed(0)} ms`);
  } finally {
    await api.stop();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
