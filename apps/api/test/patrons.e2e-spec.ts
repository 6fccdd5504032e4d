import { checkDigitFor, getPreset } from '@shiori/policy';
import { quotedTenantSchema } from '@shiori/tenancy';
import { MailSender } from '../src/modules/notices/mail-sender.service';
import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';
import { startSmtp } from './support/smtp';

describe('patron accounts and sign-in by each city’s rules', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;
  const city: Record<string, { slug: string; lib: string }> = {};

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
    admin = await adminToken(t);
    for (const preset of ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga']) {
      const slug = await createTenant(t, admin, preset);
      city[preset] = { slug, lib: await librarianToken(t, admin, slug) };
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  // this suite's cities only: suites running at the same time share the database (and would take each other's mail)
  const deliver = () => t.app.get(MailSender).deliverDue(50, { tenants: Object.values(city).map((c) => c.slug) });
  const mailTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  describe('katori: online registration with katakana name and birth year-month (day 01)', () => {
    it('registers, logs in with the card as typed, and registering again replaces the password', async () => {
      const { slug, lib } = city.katori;
      const p = await createPatron(t, slug, lib, { cardNumber: '0446443', nameKana: 'カトリ タロウ', birthDate: '1971-04-01' });
      // space optional, half-width katakana tolerated, day typed as 01
      await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446443', password: 'Abc123+x', passwordConfirm: 'Abc123+x', identity: { nameKana: 'ｶﾄﾘﾀﾛｳ', birthDate: '19710401' } })
        .expect(200);
      const login = await patronLogin(t, slug, '０４４６４４３', 'Abc123+x').expect(200);
      expect(login.body).toMatchObject({ patron: { id: p.id, cardNumber: '0446443' }, mustChangePassword: false });
      expect(login.body.token).toEqual(expect.any(String));
      // forgot password = register again; the old one stops working
      await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446443', password: 'New!pass9', identity: { nameKana: 'カトリ　タロウ', birthDate: '1971-04-01' } })
        .expect(200);
      await patronLogin(t, slug, '0446443', 'Abc123+x').expect(401);
      await patronLogin(t, slug, '0446443', 'New!pass9').expect(200);
    });

    it('refuses the real birth day, a wrong name and weak passwords with clear codes', async () => {
      const { slug, lib } = city.katori;
      await createPatron(t, slug, lib, { cardNumber: '0446444', nameKana: 'サワラ ハナコ', birthDate: '1980-10-01' });
      const day = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446444', password: 'Abc123+x', identity: { nameKana: 'サワラハナコ', birthDate: '19801016' } })
        .expect(422);
      expect(day.body.code).toBe('BIRTH_DAY_MUST_BE_01');
      const wrong = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446444', password: 'Abc123+x', identity: { nameKana: 'サワラジロウ', birthDate: '19801001' } })
        .expect(422);
      expect(wrong.body.code).toBe('IDENTITY_MISMATCH');
      const weak = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446444', password: 'abc', identity: { nameKana: 'サワラハナコ', birthDate: '19801001' } })
        .expect(422);
      expect(weak.body.code).toBe('PASSWORD_POLICY');
      expect(weak.body.errors[0].path).toBe('password');
      const symbol = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '0446444', password: 'abc123$$', identity: { nameKana: 'サワラハナコ', birthDate: '19801001' } })
        .expect(422);
      expect(symbol.body.code).toBe('PASSWORD_POLICY');
      // an unknown card looks exactly like a wrong identity
      const unknown = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '9999999', password: 'Abc123+x', identity: { nameKana: 'サワラハナコ', birthDate: '19801001' } })
        .expect(422);
      expect(unknown.body.code).toBe('IDENTITY_MISMATCH');
    });
  });

  describe('kitakyushu: birth date + registered phone + consent to terms', () => {
    it('needs the terms, then matches phone with or without hyphens', async () => {
      const { slug, lib } = city.kitakyushu;
      await createPatron(t, slug, lib, { cardNumber: '2000123456', birthDate: '1990-02-03', phone: '093-582-0000' });
      const noTerms = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '2000123456', password: 'kita2025', identity: { birthDate: '19900203', phone: '0935820000' } })
        .expect(422);
      expect(noTerms.body.code).toBe('TERMS_REQUIRED');
      const wrongPhone = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '2000123456', password: 'kita2025', termsAccepted: true, identity: { birthDate: '1990-02-03', phone: '093-000-0000' } })
        .expect(422);
      expect(wrongPhone.body.code).toBe('IDENTITY_MISMATCH');
      await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '2000123456', password: 'kita2025', termsAccepted: true, identity: { birthDate: '1990-02-03', phone: '０９３５８２００００' } })
        .expect(200);
      await patronLogin(t, slug, '2000123456', 'kita2025').expect(200);
      // half-width katakana is not a valid password character here
      const kana = await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '2000123456', password: 'ｶﾀｶﾅabc1', termsAccepted: true, identity: { birthDate: '19900203', phone: '0935820000' } })
        .expect(422);
      expect(kana.body.code).toBe('PASSWORD_POLICY');
    });
  });

  describe('koga: card of 9 digits starting 10; katakana + birth date + phone; e-mail double opt-in', () => {
    it('validates the card by the policy at registration', async () => {
      const { slug, lib } = city.koga;
      for (const bad of ['123456789', '10123', '1012345678', '10abc4567']) {
        const res = await t
          .http()
          .post(`/api/t/${slug}/admin/patrons`)
          .set('Authorization', `Bearer ${lib}`)
          .send({ cardNumber: bad, name: 'x', nameKana: 'エックス' })
          .expect(422);
        expect(res.body.code).toBe('CARD_FORMAT');
        expect(res.body.errors[0].path).toBe('cardNumber');
      }
      const dup = await createPatron(t, slug, lib, { cardNumber: '101234567' });
      expect(dup.cardNumber).toBe('101234567');
      const again = await t
        .http()
        .post(`/api/t/${slug}/admin/patrons`)
        .set('Authorization', `Bearer ${lib}`)
        .send({ cardNumber: '10-1234567', name: 'x', nameKana: 'エックス' })
        .expect(409);
      expect(again.body.code).toBe('CARD_EXISTS');
    });

    it('registers, then sets an e-mail that only counts once its link is opened', async () => {
      const { slug, lib } = city.koga;
      await createPatron(t, slug, lib, { cardNumber: '109876543', nameKana: 'コガ ハナコ', birthDate: '2009-03-01', phone: '092-942-1151' });
      await t
        .http()
        .post(`/api/t/${slug}/auth/register-password`)
        .send({ cardNumber: '109876543', password: 'koga12', identity: { nameKana: 'コガハナコ', birthDate: '20090301', phone: '0929421151' } })
        .expect(200);
      const login = await patronLogin(t, slug, '109876543', 'koga12').expect(200);
      const auth = { Authorization: `Bearer ${login.body.token}` };
      for (const bad of ['hanako..koga@example.jp', 'hanako.@example.jp', 'ｈａｎａｋｏ@example.jp']) {
        const res = await t.http().put(`/api/t/${slug}/me/email`).set(auth).send({ email: bad }).expect(422);
        expect(res.body.code).toBe('EMAIL_UNDELIVERABLE');
        expect(res.body.message.ja).toBeTruthy();
      }
      const set = await t.http().put(`/api/t/${slug}/me/email`).set(auth).send({ email: 'hanako@example.jp', applyToExistingHolds: true }).expect(200);
      expect(set.body).toMatchObject({ confirmationRequired: true, pendingEmail: 'hanako@example.jp' });
      const waiting = (await t.http().get(`/api/t/${slug}/me`).set(auth).expect(200)).body;
      expect(waiting).toMatchObject({ email: null, pendingEmail: 'hanako@example.jp' });
      await deliver();
      const mail = mailTo('hanako@example.jp').find((m) => m.subject.includes('メールアドレスの確認'));
      expect(mail).toBeDefined();
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
      await t.http().post(`/api/t/${slug}/auth/confirm-email`).send({ token }).expect(200);
      expect((await t.http().get(`/api/t/${slug}/me`).set(auth).expect(200)).body.email).toBe('hanako@example.jp');
      await t.http().post(`/api/t/${slug}/auth/confirm-email`).send({ token }).expect(400);
      await t.http().delete(`/api/t/${slug}/me/email`).set(auth).expect(204);
      expect((await t.http().get(`/api/t/${slug}/me`).set(auth).expect(200)).body.email).toBeNull();
    });
  });

  describe('kushiro: counter registration only, reset by e-mail link, legacy A prefix, yearly card', () => {
    it('refuses online registration', async () => {
      const res = await t
        .http()
        .post(`/api/t/${city.kushiro.slug}/auth/register-password`)
        .send({ cardNumber: '12345678', password: 'whatever1', identity: {} })
        .expect(403);
      expect(res.body.code).toBe('ONLINE_REGISTRATION_DISABLED');
    });

    it('resets a forgotten password through a one-time mailed link (always 202)', async () => {
      const { slug, lib } = city.kushiro;
      const p = await createPatron(t, slug, lib, { cardNumber: '20180001', email: 'kushiro.reader@example.jp' });
      const temp = await temporaryPassword(t, slug, lib, p.id);
      // wrong e-mail and unknown card answer the same 202 and send nothing
      await t.http().post(`/api/t/${slug}/auth/forgot-password`).send({ cardNumber: '20180001', email: 'someone@example.jp' }).expect(202);
      await t.http().post(`/api/t/${slug}/auth/forgot-password`).send({ cardNumber: '99999999', email: 'kushiro.reader@example.jp' }).expect(202);
      await t.http().post(`/api/t/${slug}/auth/forgot-password`).send({ cardNumber: 'A20180001', email: 'Kushiro.Reader@example.jp' }).expect(202);
      await deliver();
      const mails = mailTo('kushiro.reader@example.jp');
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toContain('パスワード再設定');
      const token = /token=([A-Za-z0-9_-]+)/.exec(mails[0].text)![1];
      expect(mails[0].text).toContain(`/opac/${slug}/reset-password?token=`);
      const weak = await t.http().post(`/api/t/${slug}/auth/reset-password`).send({ token, password: 'a' }).expect(422);
      expect(weak.body.code).toBe('PASSWORD_POLICY');
      await t.http().post(`/api/t/${slug}/auth/reset-password`).send({ token, password: 'Kushiro-2026' }).expect(200);
      await t.http().post(`/api/t/${slug}/auth/reset-password`).send({ token, password: 'Again-2026x' }).expect(400);
      await patronLogin(t, slug, '20180001', temp).expect(401);
      // cards issued before 2018 carry a leading A that is stripped
      await patronLogin(t, slug, 'A20180001', 'Kushiro-2026').expect(200);
    });

    it('refuses the web service after the card expires, until it is renewed at the counter', async () => {
      const { slug, lib } = city.kushiro;
      const p = await createPatron(t, slug, lib, { cardNumber: '20180002', expiresAt: '2020-03-31' });
      const temp = await temporaryPassword(t, slug, lib, p.id);
      const expired = await patronLogin(t, slug, '20180002', temp).expect(403);
      expect(expired.body.code).toBe('CARD_EXPIRED');
      const renewed = await t.http().post(`/api/t/${slug}/admin/patrons/${p.id}/renew-card`).set('Authorization', `Bearer ${lib}`).expect(200);
      expect(renewed.body.expiresAt > new Date().toISOString().slice(0, 10)).toBe(true);
      await patronLogin(t, slug, '20180002', temp).expect(200);
    });
  });

  describe('city003: 8-digit card with check digit; 6-digit temporary password changed at first login', () => {
    it('forces the change of a temporary password before anything else', async () => {
      const { slug, lib } = city.city003;
      const scheme = getPreset('city003')!.policy.card.checkDigit;
      const card = `0123456${checkDigitFor('0123456', scheme)}`;
      const wrongDigit = `0123456${(Number(checkDigitFor('0123456', scheme)) + 1) % 10}`;
      const bad = await t
        .http()
        .post(`/api/t/${slug}/admin/patrons`)
        .set('Authorization', `Bearer ${lib}`)
        .send({ cardNumber: wrongDigit, name: 'x', nameKana: 'エックス' })
        .expect(422);
      expect(bad.body.errors[0].code).toBe('CARD_CHECK_DIGIT');
      const p = await createPatron(t, slug, lib, { cardNumber: `${card.slice(0, 7)}-${card.slice(7)}` });
      const temp = await temporaryPassword(t, slug, lib, p.id);
      expect(temp).toMatch(/^\d{6}$/);
      const login = await patronLogin(t, slug, card, temp).expect(200);
      expect(login.body.mustChangePassword).toBe(true);
      const auth = { Authorization: `Bearer ${login.body.token}` };
      const blocked = await t.http().patch(`/api/t/${slug}/me/settings`).set(auth).send({ remindersOptIn: true }).expect(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await t.http().get(`/api/t/${slug}/me`).set(auth).expect(200)).body.mustChangePassword).toBe(true);
      const notDigits = await t.http().put(`/api/t/${slug}/me/password`).set(auth).send({ currentPassword: temp, newPassword: 'abcdef' }).expect(422);
      expect(notDigits.body.code).toBe('PASSWORD_POLICY');
      const newPw = temp === '482915' ? '482916' : '482915';
      await t.http().put(`/api/t/${slug}/me/password`).set(auth).send({ currentPassword: temp, newPassword: newPw }).expect(200);
      const settled = await t.http().patch(`/api/t/${slug}/me/settings`).set(auth).send({ remindersOptIn: true }).expect(200);
      await patronLogin(t, slug, card, newPw).expect(200);
      // My page's summary is the contract's shape (PatronSummary): nothing of the record the patron has no use for
      const me = (await t.http().get(`/api/t/${slug}/me`).set(auth).expect(200)).body;
      const summaryKeys = ['cardExpired', 'cardExpiresAt', 'cardNumber', 'counts', 'email', 'lastLoginAt', 'lastPickupPointCode', 'lastUseAt', 'messages', 'mustChangePassword', 'name', 'nameKana', 'nickname', 'pendingEmail', 'remindersOptIn'];
      expect(Object.keys(me).sort()).toEqual(summaryKeys);
      expect(Object.keys(me.counts).sort()).toEqual(['alerts', 'cart', 'holds', 'loans', 'overdue', 'readyHolds', 'savedAlerts']);
      expect(Object.keys(settled.body).sort()).toEqual(summaryKeys);
    });
  });

  describe('security', () => {
    it('answers unknown card and wrong password identically, then refuses the right one like a wrong one while the address waits', async () => {
      const { slug, lib } = city.katori;
      const p = await createPatron(t, slug, lib, { cardNumber: '0001111' });
      const pw = await temporaryPassword(t, slug, lib, p.id);
      const unknown = await patronLogin(t, slug, '0009999', 'nope').expect(401);
      const wrong = await patronLogin(t, slug, '0001111', 'nope').expect(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.code).toBe('LOGIN_FAILED');
      // the rest of the backoff, per address and from everywhere: sign-in-throttle.e2e-spec.ts
      const policy = getPreset('katori')!.policy.lockout;
      for (let i = 1; i < policy.maxFailures; i++) await patronLogin(t, slug, '0001111', 'nope').expect(401);
      const waiting = await patronLogin(t, slug, '0001111', pw).expect(401);
      expect(waiting.body).toEqual(wrong.body);
    });

    it('never signs a patron in to another city, nor accepts their token there', async () => {
      const a = city.koga;
      const b = city.kitakyushu;
      const p = await createPatron(t, a.slug, a.lib, { cardNumber: '105555555' });
      const pw = await temporaryPassword(t, a.slug, a.lib, p.id);
      const login = await patronLogin(t, a.slug, '105555555', pw).expect(200);
      await patronLogin(t, b.slug, '105555555', pw).expect(401);
      await t.http().get(`/api/t/${b.slug}/me`).set('Authorization', `Bearer ${login.body.token}`).expect(401);
      // and a librarian of one city cannot read another city's patrons
      await t.http().get(`/api/t/${b.slug}/admin/patrons/${p.id}`).set('Authorization', `Bearer ${a.lib}`).expect(403);
    });

    it('logs out, and audits every librarian write on a patron', async () => {
      const { slug, lib } = city.koga;
      const p = await createPatron(t, slug, lib, { cardNumber: '107777777' });
      const pw = await temporaryPassword(t, slug, lib, p.id);
      await t.http().patch(`/api/t/${slug}/admin/patrons/${p.id}`).set('Authorization', `Bearer ${lib}`).send({ phone: '092-000-0000' }).expect(200);
      await t.http().post(`/api/t/${slug}/admin/patrons/${p.id}/block`).set('Authorization', `Bearer ${lib}`).send({ blocked: true, reason: '長期延滞' }).expect(200);
      const blocked = await patronLogin(t, slug, '107777777', pw).expect(403);
      expect(blocked.body.code).toBe('PATRON_BLOCKED');
      await t.http().post(`/api/t/${slug}/admin/patrons/${p.id}/block`).set('Authorization', `Bearer ${lib}`).send({ blocked: false }).expect(200);
      const login = await patronLogin(t, slug, '107777777', pw).expect(200);
      await t.http().post(`/api/t/${slug}/auth/logout`).set('Authorization', `Bearer ${login.body.token}`).expect(204);
      await t.http().get(`/api/t/${slug}/me`).set('Authorization', `Bearer ${login.body.token}`).expect(401);
      const audit = await t.ds.query(`SELECT action, actor_kind FROM ${quotedTenantSchema(slug)}.audit_log WHERE entity_id = $1 ORDER BY id`, [p.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['patron.create', 'patron.temporary-password', 'patron.update', 'patron.block', 'patron.unblock']);
      expect(audit.every((a: { actor_kind: string }) => a.actor_kind === 'librarian')).toBe(true);
    });

    it('searches patrons by card as typed and by katakana reading', async () => {
      const { slug, lib } = city.kitakyushu;
      await createPatron(t, slug, lib, { cardNumber: '2000999999', name: '門司 次郎', nameKana: 'モジ ジロウ' });
      const byCard = await t.http().get(`/api/t/${slug}/admin/patrons`).query({ q: '２０００９９９９９９' }).set('Authorization', `Bearer ${lib}`).expect(200);
      expect(byCard.body.map((x: { name: string }) => x.name)).toContain('門司 次郎');
      const byKana = await t.http().get(`/api/t/${slug}/admin/patrons`).query({ q: 'もじじろう' }).set('Authorization', `Bearer ${lib}`).expect(200);
      expect(byKana.body.map((x: { name: string }) => x.name)).toContain('門司 次郎');
    });
  });
});
