import { MailSender } from '../src/modules/notices/mail-sender.service';
import { adminToken, createTenant, createTestApp, librarianToken, PUBLIC_URL, TestApp } from './support/app';
import { holdClock } from './support/clock';
import { createPatron, temporaryPassword } from './support/patrons';
import { startSmtp } from './support/smtp';

/**
 * Issue #22, item 2: "register again" by identity fields could be guessed (a katakana name and
 * a birth month; 95 guesses in 1.1 s with a rotating X-Forwarded-For, and 15 wrong guesses
 * then the right one from one address). Wrong identities are now counted per card, from any
 * address, with growing waits; and where an e-mail is on file the new password waits for the
 * link mailed there. The test client plays the trusted proxy (TRUST_PROXY=loopback); the
 * app's clock is held still and moved on by the test.
 */
describe('register again: guessing is counted per card, and a mailbox on file confirms', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;
  let clock: ReturnType<typeof holdClock>;
  const city: Record<'katori' | 'koga', { slug: string; lib: string }> = {} as never;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, TRUST_PROXY: 'loopback' });
    admin = await adminToken(t);
    for (const preset of ['katori', 'koga'] as const) {
      const slug = await createTenant(t, admin, preset);
      city[preset] = { slug, lib: await librarianToken(t, admin, slug) };
    }
  });
  beforeEach(() => {
    clock = holdClock(t);
  });
  afterEach(() => clock.release());
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const register = (slug: string, from: string, body: Record<string, unknown>) =>
    t.http().post(`/api/t/${slug}/auth/register-password`).set('X-Forwarded-For', from).send(body);
  // this suite's cities only: suites running at the same time share the database
  const deliver = () => t.app.get(MailSender).deliverDue(50, { tenants: [city.katori.slug, city.koga.slug] });
  const login = (slug: string, cardNumber: string, password: string) => t.http().post(`/api/t/${slug}/auth/login`).send({ cardNumber, password });
  const katoriGuess = (cardNumber: string, birthDate: string) => ({
    cardNumber,
    password: 'Taken0ver+',
    passwordConfirm: 'Taken0ver+',
    identity: { nameKana: 'カトリ ハナコ', birthDate },
  });
  /** 1970-01 … : a different wrong birth month (day 01, as Katori asks) for each guess. */
  const month = (i: number) => `${1970 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}01`;
  const RIGHT = '19710401';

  it('15 wrong guesses from rotating addresses, then the right one is refused for a while; an unknown card answers alike', async () => {
    const { slug, lib } = city.katori;
    const p = await createPatron(t, slug, lib, { cardNumber: '0008001', nameKana: 'カトリ ハナコ', birthDate: '1971-04-01' });
    const old = await temporaryPassword(t, slug, lib, p.id);
    const guesses = Array.from({ length: 16 }, (_, i) => month(i)).filter((m) => m !== RIGHT).slice(0, 15);

    const answers = async (cardNumber: string, first: number) => {
      const out: { status: number; code: string }[] = [];
      for (const [i, birth] of guesses.entries()) {
        const res = await register(slug, `203.0.113.${first + i}`, katoriGuess(cardNumber, birth));
        out.push({ status: res.status, code: res.body.code });
      }
      const right = await register(slug, `203.0.113.${first + 20}`, katoriGuess(cardNumber, RIGHT));
      out.push({ status: right.status, code: right.body.code });
      return { out, right };
    };
    const known = await answers('0008001', 1);
    expect(known.out.slice(0, 5)).toEqual(Array(5).fill({ status: 422, code: 'IDENTITY_MISMATCH' }));
    expect(known.out.slice(5)).toEqual(Array(11).fill({ status: 429, code: 'REGISTRATION_PAUSED' }));
    // the patron is told what to do, in both languages
    expect(known.right.body.message.ja).toContain('カウンター');
    expect(known.right.body.message.en).toContain('counter');
    expect(known.right.body.retryAfterSeconds).toBeGreaterThan(0);
    // nothing was taken over
    await login(slug, '0008001', 'Taken0ver+').expect(401);
    await login(slug, '0008001', old).expect(200);

    const unknown = await answers('0008999', 40);
    expect(unknown.out).toEqual(known.out);

    // the wait is over a minute after the 5th failure: the patron registers
    clock.advance(60);
    const ok = await register(slug, '198.51.100.20', katoriGuess('0008001', RIGHT)).expect(200);
    expect(ok.body).toMatchObject({ registered: true, confirmationRequired: false });
    await login(slug, '0008001', 'Taken0ver+').expect(200);
  });

  it('counts per card from one address too: 9 wrong guesses (under the per-address limit), then the right one waits', async () => {
    const { slug, lib } = city.katori;
    await createPatron(t, slug, lib, { cardNumber: '0008002', nameKana: 'カトリ ハナコ', birthDate: '1971-04-01' });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await register(slug, '203.0.113.99', katoriGuess('0008002', month(i + 30)))).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429, 429, 429]);
    const paused = await register(slug, '203.0.113.99', katoriGuess('0008002', RIGHT)).expect(429);
    expect(paused.body.code).toBe('REGISTRATION_PAUSED');
    // the answer says when to come back, in the header as well as in the body
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(paused.headers['retry-after'])).toBe(Math.ceil(paused.body.retryAfterSeconds));
    // format mistakes reveal nothing and are not counted: a new card, a day other than 01
    await createPatron(t, slug, lib, { cardNumber: '0008003', nameKana: 'カトリ ハナコ', birthDate: '1971-04-01' });
    for (let i = 0; i < 8; i++) {
      expect((await register(slug, `203.0.113.${120 + i}`, katoriGuess('0008003', '19710416')).expect(422)).body.code).toBe('BIRTH_DAY_MUST_BE_01');
    }
    await register(slug, '203.0.113.130', katoriGuess('0008003', RIGHT)).expect(200);
  });

  it('with an e-mail on file the new password waits for the mailed link; sessions end only then; the link works once', async () => {
    const { slug, lib } = city.koga;
    const address = 'koga.hanako@example.jp';
    const p = await createPatron(t, slug, lib, { cardNumber: '108000001', nameKana: 'コガ ハナコ', birthDate: '2009-03-01', phone: '092-942-1151', email: address });
    const old = await temporaryPassword(t, slug, lib, p.id);
    const session = (await login(slug, '108000001', old).expect(200)).body.token as string;
    const me = () => t.http().get(`/api/t/${slug}/me`).set('Authorization', `Bearer ${session}`);
    const body = { cardNumber: '108000001', password: 'newpw12', identity: { nameKana: 'コガハナコ', birthDate: '20090301', phone: '0929421151' } };

    const res = await register(slug, '198.51.100.30', body).expect(200);
    expect(res.body).toMatchObject({ registered: false, confirmationRequired: true, expiresInHours: 24 });
    // nothing changed yet: the old password and the session still work, the new one does not
    await me().expect(200);
    await login(slug, '108000001', 'newpw12').expect(401);

    await deliver();
    const mails = smtp.mails.filter((m) => m.to.includes(address));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('パスワード登録の確認');
    expect(mails[0].text).toContain('これまでのパスワードのまま');
    const link = /https?:\/\/\S+/.exec(mails[0].text)![0];
    expect(link.startsWith(`${PUBLIC_URL}/opac/${slug}/confirm-password?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;

    await t.http().post(`/api/t/${slug}/auth/confirm-password`).send({ token }).expect(200, { confirmed: true });
    await me().expect(401);
    await login(slug, '108000001', old).expect(401);
    await login(slug, '108000001', 'newpw12').expect(200);
    // once only
    expect((await t.http().post(`/api/t/${slug}/auth/confirm-password`).send({ token }).expect(400)).body.code).toBe('TOKEN_INVALID');
  });

  it('a confirmation link expires after 24 hours, and a password issued at the counter meanwhile voids it', async () => {
    const { slug, lib } = city.koga;
    const address = 'koga.taro@example.jp';
    const p = await createPatron(t, slug, lib, { cardNumber: '108000002', nameKana: 'コガ タロウ', birthDate: '2001-05-05', phone: '092-000-1111', email: address });
    const body = { cardNumber: '108000002', password: 'late123', identity: { nameKana: 'コガタロウ', birthDate: '20010505', phone: '0920001111' } };
    const tokenOfLastMail = async () => {
      await deliver();
      const text = smtp.mails.filter((m) => m.to.includes(address)).at(-1)!.text;
      return /token=([A-Za-z0-9_-]+)/.exec(text)![1];
    };

    await register(slug, '198.51.100.31', body).expect(200);
    const late = await tokenOfLastMail();
    clock.advance(24 * 3600);
    expect((await t.http().post(`/api/t/${slug}/auth/confirm-password`).send({ token: late }).expect(400)).body.code).toBe('TOKEN_INVALID');

    await register(slug, '198.51.100.31', { ...body, password: 'void123' }).expect(200);
    const voided = await tokenOfLastMail();
    const desk = await temporaryPassword(t, slug, lib, p.id);
    expect((await t.http().post(`/api/t/${slug}/auth/confirm-password`).send({ token: voided }).expect(400)).body.code).toBe('TOKEN_INVALID');
    await login(slug, '108000002', 'void123').expect(401);
    await login(slug, '108000002', desk).expect(200);
  });
});
