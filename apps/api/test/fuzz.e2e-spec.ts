import request from 'supertest';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';
import { Caller, fuzzCases, FuzzCase, OpenApiDocument } from './support/openapi-fuzz';
import { declaredAnswer, OpenApiDoc, schemaErrors } from './support/schema-check';

/**
 * Every operation of the app's own OpenAPI document, every parameter and body field,
 * spoiled one at a time (support/openapi-fuzz.ts), sent anonymously and with the
 * credentials the operation needs (a patron's cookie and CSRF token, a librarian's and the
 * regional admin's bearer tokens), so the bad input reaches the handlers. Bad input must get
 * an answer below 500; the test lists every 5xx (method, path, input). Seeded: every run
 * sends the same requests, one after another.
 */
describe('OpenAPI-driven input fuzzing', () => {
  let t: TestApp;
  const auth: Partial<Record<Caller, Record<string, string>>> = {};
  let slug: string;
  /** The app listening once (supertest would open and close a listener per request). */
  let base: string;
  const pathValues: Record<string, string> = {};
  const fieldValues: Record<string, unknown> = {};

  beforeAll(async () => {
    // the public catalogue's per-IP limit would answer 429 before the input reaches the search
    // (and the log stays quiet: every refused input would otherwise print nothing, every 5xx a stack)
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
    const admin = await adminToken(t);
    auth['platform-admin'] = { Authorization: `Bearer ${admin}` };
    slug = await createTenant(t, admin, 'katori');
    const victim = await createTenant(t, admin, 'koga');
    const librarian = await librarianToken(t, admin, slug);
    const lib = { Authorization: `Bearer ${librarian}` };
    auth.librarian = lib;
    const api = `/api/t/${slug}`;

    // a second librarian for the regional admin's staff operations (the fuzzer's own stays enabled)
    const otherStaff = await t.http().post(`/api/platform/tenants/${slug}/staff`).set(auth['platform-admin']).send({ username: `fuzz-other-${slug}`, password: 'librarian-pass-2', role: 'librarian' }).expect(201);

    const info = await t.http().get(`${api}/info`).expect(200);
    const branch: string = info.body.branches[0].code;
    const pickups = await t.http().get(`${api}/admin/pickup-points`).set(lib).expect(200);
    const pickup: string = pickups.body.find((p: { branchCode: string }) => p.branchCode === branch)?.code ?? pickups.body[0].code;
    // a branch and pickup point of its own for the operations that change or delete them
    await t.http().post(`${api}/admin/branches`).set(lib).send({ code: 'fuzz-branch', name: 'ファズ分館' }).expect(201);
    await t.http().post(`${api}/admin/pickup-points`).set(lib).send({ code: 'fuzz-pickup', name: 'ファズ受取', kind: 'counter', branchCode: 'fuzz-branch' }).expect(201);

    const record = await t.http().post(`${api}/admin/records`).set(lib).send({ title: 'こころ', items: [{ barcode: 'FUZZ-1', branchCode: branch }, { barcode: 'FUZZ-2', branchCode: branch }] }).expect(201);
    const held = await t.http().post(`${api}/admin/records`).set(lib).send({ title: '坊っちゃん', items: [{ barcode: 'FUZZ-3', branchCode: branch }] }).expect(201);

    const card = '0009001';
    const patron = await createPatron(t, slug, librarian, { cardNumber: card, email: 'fuzz@example.jp' });
    const temporary = await temporaryPassword(t, slug, librarian, patron.id);
    const first = await patronLogin(t, slug, card, temporary).expect(200);
    await t.http().put(`${api}/me/password`).set('Authorization', `Bearer ${first.body.token}`).send({ currentPassword: temporary, newPassword: 'Read1234' }).expect(200);
    const login = await patronLogin(t, slug, card, 'Read1234').expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const cookieAuth = { Cookie: cookie, 'X-CSRF-Token': login.body.csrfToken as string };
    auth.patron = cookieAuth;
    // the librarians' patron operations (a temporary password ends the patron's sessions) work on another patron
    const other = await createPatron(t, slug, librarian, { cardNumber: '0009002' });

    await t.http().post(`${api}/desk/checkouts`).set(lib).send({ cardNumber: card, itemBarcode: 'FUZZ-2' }).expect(201);
    const loans = await t.http().get(`${api}/me/loans`).set(cookieAuth).expect(200);
    const placed = await t.http().post(`${api}/me/holds`).set(cookieAuth).send({ recordIds: [held.body.id], pickupPointCode: pickup, contact: 'email' }).expect(201);
    const shelves = await t.http().get(`${api}/me/shelves`).set(cookieAuth).expect(200);
    const alert = await t.http().post(`${api}/me/alerts`).set(cookieAuth).send({ name: '漱石', query: { author: '漱石' } }).expect(201);
    const news = await t.http().post(`${api}/admin/news`).set(lib).send({ kind: 'event', title: 'おはなし会', eventDate: '2026-12-19' }).expect(201);
    const list = await t.http().post(`${api}/admin/lists`).set(lib).send({ title: 'おすすめ', recordIds: [record.body.id] }).expect(201);
    const closed = await t.http().post(`${api}/admin/closed-days`).set(lib).send({ date: '2026-12-29', reason: '年末' }).expect(201);
    const outbox = await t.http().get(`${api}/admin/notices/outbox`).set(lib).expect(200);
    const machine = await t.http().post(`${api}/admin/self-check-machines`).set(lib).send({ login: 'fuzz-sc', name: 'ファズ自動貸出機', branchCode: branch, permissions: { checkout: true, checkin: true, renew: true, patronInfo: true } }).expect(201);

    // a region of both cities, for the regional IT's region operations and the regional search
    const region = `fz${slug}`.slice(0, 31);
    await t.http().post('/api/platform/regions').set(auth['platform-admin']).send({ code: region, name: 'ファズ県', members: [slug, victim] }).expect(201);

    // an agreement between the two cities (広域利用), for the regional IT's agreement operations
    const agreement = await t.http().post('/api/platform/agreements').set(auth['platform-admin']).send({ homeCity: victim, hostCity: slug, preset: 'mutual-use' }).expect(201);

    const nil = '00000000-0000-0000-0000-000000000000';
    Object.assign(pathValues, {
      'tenants/{slug}': victim,
      'staff/{id}': otherStaff.body.id,
      'records/{id}': record.body.id,
      'patrons/{id}': other.id,
      'news/{id}': news.body.id,
      'lists/{id}': list.body.id,
      'shelves/{id}': shelves.body[0].id,
      'alerts/{id}': alert.body.id,
      'holds/{id}': (placed.body.holds ?? placed.body)[0].id,
      'loans/{id}': loans.body[0].id,
      'closed-days/{id}': String(closed.body.id),
      'outbox/{id}': outbox.body.items?.[0]?.id ?? nil,
      'imports/{id}': nil,
      'self-check-machines/{id}': machine.body.machine.id,
      'items/{barcode}': 'FUZZ-1',
      'branches/{code}': 'fuzz-branch',
      'pickup-points/{code}': 'fuzz-pickup',
      'versions/{version}': '1',
      'regions/{code}': region,
      'r/{region}': region,
      'agreements/{id}': agreement.body.id ?? agreement.body[0]?.id,
      // the bookmobile's operations on a branch that is no bus and a pickup point that is no station (answers 404)
      // ILL requests that do not exist (answers 404 ILL_REQUEST_NOT_FOUND)
      'requests/{id}': '00000000-0000-4000-8000-00000000f022',
      'incoming/{id}': '00000000-0000-4000-8000-00000000f022',
      'transits/{id}': '00000000-0000-4000-8000-00000000f022',
      'ill/{id}': '00000000-0000-4000-8000-00000000f022',
      'bookmobile/{code}': 'fuzz-branch',
      'stations/{code}': 'fuzz-pickup',
      '/api/platform/jobs/{name}/run#name': 'due-reminders',
      'jobs/{name}': 'mark-overdue',
      kind: 'hold-ready',
      lang: 'ja',
      recordId: record.body.id,
    });
    Object.assign(fieldValues, {
      branchCode: branch,
      pickupPointCode: pickup,
      pickupPoint: pickup,
      recordId: record.body.id,
      recordIds: [record.body.id],
      itemBarcode: 'FUZZ-1',
      cardNumber: card,
      patronCard: card,
      // logins and password changes with a wrong password: nothing is signed in or changed
      username: 'fuzz-nobody',
      password: 'wrong-password-1',
      currentPassword: 'wrong-password-1',
    });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  }, 120_000);
  afterAll(() => t.close());

  function callerOf(_method: string, path: string): Caller {
    if (path === '/api/platform/login') return 'anonymous';
    if (path.startsWith('/api/platform/')) return 'platform-admin';
    if (path === '/api/t/{slug}/staff/login') return 'anonymous';
    if (/^\/api\/t\/\{slug\}\/(admin|desk|staff)\//.test(path)) return 'librarian';
    if (/^\/api\/t\/\{slug\}\/me([/.]|$)/.test(path)) return 'patron';
    return 'anonymous';
  }

  async function send(c: FuzzCase) {
    let r = request(base)[c.method.toLowerCase() as 'get'](c.url).set(auth[c.caller] ?? {});
    if (c.form) {
      for (const [k, v] of Object.entries(c.form.fields)) r = r.field(k, v);
      if (c.form.file) r = r.attach(c.form.file.field, Buffer.from(c.form.file.content), c.form.file.name);
    } else if (c.json !== undefined) {
      r = r.set('Content-Type', 'application/json').send(JSON.stringify(c.json));
    }
    return r;
  }

  it('answers every spoiled input below 500', async () => {
    const doc: OpenApiDocument = (await t.http().get('/api/docs-json').expect(200)).body;
    const cases = fuzzCases(doc, {
      slug,
      pathValues,
      fieldValues,
      callerOf,
      // with credentials these would end the fuzzer's own sessions
      anonymousOnly: ['POST /api/platform/logout', 'POST /api/t/{slug}/staff/logout', 'POST /api/t/{slug}/auth/logout'],
      // delivering the messages between cities: only this suite's city, never the messages of
      // suites running beside it (ill-crash counts on its message staying pending)
      // and a notice job run for every library on a day far away, never today: a run for today
      // would send the day's reminders of every suite's library (and each job runs once a day)
      bodyFields: {
        'POST /api/platform/city-messages/deliver': { tenants: [slug] },
        'POST /api/platform/jobs/{name}/run': { date: '2100-01-04' },
      },
    });
    const failures: string[] = [];
    const misfits: string[] = [];
    let checked = 0;
    const operations = new Set(cases.map((c) => c.operation));
    const answers = new Map<string, number>();
    for (const c of cases) {
      const res = await send(c);
      const answer = `${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`;
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${c.operation} [${c.caller}] ${c.input}: ${answer}`);
      // an answer the operation declares (@ApiAnswer, libs/contracts) must be what it declares
      const declared = res.status < 300 ? declaredAnswer(doc as unknown as OpenApiDoc, c.operation.slice(c.method.length + 1), c.method.toLowerCase(), res.status) : undefined;
      if (declared) checked++;
      if (declared) misfits.push(...schemaErrors(doc as unknown as OpenApiDoc, declared, res.body).slice(0, 3).map((e) => `${c.operation} [${c.caller}] ${c.input}: ${e}`));
    }
    const common = [...answers].sort((a, b) => b[1] - a[1]).map(([answer, n]) => `${answer} ×${n}`);
    console.log(`fuzz: ${cases.length} requests over ${operations.size} operations, ${failures.length} answered 5xx, ${checked} answers checked against their declared schema\nanswers: ${common.join(', ')}`);
    expect(failures).toEqual([]);
    expect(misfits).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 900_000);
});
