import { quotedTenantSchema } from '@shiori/tenancy';
import { cliCommands } from '../src/engine/cli-commands';
import { StaffService } from '../src/modules/platform/staff.service';
import { ADMIN_PASSWORD, adminToken, createTenant, createTestApp, librarianToken, TestApp, uniqueSlug } from './support/app';
import { holdClock } from './support/clock';
import { createPatron, temporaryPassword } from './support/patrons';

/**
 * Issue #22, item 4: failed sign-ins slow whoever fails, from where they fail; no stranger can
 * lock an account, and no answer tells a known account from an unknown one. The test client
 * plays the trusted proxy (TRUST_PROXY=loopback), so X-Forwarded-For picks each request's
 * address; the app's clock is held still, so waits end when the test moves it, not by sleeping.
 */
describe('sign-in: backoff per account and address, never a lock a stranger can set off', () => {
  let t: TestApp;
  let admin: string;
  let clock: ReturnType<typeof holdClock>;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    admin = await adminToken(t);
  });
  beforeEach(() => {
    clock = holdClock(t);
  });
  afterEach(() => clock.release());
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const patronLogin = (slug: string, from: string, cardNumber: string, password: string) =>
    t.http().post(`/api/t/${slug}/auth/login`).set('X-Forwarded-For', from).send({ cardNumber, password });
  const platformLogin = (from: string, username: string, password: string) =>
    t.http().post('/api/platform/login').set('X-Forwarded-For', from).send({ username, password });
  const librarianLogin = (slug: string, from: string, username: string, password: string) =>
    t.http().post(`/api/t/${slug}/staff/login`).set('X-Forwarded-For', from).send({ username, password });

  /** A Katori patron (lockout rules of the preset: 10 free failures, waits up to 15 minutes) who has signed in from `home`. */
  async function katoriPatron(home: string) {
    const slug = await createTenant(t, admin, 'katori');
    const lib = await librarianToken(t, admin, slug);
    const card = '0007001';
    const p = await createPatron(t, slug, lib, { cardNumber: card });
    const password = await temporaryPassword(t, slug, lib, p.id);
    await patronLogin(slug, home, card, password).expect(200);
    return { slug, lib, card, password };
  }

  it('many right sign-ins of one account from one address at once all succeed (counting an attempt and giving it back lock its rows in one order)', async () => {
    // each sign-in counts the attempt (the account's row from everywhere, then the address's)
    // and, once the password is right, gives it back in a second transaction: were the second
    // to take the rows in the other order, a sign-in giving back would deadlock with one counting
    // as many at once as the address's free failures (each attempt is counted in advance until
    // its password is found right, so more at once would be answered as a wait, by design)
    const from = '192.0.2.77';
    await platformLogin(from, 'admin', ADMIN_PASSWORD).expect(200);
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => platformLogin(from, 'admin', ADMIN_PASSWORD)));
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    }
  });

  describe('patrons', () => {
    it('a stranger’s failures slow the stranger’s address only: the patron still signs in from home, a new address waits a little', async () => {
      const home = '198.51.100.10';
      const stranger = '203.0.113.5';
      const { slug, card, password } = await katoriPatron(home);

      const wrong = await patronLogin(slug, stranger, card, 'not-it').expect(401);
      for (let i = 1; i < 10; i++) await patronLogin(slug, stranger, card, `not-it-${i}`).expect(401);
      // the stranger now waits: even the right password is answered like a wrong one
      const refused = await patronLogin(slug, stranger, card, password).expect(401);
      expect(refused.body).toEqual(wrong.body);
      expect(wrong.body.code).toBe('LOGIN_FAILED');
      expect(wrong.body.message.ja).toContain('数分待って');

      // the patron at home is not held up by any of it
      await patronLogin(slug, home, card, password).expect(200);
      // an address the card never signed in from waits after failures from everywhere (5 s after the 10th)…
      await patronLogin(slug, '192.0.2.44', card, password).expect(401);
      clock.advance(5);
      // …and then gets in
      await patronLogin(slug, '192.0.2.44', card, password).expect(200);
    });

    it('the wait doubles with each further failure from one address (5 s, 10 s, …) and is over when the clock says so', async () => {
      const { slug, card, password } = await katoriPatron('198.51.100.11');
      const from = '203.0.113.6';
      for (let i = 0; i < 10; i++) await patronLogin(slug, from, card, 'wrong').expect(401);
      clock.advance(5);
      await patronLogin(slug, from, card, 'wrong-11th').expect(401); // checked and counted: 11 failures, now 10 s
      clock.advance(9);
      await patronLogin(slug, from, card, password).expect(401);
      clock.advance(1);
      await patronLogin(slug, from, card, password).expect(200);
    });

    it('answers an unknown card exactly as a known one, through the whole sequence, and counts it the same way', async () => {
      const { slug, card, password } = await katoriPatron('198.51.100.12');
      const sequence = async (cardNumber: string, from: string) => {
        const out: unknown[] = [];
        for (let i = 0; i < 10; i++) out.push(await patronLogin(slug, from, cardNumber, `guess-${i}`).then((r) => [r.status, r.body]));
        out.push(await patronLogin(slug, from, cardNumber, password).then((r) => [r.status, r.body]));
        return out;
      };
      const known = await sequence(card, '203.0.113.7');
      const unknown = await sequence('0009999', '203.0.113.8');
      expect(unknown).toEqual(known);
      expect(JSON.stringify(known)).not.toContain('LOCKED');
      // the same rows written for both (the same work): 10 failures from the address and from everywhere
      const rows = await t.ds.query(
        `SELECT account_key, source, failures FROM ${quotedTenantSchema(slug)}.sign_in_failures WHERE account_key = ANY($1) AND source <> '198.51.100.12' ORDER BY 1, 2`,
        [[`login:${card}`, 'login:0009999']],
      );
      expect(rows).toEqual([
        { account_key: 'login:0007001', source: '*', failures: 10 },
        { account_key: 'login:0007001', source: '203.0.113.7', failures: 10 },
        { account_key: 'login:0009999', source: '*', failures: 10 },
        { account_key: 'login:0009999', source: '203.0.113.8', failures: 10 },
      ]);
    });

    it('sizes the backoff by the city’s lockout rules (maxFailures free, waits up to lockMinutes)', async () => {
      const { slug, lib, card, password } = await katoriPatron('198.51.100.13');
      const current = (await t.http().get(`/api/t/${slug}/admin/policy`).set(bearer(lib)).expect(200)).body;
      await t
        .http()
        .put(`/api/t/${slug}/admin/policy`)
        .set(bearer(lib))
        .send({ ...current, lockout: { maxFailures: 3, lockMinutes: 1 } })
        .expect(200);
      const from = '203.0.113.9';
      for (let i = 0; i < 3; i++) await patronLogin(slug, from, card, 'wrong').expect(401);
      await patronLogin(slug, from, card, password).expect(401);
      clock.advance(5);
      await patronLogin(slug, from, card, password).expect(200);
    });

    it('fails loudly when a failed attempt cannot be counted, instead of letting it through uncounted', async () => {
      const { slug, card, password } = await katoriPatron('198.51.100.14');
      const schema = quotedTenantSchema(slug);
      await t.ds.query(`ALTER TABLE ${schema}.sign_in_failures RENAME TO sign_in_failures_away`);
      try {
        const res = await patronLogin(slug, '203.0.113.10', card, 'wrong').expect(500);
        expect(res.body.code).toBe('INTERNAL');
        // not even the right password gets in while failures cannot be counted
        await patronLogin(slug, '198.51.100.14', card, password).expect(500);
      } finally {
        await t.ds.query(`ALTER TABLE ${schema}.sign_in_failures_away RENAME TO sign_in_failures`);
      }
      await patronLogin(slug, '198.51.100.14', card, password).expect(200);
    });

    it('a temporary password from the desk forgets the card’s failures', async () => {
      const { slug, lib, card } = await katoriPatron('198.51.100.15');
      for (let i = 0; i < 10; i++) await patronLogin(slug, `203.0.113.${20 + i}`, card, 'wrong').expect(401);
      const [{ id }] = await t.ds.query(`SELECT id FROM ${quotedTenantSchema(slug)}.patrons WHERE card_number = $1`, [card]);
      const fresh = await temporaryPassword(t, slug, lib, id);
      await patronLogin(slug, '192.0.2.50', card, fresh).expect(200);
    });
  });

  describe('staff and the regional admin', () => {
    it('a stranger cannot lock the regional admin out: failures from other addresses never block the admin’s own address', async () => {
      // issue #22: "11 requests lock the regional admin admin for 15 minutes, repeatedly". A
      // platform admin of this test's own: the failures of an account count from every address,
      // and the suites beside this one sign in as "admin" meanwhile (each sign-in is counted in
      // advance and given back once its password is found right), so the count of "admin" read
      // at any moment may hold one of theirs
      const username = `pa${uniqueSlug()}`;
      await t.app.get(StaffService).create({ username, password: 'platform-pass-1', role: 'platform-admin', tenantId: null });
      const office = '198.51.100.40';
      await platformLogin(office, username, 'platform-pass-1').expect(200); // where the admin works
      const answers: unknown[] = [];
      for (let i = 0; i < 30; i++) answers.push((await platformLogin(`203.0.113.${100 + i}`, username, `guess-${i}`).expect(401)).body);
      for (let i = 0; i < 15; i++) answers.push((await platformLogin('203.0.113.200', username, `again-${i}`).expect(401)).body);
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect((answers[0] as { code: string }).code).toBe('LOGIN_FAILED');

      const res = await platformLogin(office, username, 'platform-pass-1').expect(200);
      expect(res.body.staff.username).toBe(username);
      // the console shows the guessing: 10 failures were checked and counted, after which
      // addresses the account never used wait (and their attempts are not even checked)
      const admins = await t.http().get('/api/platform/admins').set(bearer(res.body.token)).expect(200);
      const row = admins.body.find((s: { username: string }) => s.username === username);
      expect(row.failedLogins).toBe(10);
      expect(row.lockedUntil).not.toBeNull();
      // an unknown user name gets the same answers
      const unknown = await platformLogin('203.0.113.201', `${username}-nobody`, 'guess').expect(401);
      expect(unknown.body).toEqual(answers[0]);
    });

    it('a librarian signs in from the library while a stranger fails from elsewhere', async () => {
      const slug = await createTenant(t, admin);
      const username = `lib-${slug}`;
      await t
        .http()
        .post(`/api/platform/tenants/${slug}/staff`)
        .set(bearer(admin))
        .send({ username, password: 'librarian-pass-1', role: 'librarian' })
        .expect(201);
      await librarianLogin(slug, '198.51.100.30', username, 'librarian-pass-1').expect(200);
      for (let i = 0; i < 12; i++) await librarianLogin(slug, '203.0.113.30', username, `wrong-${i}`).expect(401);
      await librarianLogin(slug, '203.0.113.30', username, 'librarian-pass-1').expect(401);
      await librarianLogin(slug, '198.51.100.30', username, 'librarian-pass-1').expect(200);
    });

    it('the CLI’s staff reset-password forgets the failures: the account gets in at once from a new address', async () => {
      const username = `pa${uniqueSlug()}`;
      await t.app.get(StaffService).create({ username, password: 'platform-pass-1', role: 'platform-admin', tenantId: null });
      for (let i = 0; i < 10; i++) await platformLogin(`203.0.113.${150 + i}`, username, `guess-${i}`).expect(401);
      // guessing from everywhere: an address the account never used waits
      await platformLogin('192.0.2.60', username, 'platform-pass-1').expect(401);

      const printed: string[] = [];
      const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
      try {
        expect(await cliCommands.staff(t.app, ['reset-password', username], ['staff', 'reset-password', username])).toBe(0);
      } finally {
        log.mockRestore();
      }
      const temporary = printed.map((l) => l.trim()).find((l) => /^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/.test(l))!;
      expect(printed.join('\n')).toContain('lockout is lifted');
      const res = await platformLogin('192.0.2.61', username, temporary).expect(200);
      expect(res.body.mustChangePassword).toBe(true);
    });
  });
});
