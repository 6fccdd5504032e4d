import { MailSender } from '../src/modules/notices/mail-sender.service';
import { adminToken, createTenant, createTestApp, librarianToken, PUBLIC_URL, TestApp } from './support/app';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';
import { startSmtp } from './support/smtp';

const LINK = /https?:\/\/\S+/g;

/**
 * Issue #22, item 1: links in mail come from configuration — the instance's PUBLIC_URL, or
 * the city's own public URL kept by regional IT in the tenant registry — never from the
 * request (Host, X-Forwarded-Host), which whoever sends it chooses.
 */
describe('links in mail come from configuration, never from the request', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;
  const city: Record<'kushiro' | 'koga', { slug: string; lib: string }> = {} as never;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
    admin = await adminToken(t);
    for (const preset of ['kushiro', 'koga'] as const) {
      const slug = await createTenant(t, admin, preset);
      city[preset] = { slug, lib: await librarianToken(t, admin, slug) };
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  // this suite's cities only: suites running at the same time share the database
  const deliver = () => t.app.get(MailSender).deliverDue(50, { tenants: [city.kushiro.slug, city.koga.slug] });
  const linksTo = async (address: string) => {
    await deliver();
    return smtp.mails.filter((m) => m.to.includes(address)).flatMap((m) => m.text.match(LINK) ?? []);
  };
  const forgot = (slug: string, cardNumber: string, email: string) =>
    t
      .http()
      .post(`/api/t/${slug}/auth/forgot-password`)
      .set('Host', 'attacker.example')
      .set('X-Forwarded-Host', 'attacker.example')
      .set('X-Forwarded-Proto', 'http')
      .send({ cardNumber, email })
      .expect(202);

  it('a reset requested with Host: attacker.example mails a link to the configured PUBLIC_URL', async () => {
    const { slug, lib } = city.kushiro;
    await createPatron(t, slug, lib, { cardNumber: '30010001', email: 'victim@example.jp' });
    await forgot(slug, '30010001', 'victim@example.jp');
    const links = await linksTo('victim@example.jp');
    expect(links).toHaveLength(1);
    expect(links[0].startsWith(`${PUBLIC_URL}/opac/${slug}/reset-password?token=`)).toBe(true);
    expect(links.join(' ')).not.toContain('attacker.example');
  });

  it('an e-mail confirmation asked for with a forged Host links to PUBLIC_URL too', async () => {
    const { slug, lib } = city.koga;
    const p = await createPatron(t, slug, lib, { cardNumber: '101112131' });
    const temp = await temporaryPassword(t, slug, lib, p.id);
    const first = await patronLogin(t, slug, '101112131', temp).expect(200);
    await t.http().put(`/api/t/${slug}/me/password`).set(bearer(first.body.token)).send({ currentPassword: temp, newPassword: 'koga34' }).expect(200);
    await t
      .http()
      .put(`/api/t/${slug}/me/email`)
      .set(bearer(first.body.token))
      .set('Host', 'attacker.example')
      .send({ email: 'koga.reader@example.jp' })
      .expect(200);
    const links = await linksTo('koga.reader@example.jp');
    expect(links).toHaveLength(1);
    expect(links[0].startsWith(`${PUBLIC_URL}/opac/${slug}/confirm-email?token=`)).toBe(true);
  });

  it('regional IT gives a city its own public URL: that city’s links use it, other cities keep PUBLIC_URL', async () => {
    const { slug, lib } = city.kushiro;
    const cityUrl = 'https://library.kushiro.example.jp';
    const set = await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(admin)).send({ publicUrl: `${cityUrl}/` }).expect(200);
    expect(set.body).toMatchObject({ slug, publicUrl: cityUrl, opacPublicUrl: `${cityUrl}/opac/${slug}/` });
    expect((await t.http().get(`/api/platform/tenants/${slug}`).set(bearer(admin)).expect(200)).body).toMatchObject({ publicUrl: cityUrl });

    await createPatron(t, slug, lib, { cardNumber: '30010002', email: 'kushiro.two@example.jp' });
    await forgot(slug, '30010002', 'kushiro.two@example.jp');
    const links = await linksTo('kushiro.two@example.jp');
    expect(links).toHaveLength(1);
    expect(links[0].startsWith(`${cityUrl}/opac/${slug}/reset-password?token=`)).toBe(true);
    // the other city is untouched
    const other = await t.http().get(`/api/platform/tenants/${city.koga.slug}`).set(bearer(admin)).expect(200);
    expect(other.body).toMatchObject({ publicUrl: null, opacPublicUrl: `${PUBLIC_URL}/opac/${city.koga.slug}/` });

    // audited once; the same value again changes nothing
    await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(admin)).send({ publicUrl: cityUrl }).expect(200);
    const audit = await t.ds.query(`SELECT before, after FROM platform.audit_log WHERE action = 'tenant.public-url' AND entity_id = $1 ORDER BY id`, [set.body.id]);
    expect(audit).toEqual([{ before: { publicUrl: null }, after: { publicUrl: cityUrl } }]);

    // null (or empty) goes back to PUBLIC_URL
    const cleared = await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(admin)).send({ publicUrl: null }).expect(200);
    expect(cleared.body).toMatchObject({ publicUrl: null, opacPublicUrl: `${PUBLIC_URL}/opac/${slug}/` });
  });

  it('refuses a public URL that is not a plain http(s) URL, and lets only regional IT set one', async () => {
    const { slug, lib } = city.koga;
    for (const bad of ['library.koga.example.jp', 'javascript:alert(1)', 'https://koga.example.jp/?next=x', 'https://koga.example.jp/#top']) {
      const res = await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(admin)).send({ publicUrl: bad }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'publicUrl', code: 'PUBLIC_URL' }] });
      expect(res.body.errors[0].message.ja).toContain('https://');
    }
    const nothing = await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(admin)).send({}).expect(400);
    expect(nothing.body.code).toBe('VALIDATION');
    await t.http().patch(`/api/platform/tenants/${slug}`).set(bearer(lib)).send({ publicUrl: 'https://evil.example' }).expect(403);
    expect((await t.http().get(`/api/platform/tenants/${slug}`).set(bearer(admin)).expect(200)).body.publicUrl).toBeNull();
  });
});
