import { runInTenant } from '@shiori/tenancy';
import { MailCatcher } from '../src/modules/notices/mail-catcher/mail-catcher.service';
import { MailSender, MAX_ATTEMPTS } from '../src/modules/notices/mail-sender.service';
import { NoticesService } from '../src/modules/notices/notices.service';
import { TenantRegistry } from '../src/engine/tenancy/tenant-registry.service';
import { ADMIN_PASSWORD, adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { backoffPassed, inTenant, insertItem, insertRecord, jaDay, outboxRows, signedInPatron } from './support/notices-factories';
import { createPatron, patronLogin } from './support/patrons';
import { startSmtp } from './support/smtp';

/**
 * Notices end to end: librarians' templates and outbox, the hold notices as the holds flow
 * sends them, an SMTP outage, and the demo mail catcher — for Kushiro and Koga, each a
 * tenant of its own, against a real PostgreSQL and a real in-process SMTP server.
 */
describe('notices: templates, outbox, hold notices, SMTP outage, demo mail catcher', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const city: Record<'kushiro' | 'koga', { slug: string; lib: string; name: string; auth: { Authorization: string } }> = {} as never;
  let card = 100000000;
  const nextCard = (preset: 'kushiro' | 'koga') => (preset === 'koga' ? String(++card) : String(++card).slice(1));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
    const admin = await adminToken(t);
    for (const preset of ['kushiro', 'koga'] as const) {
      const slug = await createTenant(t, admin, preset);
      const lib = await librarianToken(t, admin, slug);
      city[preset] = { slug, lib, name: `テスト市立図書館 ${slug}`, auth: { Authorization: `Bearer ${lib}` } };
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const sender = () => t.app.get(MailSender);
  const deliver = () => sender().deliverDue(200, { tenants: [city.kushiro.slug, city.koga.slug] });
  const mailTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const tenantRef = async (slug: string) => (await t.app.get(TenantRegistry).findBySlug(slug))!;
  /** Enqueues a notice the way another module does, in a tenant transaction. */
  const enqueue = async (slug: string, n: Parameters<NoticesService['enqueue']>[0]) =>
    runInTenant(t.ds, await tenantRef(slug), () => t.app.get(NoticesService).enqueue(n));

  describe('templates (librarians)', () => {
    it('lists every kind in ja and en, default or overridden, with the variables each may use', async () => {
      const { slug, auth } = city.kushiro;
      const res = await t.http().get(`/api/t/${slug}/admin/notices/templates`).set(auth).expect(200);
      expect(res.body).toHaveLength(24); // 12 kinds, Japanese and English
      const ready = res.body.find((x: { kind: string; lang: string }) => x.kind === 'hold-ready' && x.lang === 'ja');
      expect(ready).toMatchObject({ overridden: false, updatedBy: null, subject: '【{{library}}】予約資料をご用意しました' });
      expect(ready.variables.map((v: { name: string }) => v.name)).toEqual(['library', 'patron.name', 'title', 'volume', 'pickupPoint', 'lastDay', 'stop.date', 'stop.time', 'stop.place', 'shelfNumber', 'url']);
      const due = res.body.find((x: { kind: string; lang: string }) => x.kind === 'due-reminder' && x.lang === 'en');
      expect(due.variables.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['loans', 'loans[].title', 'loans[].dueDate']));
      // patrons and other libraries' librarians are not let in
      await t.http().get(`/api/t/${slug}/admin/notices/templates`).set(city.koga.auth).expect(403);
      await t.http().get(`/api/t/${slug}/admin/notices/templates`).expect(401);
    });

    it('refuses a broken template with the line and reason, and an unknown variable, changing nothing', async () => {
      const { slug, auth } = city.koga;
      const url = `/api/t/${slug}/admin/notices/templates/hold-ready/ja`;
      const broken = await t
        .http()
        .put(url)
        .set(auth)
        .send({ subject: '予約資料のご用意', body: '{{patron.name}} 様\n\n{{#if volume}}\n{{title}} {{volume}}\n受取場所：{{pickupPoint}}\n' })
        .expect(422);
      expect(broken.headers['content-type']).toContain('application/problem+json');
      expect(broken.body).toMatchObject({ code: 'TEMPLATE_INVALID', line: 3, field: 'body' });
      expect(broken.body.errors[0]).toMatchObject({ path: 'body', code: 'SYNTAX', line: 3 });
      expect(broken.body.errors[0].message.ja).toContain('3行目');
      expect(broken.body.errors[0].reason).toEqual(expect.any(String));

      const unknown = await t.http().put(url).set(auth).send({ subject: '{{libary}}', body: '{{patron.name}} 様 {{title}} {{shelfDays}}' }).expect(422);
      expect(unknown.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['subject', 'UNKNOWN_VARIABLE'],
        ['body', 'UNKNOWN_VARIABLE'],
      ]);
      expect(unknown.body.errors[1].message.ja).toContain('shelfDays');

      const helper = await t.http().put(url).set(auth).send({ subject: 'x', body: '{{#each title}}{{/each}}' }).expect(422);
      expect(helper.body.errors[0].code).toBe('NOT_A_LIST');
      await t.http().put(url).set(auth).send({ subject: '', body: 'x' }).expect(400);
      expect((await t.http().put(`/api/t/${slug}/admin/notices/templates/no-such-kind/ja`).set(auth).send({ subject: 'x', body: 'y' }).expect(404)).body.code).toBe(
        'UNKNOWN_NOTICE_KIND',
      );
      expect((await t.http().get(`/api/t/${slug}/admin/notices/templates/hold-ready/fr`).set(auth).expect(404)).body.code).toBe('UNKNOWN_NOTICE_LANG');
      const still = await t.http().get(url).set(auth).expect(200);
      expect(still.body.overridden).toBe(false);
    });

    it('previews a draft or the current template with sample data of the kind', async () => {
      const { slug, auth, name } = city.kushiro;
      const base = `/api/t/${slug}/admin/notices/templates`;
      const current = await t.http().post(`${base}/hold-ready/ja/preview`).set(auth).send({}).expect(200);
      expect(current.body.subject).toBe(`【${name}】予約資料をご用意しました`);
      expect(current.body.body).toContain('図書 花子 様');
      expect(current.body.body).toContain('受取場所：中央図書館 予約取置室');
      expect(current.body.body).toContain('取置期限：2026年6月8日');

      const draft = await t
        .http()
        .post(`${base}/due-reminder/en/preview`)
        .set(auth)
        .send({ body: '{{#each loans}}{{@index}}. {{title}} — {{dueDate}}\n{{/each}}({{daysLeft}} days)' })
        .expect(200);
      expect(draft.body.body).toBe('0. 坊っちゃん — 10 June 2026\n1. 三四郎 — 10 June 2026\n(2 days)');
      expect(draft.body.subject).toBe(`[${name}] Due date reminder`);

      const bad = await t.http().post(`${base}/due-reminder/en/preview`).set(auth).send({ body: 'a\nb\n{{#each loans}}' }).expect(422);
      expect(bad.body).toMatchObject({ code: 'TEMPLATE_INVALID', line: 3 });
    });

    it('saves an override that the next notice uses, for that library only; audited; DELETE goes back to the default', async () => {
      const { slug, auth, name } = city.koga;
      const url = `/api/t/${slug}/admin/notices/templates/hold-expired/ja`;
      const saved = await t
        .http()
        .put(url)
        .set(auth)
        .send({ subject: '【{{library}}】お取り置きの期限が過ぎました', body: '{{patron.name}}さま\n「{{title}}」のお取り置きは{{lastDay}}で終了しました。' })
        .expect(200);
      expect(saved.body).toMatchObject({ overridden: true, updatedBy: `lib-${slug}`.slice(0, 60) });
      const audit = await inTenant(t, slug, (m) => m.query(`SELECT action, entity_id AS "entityId", actor_name AS "actor" FROM audit_log WHERE entity = 'notice_template' ORDER BY id`));
      expect(audit).toEqual([{ action: 'notice-template.save', entityId: 'hold-expired/ja', actor: `lib-${slug}`.slice(0, 60) }]);

      const data = { patron: { name: '古賀 一郎' }, title: '吾輩は猫である', lastDay: '2026-06-08' };
      await enqueue(slug, { kind: 'hold-expired', to: 'koga.expired@example.jp', data, idempotencyKey: 'test:hold-expired:1' });
      // Kushiro keeps the default wording
      await enqueue(city.kushiro.slug, { kind: 'hold-expired', to: 'kushiro.expired@example.jp', data, idempotencyKey: 'test:hold-expired:1' });
      await deliver();
      expect(mailTo('koga.expired@example.jp').map((m) => [m.subject, m.text])).toEqual([
        [`【${name}】お取り置きの期限が過ぎました`, '古賀 一郎さま\n「吾輩は猫である」のお取り置きは2026年6月8日で終了しました。'],
      ]);
      const [kushiro] = mailTo('kushiro.expired@example.jp');
      expect(kushiro.subject).toBe(`【${city.kushiro.name}】予約の取置期限が過ぎました`);
      expect(kushiro.text).toContain('取置期限（2026年6月8日）を過ぎたため、次の予約を取り消しました。\n・吾輩は猫である');

      await t.http().delete(url).set(auth).expect(204);
      expect((await t.http().get(url).set(auth).expect(200)).body).toMatchObject({ overridden: false, subject: '【{{library}}】予約の取置期限が過ぎました' });
      const actions = await inTenant(t, slug, (m) => m.query(`SELECT action FROM audit_log WHERE entity = 'notice_template' ORDER BY id`));
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['notice-template.save', 'notice-template.reset']);
    });
  });

  describe('hold notices as the holds flow sends them', () => {
    it.each([
      ['koga', 'main-counter', '古賀市立図書館 窓口', 'main', { contact: 'email' }],
      ['kushiro', 'central-locker', '中央図書館 予約取置室', 'central', { contact: 'email', emailConfirmation: true }],
    ] as const)('%s: hold received, then ready at the pickup point with the last day, then cancelled by staff', async (preset, pickupCode, pickupName, branch, options) => {
      const { slug, lib, auth, name } = city[preset];
      const password = preset === 'koga' ? 'koga1234' : 'kushiro123';
      const address = `${preset}.holds@example.jp`;
      const reader = await signedInPatron(t, slug, lib, { cardNumber: nextCard(preset), name: '予約 太郎', email: address, password });
      const borrower = await createPatron(t, slug, lib, { cardNumber: nextCard(preset) });
      const recordId = await insertRecord(t, slug, { title: '銀河鉄道の夜', authors: [{ name: '宮沢 賢治' }] });
      const item = await insertItem(t, slug, recordId, { branchCode: branch });
      // on loan to someone else (Koga takes web holds only on items on loan)
      await t.http().post(`/api/t/${slug}/desk/checkouts`).set(auth).send({ cardNumber: borrower.cardNumber, itemBarcode: item.barcode }).expect(201);

      const placed = await t.http().post(`/api/t/${slug}/me/holds`).set(reader.auth).send({ recordIds: [recordId], pickupPointCode: pickupCode, ...options }).expect(201);
      const holdId = placed.body[0].id;
      await deliver();
      const received = mailTo(address);
      expect(received).toHaveLength(1);
      expect(received[0].subject).toBe(`【${name}】予約を受け付けました`);
      expect(received[0].text).toContain(`予約 太郎 様`);
      expect(received[0].text).toContain(`・銀河鉄道の夜（受取場所：${pickupName}）`);

      await t.http().post(`/api/t/${slug}/desk/checkins`).set(auth).send({ itemBarcode: item.barcode, branchCode: branch }).expect(200);
      const holds = await t.http().get(`/api/t/${slug}/me/holds`).set(reader.auth).expect(200);
      const hold = holds.body.find((h: { id: string }) => h.id === holdId);
      expect(hold.status).toBe('ready');
      await deliver();
      const ready = mailTo(address);
      expect(ready).toHaveLength(2);
      expect(ready[1].subject).toBe(`【${name}】予約資料をご用意しました`);
      expect(ready[1].text).toContain('・銀河鉄道の夜\n');
      expect(ready[1].text).toContain(`受取場所：${pickupName}`);
      expect(ready[1].text).toContain(`取置期限：${jaDay(hold.expiresAt)}`);

      await t.http().post(`/api/t/${slug}/desk/holds/${holdId}/cancel`).set(auth).send({}).expect(200);
      await deliver();
      const cancelled = mailTo(address);
      expect(cancelled).toHaveLength(3);
      expect(cancelled[2].subject).toBe(`【${name}】予約を取り消しました`);
      expect(cancelled[2].text).toContain('次の予約を取り消しました。\n・銀河鉄道の夜');
    });

    it('kushiro: no hold-received mail when the patron did not ask for one (opt-in per hold)', async () => {
      const { slug, lib, auth } = city.kushiro;
      const address = 'kushiro.quiet@example.jp';
      const reader = await signedInPatron(t, slug, lib, { cardNumber: nextCard('kushiro'), email: address, password: 'kushiro123' });
      const borrower = await createPatron(t, slug, lib, { cardNumber: nextCard('kushiro') });
      const recordId = await insertRecord(t, slug, { title: '風の又三郎' });
      const item = await insertItem(t, slug, recordId, { branchCode: 'central' });
      await t.http().post(`/api/t/${slug}/desk/checkouts`).set(auth).send({ cardNumber: borrower.cardNumber, itemBarcode: item.barcode }).expect(201);
      await t.http().post(`/api/t/${slug}/me/holds`).set(reader.auth).send({ recordIds: [recordId], pickupPointCode: 'central-counter', contact: 'email' }).expect(201);
      await deliver();
      expect(mailTo(address)).toHaveLength(0);
    });
  });

  describe('e-mail confirmation and password reset (sent by the patrons module)', () => {
    it('koga: the confirmation link of a new address; kushiro: the reset link', async () => {
      const koga = await signedInPatron(t, city.koga.slug, city.koga.lib, { cardNumber: nextCard('koga'), password: 'koga1234' });
      await t.http().put(`/api/t/${city.koga.slug}/me/email`).set(koga.auth).send({ email: 'koga.confirm@example.jp' }).expect(200);
      const kushiroCard = nextCard('kushiro');
      await signedInPatron(t, city.kushiro.slug, city.kushiro.lib, { cardNumber: kushiroCard, email: 'kushiro.reset@example.jp', password: 'kushiro123' });
      await t.http().post(`/api/t/${city.kushiro.slug}/auth/forgot-password`).send({ cardNumber: kushiroCard, email: 'kushiro.reset@example.jp' }).expect(202);
      await deliver();
      const [confirm] = mailTo('koga.confirm@example.jp');
      expect(confirm.subject).toBe(`【${city.koga.name}】メールアドレスの確認`);
      expect(confirm.text).toMatch(new RegExp(`/opac/${city.koga.slug}/confirm-email\\?token=[A-Za-z0-9_-]+`));
      const [reset] = mailTo('kushiro.reset@example.jp');
      expect(reset.subject).toBe(`【${city.kushiro.name}】パスワード再設定のご案内`);
      expect(reset.text).toMatch(new RegExp(`/opac/${city.kushiro.slug}/reset-password\\?token=[A-Za-z0-9_-]+`));
      void patronLogin;
    });
  });

  describe('SMTP outage', () => {
    it('loses nothing while the server refuses or is down, and each notice arrives exactly once when it is back', async () => {
      let down = true;
      const flaky = await startSmtp({ failWith: () => (down ? 421 : undefined) });
      try {
        sender().useSmtpUrl(flaky.url);
        const keys: string[] = [];
        for (const [preset, i] of [['koga', 1], ['koga', 2], ['kushiro', 3], ['kushiro', 4], ['koga', 5]] as const) {
          const key = `test:outage:${i}`;
          keys.push(key);
          await enqueue(city[preset].slug, {
            kind: 'hold-ready',
            to: `outage${i}@example.jp`,
            data: { patron: { name: `停電 ${i}` }, title: `資料 ${i}`, pickupPoint: '窓口', lastDay: '2026-06-08' },
            idempotencyKey: key,
          });
        }
        // 421 on every message: all back to pending, nothing received
        const first = await deliver();
        expect(first).toMatchObject({ sent: 0, retried: 5 });
        // then the server is gone altogether (connection refused)
        await flaky.close();
        await backoffPassed(t, city.koga.slug);
        await backoffPassed(t, city.kushiro.slug);
        expect(await deliver()).toMatchObject({ sent: 0, retried: 5 });
        const rows = [...(await outboxRows(t, city.koga.slug)), ...(await outboxRows(t, city.kushiro.slug))].filter((r) => r.key.startsWith('test:outage:'));
        expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(5).fill(['pending', 2]));
        expect(flaky.mails).toHaveLength(0);

        // back: a new server (the old one is closed) that accepts
        down = false;
        const back = await startSmtp();
        try {
          sender().useSmtpUrl(back.url);
          // not before the backoff is over
          expect(await deliver()).toMatchObject({ sent: 0 });
          await backoffPassed(t, city.koga.slug);
          await backoffPassed(t, city.kushiro.slug);
          expect(await deliver()).toMatchObject({ sent: 5 });
          await backoffPassed(t, city.koga.slug);
          await backoffPassed(t, city.kushiro.slug);
          expect(await deliver()).toMatchObject({ sent: 0 });
          const ids = back.mails.map((m) => m.messageId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(back.mails.map((m) => m.to[0]).sort()).toEqual(['outage1@example.jp', 'outage2@example.jp', 'outage3@example.jp', 'outage4@example.jp', 'outage5@example.jp']);
          expect(back.mails.find((m) => m.to[0] === 'outage3@example.jp')!.text).toContain('停電 3 様');
        } finally {
          await back.close();
        }
      } finally {
        sender().useSmtpUrl(smtp.url);
        await flaky.close().catch(() => undefined);
      }
    });
  });

  describe('outbox (librarians)', () => {
    it('lists by status with paging; a failed mail is retried once and then arrives once', async () => {
      const { slug, auth } = city.kushiro;
      const rejecting = await startSmtp({ failWith: () => 550 });
      try {
        sender().useSmtpUrl(rejecting.url);
        for (let i = 1; i <= 3; i++) {
          await enqueue(slug, { kind: 'overdue', to: `retry${i}@example.jp`, data: { patron: { name: `再送 ${i}` }, loans: [{ title: '門', dueDate: '2026-05-01' }] }, idempotencyKey: `test:retry:${i}` });
        }
        // 5xx is permanent: failed at once
        expect(await deliver()).toMatchObject({ failed: 3 });
      } finally {
        sender().useSmtpUrl(smtp.url);
        await rejecting.close();
      }
      const failed = await t.http().get(`/api/t/${slug}/admin/notices/outbox?status=failed&size=2`).set(auth).expect(200);
      expect(failed.body).toMatchObject({ total: 3, page: 1, size: 2 });
      expect(failed.body.items.map((x: { to: string }) => x.to)).toEqual(['retry3@example.jp', 'retry2@example.jp']);
      expect(failed.body.items[0]).toMatchObject({ kind: 'overdue', status: 'failed', attempts: 1 });
      expect(failed.body.items[0].lastError).toContain('550');
      const page2 = await t.http().get(`/api/t/${slug}/admin/notices/outbox?status=failed&size=2&page=2`).set(auth).expect(200);
      expect(page2.body.items.map((x: { to: string }) => x.to)).toEqual(['retry1@example.jp']);
      const id = page2.body.items[0].id;
      const one = await t.http().get(`/api/t/${slug}/admin/notices/outbox/${id}`).set(auth).expect(200);
      expect(one.body.body).toContain('再送 1 様');

      const retried = await t.http().post(`/api/t/${slug}/admin/notices/outbox/${id}/retry`).set(auth).expect(200);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
      expect((await t.http().post(`/api/t/${slug}/admin/notices/outbox/${id}/retry`).set(auth).expect(409)).body.code).toBe('OUTBOX_NOT_FAILED');
      await deliver();
      await deliver();
      expect(mailTo('retry1@example.jp')).toHaveLength(1);
      expect(mailTo('retry2@example.jp')).toHaveLength(0);
      const sent = await t.http().get(`/api/t/${slug}/admin/notices/outbox?status=sent&kind=overdue`).set(auth).expect(200);
      expect(sent.body.items.map((x: { to: string }) => x.to)).toContain('retry1@example.jp');
      const audit = await inTenant(t, slug, (m) => m.query(`SELECT action, entity_id AS "entityId" FROM audit_log WHERE entity = 'outbox'`));
      expect(audit).toEqual([{ action: 'outbox.retry', entityId: id }]);

      await t.http().post(`/api/t/${slug}/admin/notices/outbox/999999999/retry`).set(auth).expect(404);
      await t.http().post(`/api/t/${slug}/admin/notices/outbox/abc/retry`).set(auth).expect(404);
      await t.http().get(`/api/t/${slug}/admin/notices/outbox?status=lost`).set(auth).expect(400);
      // another library's librarian sees nothing of it
      await t.http().get(`/api/t/${slug}/admin/notices/outbox`).set(city.koga.auth).expect(403);
      const koga = await t.http().get(`/api/t/${city.koga.slug}/admin/notices/outbox?kind=overdue`).set(city.koga.auth).expect(200);
      expect(koga.body.items.map((x: { to: string }) => x.to)).not.toContain('retry1@example.jp');
    });

    it('a message that keeps failing becomes failed after the last attempt', async () => {
      const { slug } = city.koga;
      const refusing = await startSmtp({ failWith: () => 451 });
      try {
        sender().useSmtpUrl(refusing.url);
        await enqueue(slug, { kind: 'email-changed', to: 'never@example.jp', data: { patron: { name: '届かず' } }, idempotencyKey: 'test:max-attempts' });
        for (let i = 0; i < MAX_ATTEMPTS; i++) {
          await backoffPassed(t, slug);
          await deliver();
        }
      } finally {
        sender().useSmtpUrl(smtp.url);
        await refusing.close();
      }
      const [row] = (await outboxRows(t, slug)).filter((r) => r.key === 'test:max-attempts');
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    });
  });

  describe('demo mail catcher', () => {
    /** Runs `fn` with the mail going to the catcher, as `npm start` in demo mode does, then back to the suite's SMTP server. */
    async function withCatcher(fn: () => Promise<void>) {
      const catcher = t.app.get(MailCatcher);
      sender().useSmtpUrl((await catcher.start()).smtpUrl);
      try {
        await fn();
      } finally {
        sender().useSmtpUrl(smtp.url);
        await catcher.stop();
      }
    }
    /** A Kushiro reset mail with its link, delivered. */
    async function resetMail(to: string, token: string) {
      await enqueue(city.kushiro.slug, {
        kind: 'password-reset',
        to,
        data: { patron: { name: '見本 二' }, link: `https://library.example.jp/opac/x/reset-password?token=${token}`, expiresInMinutes: 30 },
        idempotencyKey: `test:catcher:${token}`,
      });
      await deliver();
    }
    const asAdmin = async () => ({ Authorization: `Bearer ${await adminToken(t)}` });

    it('shows the mail only to the regional admin: a stranger, a librarian or a patron gets a page saying where to sign in', async () => {
      await withCatcher(async () => {
        await resetMail('secret@example.jp', 'secret-token');
        const patron = await signedInPatron(t, city.koga.slug, city.koga.lib, { cardNumber: nextCard('koga'), password: 'koga1234' });
        for (const [who, headers, status] of [
          ['a stranger', {}, 401],
          ['a librarian', city.kushiro.auth, 403],
          ['a patron', patron.auth, 403],
          ['a wrong token', { Authorization: 'Bearer not-a-session' }, 401],
        ] as const) {
          const page = await t.http().get('/mail/').set(headers);
          expect({ who, status: page.status }).toEqual({ who, status });
          expect(page.headers['cache-control']).toBe('no-store');
          expect(page.text).toContain('広域管理者');
          expect(page.text).toContain('href="/admin/"');
          expect(page.text).toContain('regional admin');
          expect(page.text).not.toContain('secret');
          const json = await t.http().get('/mail/messages.json').set(headers);
          expect({ who, status: json.status, code: json.body.code }).toEqual({ who, status, code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
          expect(JSON.stringify(json.body)).not.toContain('secret');
        }
        expect((await t.http().get('/mail/').set(await asAdmin()).expect(200)).text).toContain('secret-token');
      });
    });

    it('receives what the sender delivers and lists it at /mail/, newest first', async () => {
      await t.http().get('/mail/').expect(404);
      await withCatcher(async () => {
        await enqueue(city.koga.slug, {
          kind: 'hold-ready',
          to: 'demo1@example.jp',
          data: { patron: { name: '見本 一' }, title: '<script>alert(1)</script>', pickupPoint: '古賀市立図書館 窓口', lastDay: '2026-06-08' },
          idempotencyKey: 'test:catcher:1',
        });
        await deliver();
        await resetMail('demo2@example.jp', 'abc');
        const json = await t.http().get('/mail/messages.json').set(await asAdmin()).expect(200);
        expect(json.body.map((m: { to: string }) => m.to).slice(0, 2)).toEqual(['demo2@example.jp', 'demo1@example.jp']);
        expect(json.body[1]).toMatchObject({ subject: `【${city.koga.name}】予約資料をご用意しました` });
        expect(json.body[1].text).toContain('見本 一 様');

        const page = await t.http().get('/mail/').set(await asAdmin()).expect(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.text).toContain('受信メール');
        expect(page.text).toContain(`【${city.kushiro.name}】パスワード再設定のご案内`);
        expect(page.text).toContain('demo2@example.jp');
        expect(page.text).toContain('<a href="https://library.example.jp/opac/x/reset-password?token=abc">');
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(page.text).not.toContain('<script>alert(1)</script>');
        expect(page.text.indexOf('demo2@example.jp')).toBeLessThan(page.text.indexOf('demo1@example.jp'));

        // the admin console's own session cookie works too (the banner's link, opened after signing in there)
        const login = await t.http().post('/api/platform/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
        const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
        expect((await t.http().get('/mail/').set('Cookie', cookie).expect(200)).text).toContain('demo2@example.jp');
        await t.http().get('/mail').expect(302).expect('Location', '/mail/');
      });
      await t.http().get('/mail/').expect(404);
    });
  });
});
