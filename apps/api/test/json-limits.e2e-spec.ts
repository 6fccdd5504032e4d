import { MAX_JSON_DEPTH } from '../src/engine/http/json-body';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';

/**
 * Hostile JSON bodies (issue #22, item 6): a body of thousands of nested arrays answered
 * 500 on every JSON endpoint, the unauthenticated sign-ins included. The depth is now checked
 * by a scan of the raw bytes before JSON.parse, and the size while the body is read.
 */
describe('JSON body limits: depth and size before parsing', () => {
  let t: TestApp;
  let slug: string;
  let librarian: string;

  /** `depth` nested arrays around one value, as a field of an otherwise ordinary body. */
  const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const bodyWith = (fields: Record<string, string>, deep: string) =>
    `{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')},"extra":${deep}}`;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    slug = await createTenant(t, admin, 'kushiro');
    librarian = await librarianToken(t, admin, slug);
  });
  afterAll(() => t.close());

  const expectTooDeep = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'JSON_TOO_DEEP',
      status: 400,
      maxDepth: MAX_JSON_DEPTH,
      message: { ja: expect.stringContaining('入れ子が深すぎます'), en: expect.stringContaining('nested too deeply') },
    });
  };

  it('refuses 5,000 nested arrays with 400 JSON_TOO_DEEP on the sign-ins (no session needed) and on a librarian endpoint', async () => {
    const hostile = nested(5000);
    const json = { 'Content-Type': 'application/json' };
    expectTooDeep(await t.http().post(`/api/t/${slug}/auth/login`).set(json).send(hostile));
    expectTooDeep(await t.http().post(`/api/t/${slug}/staff/login`).set(json).send(hostile));
    expectTooDeep(await t.http().post('/api/platform/login').set(json).send(hostile));
    expectTooDeep(
      await t.http().post(`/api/t/${slug}/admin/patrons`).set(json).set('Authorization', `Bearer ${librarian}`)
        .send(bodyWith({ cardNumber: '0009001', name: '深層 太郎' }, nested(5000))),
    );
    // objects count as much as arrays
    expectTooDeep(await t.http().post(`/api/t/${slug}/auth/login`).set(json).send(`${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`));
  });

  it('parses a body at the limit and lets the endpoint judge it; one level more is refused', async () => {
    const json = { 'Content-Type': 'application/json' };
    const login = { cardNumber: '0009002', password: 'whatever-1' };
    // the whole body (the outer object is level 1) nests exactly MAX_JSON_DEPTH levels: parsed,
    // then refused by the sign-in's own validation for its unknown field, as any extra field is
    const atLimit = await t.http().post(`/api/t/${slug}/auth/login`).set(json).send(bodyWith(login, nested(MAX_JSON_DEPTH - 1)));
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.code).toBe('VALIDATION');
    expect(atLimit.body.errors).toEqual([expect.objectContaining({ path: 'extra' })]);
    expectTooDeep(await t.http().post(`/api/t/${slug}/auth/login`).set(json).send(bodyWith(login, nested(MAX_JSON_DEPTH))));
    // brackets inside strings are text, however many
    const bracketsInText = await t.http().post(`/api/t/${slug}/auth/login`).set(json)
      .send(JSON.stringify({ cardNumber: '['.repeat(5000), password: '{"\\['.repeat(1000) }));
    expect(bracketsInText.body.code).not.toBe('JSON_TOO_DEEP');
    expect(bracketsInText.status).toBeLessThan(500);
  });

  it('still takes the deepest real body there is: the whole policy, read and written back', async () => {
    const auth = { Authorization: `Bearer ${librarian}` };
    const current = await t.http().get(`/api/t/${slug}/admin/policy`).set(auth).expect(200);
    const policy = current.body.policy ?? current.body;
    await t.http().put(`/api/t/${slug}/admin/policy`).set(auth).send(policy).expect(200);
  });

  it('refuses a body over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE before reading it all', async () => {
    const huge = JSON.stringify({ cardNumber: '0009003', password: 'x'.repeat(1_100_000) });
    const res = await t.http().post(`/api/t/${slug}/auth/login`).set('Content-Type', 'application/json').send(huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: { ja: expect.any(String), en: expect.any(String) } });
  });
});
