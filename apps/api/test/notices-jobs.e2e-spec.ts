import { addDays } from '@shiori/policy';
import { quotedTenantSchema, runInTenant } from '@shiori/tenancy';
import { TenantRegistry } from '../src/engine/tenancy/tenant-registry.service';
import { MarkOverdueJob } from '../src/modules/circulation/jobs/mark-overdue.job';
import { NoticeJobs } from '../src/modules/notices/jobs/notice-jobs.service';
import { MailSender } from '../src/modules/notices/mail-sender.service';
import { adminToken, createTenant, createTestApp, librarianToken, PUBLIC_URL, TestApp } from './support/app';
import { changePolicy, insertLoan, insertRecord, jaDay, setPatron, signedInPatron } from './support/notices-factories';
import { createPatron } from './support/patrons';
import { startSmtp } from './support/smtp';

/**
 * The daily notice jobs against a real PostgreSQL and a real SMTP server, for two cities:
 * Kushiro (reminders opt-in, card expiry, alerts) and Koga (reminders to everyone). Each test
 * picks its own library day far from the others', so the jobs find only its data.
 */
describe('notice jobs: due reminders, overdue, card expiry, new-arrival alerts', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let jobs: NoticeJobs;
  const city: Record<'kushiro' | 'koga', { slug: string; lib: string; name: string }> = {} as never;
  let card = 100000000;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url });
    jobs = t.app.get(NoticeJobs);
    const admin = await adminToken(t);
    for (const preset of ['kushiro', 'koga'] as const) {
      const slug = await createTenant(t, admin, preset);
      city[preset] = { slug, lib: await librarianToken(t, admin, slug), name: `テスト市立図書館 ${slug}` };
    }
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Circulation's daily marking (loans.overdue_since) for one library and day, as the schedule runs it per tenant. */
  const markOverdue = async (slug: string, today: string) =>
    runInTenant(t.ds, (await t.app.get(TenantRegistry).findBySlug(slug))!, () => t.app.get(MarkOverdueJob).runForTenant(today));
  const deliver = () => t.app.get(MailSender).deliverDue(200, { tenants: [city.kushiro.slug, city.koga.slug] });
  const mailTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  /** A patron of the city with a card number its policy accepts. */
  const patron = (preset: 'kushiro' | 'koga', email?: string, extra: Record<string, string> = {}) =>
    createPatron(t, city[preset].slug, city[preset].lib, { cardNumber: preset === 'koga' ? String(++card) : String(++card).slice(1), email, ...extra });

  describe('due-date reminders', () => {
    it('koga (always): one mail per patron listing every loan due within the window, to every patron with an e-mail', async () => {
      const { slug, name } = city.koga;
      const today = '2031-03-10';
      const a = await patron('koga', 'koga.reader@example.jp');
      const noMail = await patron('koga');
      await insertLoan(t, slug, { patronId: a.id, title: '坊っちゃん', dueDate: addDays(today, 2) });
      await insertLoan(t, slug, { patronId: a.id, title: 'ハリー・ポッターと秘密の部屋', volume: '2', dueDate: addDays(today, 1) });
      await insertLoan(t, slug, { patronId: a.id, title: '三四郎', dueDate: addDays(today, 5) }); // not yet
      await insertLoan(t, slug, { patronId: noMail.id, title: '草枕', dueDate: addDays(today, 2) });

      const r = await jobs.runForTenant(slug, 'due-reminders', today);
      expect(r).toEqual({ mode: 'always', sent: 1 });
      await deliver();
      const mails = mailTo('koga.reader@example.jp');
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`【${name}】返却期限のお知らせ`);
      expect(mails[0].text).toContain('図書 花子 様');
      expect(mails[0].text).toContain('・ハリー・ポッターと秘密の部屋 2（返却期限：2031年3月11日）');
      expect(mails[0].text).toContain('・坊っちゃん（返却期限：2031年3月12日）');
      expect(mails[0].text).not.toContain('三四郎');
      // the earliest due date comes first
      expect(mails[0].text.indexOf('ハリー')).toBeLessThan(mails[0].text.indexOf('坊っちゃん'));

      // again the same day, and the next day: nothing new for those loans
      await jobs.runForTenant(slug, 'due-reminders', today);
      await jobs.runForTenant(slug, 'due-reminders', addDays(today, 1));
      await deliver();
      expect(mailTo('koga.reader@example.jp')).toHaveLength(1);

      // three days later 三四郎 enters the window: one more mail, with it alone
      await jobs.runForTenant(slug, 'due-reminders', addDays(today, 3));
      await deliver();
      const after = mailTo('koga.reader@example.jp');
      expect(after).toHaveLength(2);
      expect(after[1].text).toContain('三四郎');
      expect(after[1].text).not.toContain('坊っちゃん');
    });

    it('kushiro (opt-in): only patrons who turned reminders on; a renewed loan is reminded again for its new date', async () => {
      const { slug, name } = city.kushiro;
      const today = '2031-04-10';
      const on = await patron('kushiro', 'kushiro.on@example.jp');
      const off = await patron('kushiro', 'kushiro.off@example.jp');
      await setPatron(t, slug, on.id, { remindersOptIn: true });
      const loan = await insertLoan(t, slug, { patronId: on.id, title: '阿寒湖のまりも', dueDate: addDays(today, 2) });
      await insertLoan(t, slug, { patronId: off.id, title: '釧路湿原', dueDate: addDays(today, 2) });

      expect(await jobs.runForTenant(slug, 'due-reminders', today)).toEqual({ mode: 'opt-in', sent: 1 });
      await deliver();
      expect(mailTo('kushiro.off@example.jp')).toHaveLength(0);
      const [mail] = mailTo('kushiro.on@example.jp');
      expect(mail.subject).toBe(`【${name}】返却期限のお知らせ`);
      expect(mail.text).toContain('・阿寒湖のまりも（返却期限：2031年4月12日）');

      // renewed: due two weeks later, reminded two days before the new date only
      await t.ds.query(`UPDATE ${quotedTenantSchema(slug)}.loans SET due_date = due_date + 14, renewals = 1 WHERE id = $1`, [loan.loanId]);
      await jobs.runForTenant(slug, 'due-reminders', addDays(today, 1));
      await jobs.runForTenant(slug, 'due-reminders', addDays(today, 14));
      await deliver();
      const mails = mailTo('kushiro.on@example.jp');
      expect(mails).toHaveLength(2);
      expect(mails[1].text).toContain('（返却期限：2031年4月26日）');
    });

    it('through the job runner: running the day twice sends once, recorded in platform.job_runs', async () => {
      const { slug } = city.koga;
      const today = '2032-01-20';
      const a = await patron('koga', 'koga.runner@example.jp');
      await insertLoan(t, slug, { patronId: a.id, title: 'それから', dueDate: addDays(today, 2) });

      const first = await jobs.runDueReminders(today);
      expect(first.status).not.toBe('skipped'); // 'done', or 'failed' when some other suite's tenant is broken on purpose
      expect((first.detail.tenants as Record<string, unknown>)[slug]).toEqual({ mode: 'always', sent: 1 });
      const second = await jobs.runDueReminders(today);
      expect(second.status).toBe('skipped');
      await deliver();
      expect(mailTo('koga.runner@example.jp')).toHaveLength(1);
      const runs = await t.ds.query(`SELECT status FROM platform.job_runs WHERE job = 'due-reminders' AND period = $1`, [today]);
      expect(runs).toHaveLength(1);
      expect(runs[0].status).not.toBe('running');
    });

    it('operators run a job for a day through the platform API; unknown jobs and bad dates are refused', async () => {
      const admin = await adminToken(t);
      const auth = { Authorization: `Bearer ${admin}` };
      const run = await t.http().post('/api/platform/jobs/card-expiry-reminders/run').set(auth).send({ date: '2033-02-01' }).expect(200);
      expect(run.body).toMatchObject({ job: 'card-expiry-reminders', period: '2033-02-01' });
      const again = await t.http().post('/api/platform/jobs/card-expiry-reminders/run').set(auth).send({ date: '2033-02-01' }).expect(200);
      expect(again.body.status).toBe('skipped');
      expect((await t.http().post('/api/platform/jobs/no-such-job/run').set(auth).send({}).expect(404)).body.code).toBe('UNKNOWN_JOB');
      expect((await t.http().post('/api/platform/jobs/due-reminders/run').set(auth).send({ date: '2033-02-30' }).expect(400)).body.code).toBe('VALIDATION');
      expect((await t.http().post('/api/platform/jobs/due-reminders/run').set(auth).send({ date: 'tomorrow' }).expect(400)).body.code).toBe('VALIDATION');
      // a librarian is not regional IT
      await t.http().post('/api/platform/jobs/due-reminders/run').set({ Authorization: `Bearer ${city.koga.lib}` }).send({}).expect(403);
    });
  });

  describe('overdue notices', () => {
    it('koga: no overdue mail at all (its guide sends hold and due-date mail only)', async () => {
      const { slug } = city.koga;
      const today = '2031-01-20';
      const p = await patron('koga', 'koga.late@example.jp');
      await insertLoan(t, slug, { patronId: p.id, title: '吾輩は猫である', dueDate: addDays(today, -3) });
      expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'off', sent: 0 });
      await deliver();
      expect(mailTo('koga.late@example.jp')).toHaveLength(0);
    });

    it('kushiro: one notice per patron for loans past due, once per loan', async () => {
      const preset = 'kushiro';
      const { slug, name } = city[preset];
      // earlier than every other loan of this suite, so only this test's loans are overdue
      const today = '2031-01-21';
      const address = `${preset}.late@example.jp`;
      const p = await patron(preset, address);
      await insertLoan(t, slug, { patronId: p.id, title: '吾輩は猫である', dueDate: addDays(today, -3) });
      await insertLoan(t, slug, { patronId: p.id, title: '虞美人草', dueDate: addDays(today, -1) });
      await insertLoan(t, slug, { patronId: p.id, title: '門', dueDate: today }); // due today is not overdue

      expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'always', sent: 1 });
      await jobs.runForTenant(slug, 'overdue-notices', today);
      await deliver();
      const mails = mailTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`【${name}】返却期限を過ぎた資料があります`);
      expect(mails[0].text).toContain(`・吾輩は猫である（返却期限：${jaDay(addDays(today, -3))}）`);
      expect(mails[0].text).toContain(`・虞美人草（返却期限：${jaDay(addDays(today, -1))}）`);
      expect(mails[0].text).not.toContain('・門');

      // the next day 門 is overdue too: a notice for it alone
      await jobs.runForTenant(slug, 'overdue-notices', addDays(today, 1));
      await deliver();
      const next = mailTo(address);
      expect(next).toHaveLength(2);
      expect(next[1].text).toContain('・門');
      expect(next[1].text).not.toContain('吾輩は猫である');
    });

    it('kushiro: a late loan renewed at the counter gets a notice again when it is late for its new date', async () => {
      const { slug, lib } = city.kushiro;
      const today = '2031-01-23';
      const address = 'kushiro.renewed@example.jp';
      const p = await patron('kushiro', address);
      const loan = await insertLoan(t, slug, { patronId: p.id, title: '挽歌', dueDate: addDays(today, -2) });
      expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'always', sent: 1 });

      // Kushiro renews late loans at the counter (renewal.overdueRenewableAtCounter)
      const renewed = await t.http().post(`/api/t/${slug}/desk/renewals`).set('Authorization', `Bearer ${lib}`).send({ itemBarcode: loan.itemBarcode }).expect(200);
      const dueDate: string = renewed.body.dueDate;
      expect(await jobs.runForTenant(slug, 'overdue-notices', dueDate)).toEqual({ mode: 'always', sent: 0 }); // due that day: not late
      expect(await jobs.runForTenant(slug, 'overdue-notices', addDays(dueDate, 1))).toEqual({ mode: 'always', sent: 1 });
      await deliver();
      const mails = mailTo(address);
      expect(mails).toHaveLength(2);
      expect(mails[1].text).toContain(`・挽歌（返却期限：${jaDay(dueDate)}）`);
    });
  });

  describe('overdue notices and circulation’s overdue marking: one owner of the mail', () => {
    // earlier than every other loan of this suite (before the tests above), so only these loans are overdue
    // (Koga sends no overdue mail: the kushiro rows prove the point)
    const orders = [
      ['kushiro', 'marking first', '2030-12-10'],
      ['kushiro', 'notices first', '2030-12-20'],
    ] as const;
    it.each(orders)('%s, %s: the marking job sends nothing; the notices job sends exactly one mail per patron for the day', async (preset, order, today) => {
      const { slug, name } = city[preset];
      const address = `${preset}.${order.replace(' ', '-')}@example.jp`;
      const p = await patron(preset, address);
      const loans = [
        await insertLoan(t, slug, { patronId: p.id, title: '道草', dueDate: addDays(today, -4) }),
        await insertLoan(t, slug, { patronId: p.id, title: '明暗', dueDate: addDays(today, -1) }),
      ];
      const state = () =>
        t.ds.query(
          `SELECT to_char(overdue_since,'YYYY-MM-DD') AS since, overdue_notified_at IS NOT NULL AS notified FROM ${quotedTenantSchema(slug)}.loans WHERE id = ANY($1::uuid[]) ORDER BY due_date`,
          [loans.map((l) => l.loanId)],
        );
      const overdueRows = async () =>
        (await t.ds.query(`SELECT idempotency_key AS key FROM ${quotedTenantSchema(slug)}.outbox WHERE kind = 'overdue' AND patron_id = $1`, [p.id])) as { key: string }[];

      if (order === 'marking first') {
        expect(await markOverdue(slug, today)).toEqual({ marked: 2 });
        // marked, nothing queued, nothing delivered: the loans wait for the notices job
        expect(await state()).toEqual([
          { since: addDays(today, -3), notified: false },
          { since: today, notified: false },
        ]);
        expect(await overdueRows()).toEqual([]);
        await deliver();
        expect(mailTo(address)).toHaveLength(0);
        expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'always', sent: 1 });
      } else {
        // the notices job does not wait for the marking: same rule (open, due before today)
        expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'always', sent: 1 });
        expect(await state()).toEqual([
          { since: null, notified: true },
          { since: null, notified: true },
        ]);
        expect(await markOverdue(slug, today)).toEqual({ marked: 2 });
      }
      // both jobs again the same day (another instance, a manual run): nothing more
      expect(await markOverdue(slug, today)).toEqual({ marked: 0 });
      expect(await jobs.runForTenant(slug, 'overdue-notices', today)).toEqual({ mode: 'always', sent: 0 });
      expect(await state()).toEqual([
        { since: addDays(today, -3), notified: true },
        { since: today, notified: true },
      ]);
      expect(await overdueRows()).toEqual([{ key: `overdue:${p.id}:${today}` }]);

      await deliver();
      const mails = mailTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`【${name}】返却期限を過ぎた資料があります`);
      expect(mails[0].text).toContain(`・道草（返却期限：${jaDay(addDays(today, -4))}）`);
      expect(mails[0].text).toContain(`・明暗（返却期限：${jaDay(addDays(today, -1))}）`);

      // the following days, in either order: still one mail for these loans
      await jobs.runForTenant(slug, 'overdue-notices', addDays(today, 1));
      await markOverdue(slug, addDays(today, 1));
      await markOverdue(slug, addDays(today, 2));
      await jobs.runForTenant(slug, 'overdue-notices', addDays(today, 2));
      await deliver();
      expect(mailTo(address)).toHaveLength(1);
    });
  });

  describe('card-expiry reminders', () => {
    it('kushiro: 14 days before the card expires, once per expiry date, with the city’s renewal rules', async () => {
      const { slug, name } = city.kushiro;
      const today = '2031-06-01';
      const soon = await patron('kushiro', 'kushiro.card@example.jp');
      const later = await patron('kushiro', 'kushiro.later@example.jp');
      await setPatron(t, slug, soon.id, { expiresAt: addDays(today, 10) });
      await setPatron(t, slug, later.id, { expiresAt: addDays(today, 30) });

      expect(await jobs.runForTenant(slug, 'card-expiry-reminders', today)).toEqual({ mode: 'always', sent: 1 });
      await jobs.runForTenant(slug, 'card-expiry-reminders', addDays(today, 1));
      await deliver();
      expect(mailTo('kushiro.later@example.jp')).toHaveLength(0);
      const mails = mailTo('kushiro.card@example.jp');
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`【${name}】利用者カードの有効期限のお知らせ`);
      expect(mails[0].text).toContain('利用者カードの有効期限は2031年6月11日です（あと10日）');
      expect(mails[0].text).toContain('インターネットサービスと自動貸出機がご利用になれません');
      expect(mails[0].text).toContain('本人確認書類をお持ちのうえ');

      // renewed for a year at the counter: reminded again before the new date, not before
      await setPatron(t, slug, soon.id, { expiresAt: '2032-06-11' });
      await jobs.runForTenant(slug, 'card-expiry-reminders', addDays(today, 2));
      await jobs.runForTenant(slug, 'card-expiry-reminders', '2032-05-28');
      await deliver();
      const renewed = mailTo('kushiro.card@example.jp');
      expect(renewed).toHaveLength(2);
      expect(renewed[1].text).toContain('2032年6月11日');
    });

    it('koga: cards do not expire there, so nobody gets a reminder', async () => {
      const { slug } = city.koga;
      await patron('koga', 'koga.card@example.jp');
      expect(await jobs.runForTenant(slug, 'card-expiry-reminders', '2031-06-01')).toMatchObject({ sent: 0 });
      await deliver();
      expect(mailTo('koga.card@example.jp')).toHaveLength(0);
    });
  });

  describe('new-arrival alerts (saved searches)', () => {
    it('kushiro: patrons save, rename and delete alerts; e-mail and a condition are needed', async () => {
      const { slug, lib } = city.kushiro;
      const p = await signedInPatron(t, slug, lib, { cardNumber: String(++card).slice(1), email: 'kushiro.alerts@example.jp', password: 'kushiro123' });
      const base = `/api/t/${slug}/me/alerts`;
      const created = await t.http().post(base).set(p.auth).send({ name: '漱石の新刊', query: { author: ' 夏目漱石 ', title: '' } }).expect(201);
      expect(created.body).toMatchObject({ name: '漱石の新刊', query: { author: '夏目漱石' }, active: true });
      const renamed = await t.http().patch(`${base}/${created.body.id}`).set(p.auth).send({ name: '漱石' }).expect(200);
      expect(renamed.body.name).toBe('漱石');
      const list = await t.http().get(base).set(p.auth).expect(200);
      expect(list.body.map((a: { name: string }) => a.name)).toEqual(['漱石']);

      expect((await t.http().post(base).set(p.auth).send({ name: 'x', query: {} }).expect(422)).body.code).toBe('ALERT_QUERY_EMPTY');
      expect((await t.http().post(base).set(p.auth).send({ name: 'x', query: { q: '、。！' } }).expect(422)).body.code).toBe('ALERT_QUERY_EMPTY');
      expect((await t.http().post(base).set(p.auth).send({ name: 'x', query: { sql: 'drop' } }).expect(400)).body.code).toBe('VALIDATION');
      expect((await t.http().post(base).set(p.auth).send({ query: { q: '猫' } }).expect(400)).body.code).toBe('VALIDATION');

      // another patron cannot see or touch it
      const other = await signedInPatron(t, slug, lib, { cardNumber: String(++card).slice(1), password: 'kushiro123' });
      expect((await t.http().get(base).set(other.auth).expect(200)).body).toEqual([]);
      expect((await t.http().delete(`${base}/${created.body.id}`).set(other.auth).expect(404)).body.code).toBe('ALERT_NOT_FOUND');
      // no e-mail on file: refused with a clear code
      expect((await t.http().post(base).set(other.auth).send({ name: '猫', query: { q: '猫' } }).expect(422)).body.code).toBe('ALERT_EMAIL_REQUIRED');

      await t.http().delete(`${base}/${created.body.id}`).set(p.auth).expect(204);
      expect((await t.http().get(base).set(p.auth).expect(200)).body).toEqual([]);
      await t.http().get(base).expect(401);
    });

    it('refuses new alerts where the library turned the feature off, but lets patrons delete theirs', async () => {
      const { slug, lib } = city.koga;
      const p = await signedInPatron(t, slug, lib, { cardNumber: String(++card), email: 'koga.alerts.off@example.jp', password: 'koga1234' });
      const base = `/api/t/${slug}/me/alerts`;
      const kept = await t.http().post(base).set(p.auth).send({ name: '猫', query: { q: '猫' } }).expect(201);
      await changePolicy(t, slug, lib, (policy) => {
        policy.features.alerts = false;
      });
      try {
        const refused = await t.http().post(base).set(p.auth).send({ name: '犬', query: { q: '犬' } }).expect(403);
        expect(refused.body.code).toBe('ALERTS_DISABLED');
        expect(refused.body.message.ja).toContain('新着お知らせ');
        const list = await t.http().get(base).set(p.auth).expect(200);
        expect(list.body[0]).toMatchObject({ name: '猫', active: false });
        await t.http().delete(`${base}/${kept.body.id}`).set(p.auth).expect(204);
      } finally {
        await changePolicy(t, slug, lib, (policy) => {
          policy.features.alerts = true;
        });
      }
    });

    it.each(['kushiro', 'koga'] as const)('%s: one digest a day per patron with a section per matching alert, each record once', async (preset) => {
      const { slug, lib, name } = city[preset];
      const today = preset === 'kushiro' ? '2031-07-01' : '2031-07-02';
      const address = `${preset}.digest@example.jp`;
      const p = await signedInPatron(t, slug, lib, {
        cardNumber: preset === 'koga' ? String(++card) : String(++card).slice(1),
        email: address,
        password: preset === 'koga' ? 'koga1234' : 'kushiro123',
      });
      const base = `/api/t/${slug}/me/alerts`;
      await t.http().post(base).set(p.auth).send({ name: '漱石', query: { author: '夏目漱石' } }).expect(201);
      await t.http().post(base).set(p.auth).send({ name: 'こころ', query: { q: 'ココロ' } }).expect(201); // katakana finds the hiragana reading
      await t.http().post(base).set(p.auth).send({ name: '宇宙', query: { q: '宇宙' } }).expect(201);
      // the alerts were saved three hours ago
      await t.ds.query(`UPDATE ${quotedTenantSchema(slug)}.saved_searches SET last_checked_at = now() - interval '3 hours' WHERE patron_id = $1`, [p.id]);

      const soseki = [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }];
      await insertRecord(t, slug, { title: 'こゝろ', titleReading: 'ココロ', authors: soseki, publisher: '岩波書店', createdAgo: '1 hour' });
      await insertRecord(t, slug, { title: '夢十夜', authors: soseki, createdAgo: '2 hours' });
      await insertRecord(t, slug, { title: '坊っちゃん', authors: soseki, createdAgo: '5 hours' }); // before the alert: old news
      await insertRecord(t, slug, { title: '猫の事務所', authors: [{ name: '宮沢 賢治' }], createdAgo: '1 hour' }); // matches nothing
      await insertRecord(t, slug, { title: '心の科学', titleReading: 'ココロ ノ カガク', createdAgo: '1 minute' }); // too fresh: left for the next run

      expect(await jobs.runForTenant(slug, 'new-arrival-alerts', today)).toMatchObject({ sent: 1, records: 3 });
      await jobs.runForTenant(slug, 'new-arrival-alerts', today);
      await deliver();
      const mails = mailTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`【${name}】新着資料のお知らせ`);
      const text = mails[0].text;
      // each record with its OPAC page, under the instance's PUBLIC_URL
      const [{ id: kokoro }] = await t.ds.query(`SELECT id FROM ${quotedTenantSchema(slug)}.records WHERE title = 'こゝろ'`);
      const [{ id: yume }] = await t.ds.query(`SELECT id FROM ${quotedTenantSchema(slug)}.records WHERE title = '夢十夜'`);
      const page = (id: string) => `  ${PUBLIC_URL}/opac/${slug}/records/${id}\n`;
      expect(text).toContain(`■ 漱石\n・夢十夜／夏目 漱石\n${page(yume)}・こゝろ／夏目 漱石\n${page(kokoro)}`);
      expect(text).toContain(`■ こころ\n・こゝろ／夏目 漱石\n${page(kokoro)}`);
      expect(text).not.toContain('宇宙');
      expect(text).not.toContain('坊っちゃん');
      expect(text).not.toContain('猫の事務所');
      expect(text).not.toContain('心の科学');

      // nothing new since: the next day sends nothing
      await jobs.runForTenant(slug, 'new-arrival-alerts', addDays(today, 1));
      await deliver();
      expect(mailTo(address)).toHaveLength(1);
    });
  });
});
