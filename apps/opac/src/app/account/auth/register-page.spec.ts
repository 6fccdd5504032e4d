import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../../testing/fixtures';
import { setUpOpac } from '../../testing/setup';
import { Kiosk } from '../../core/kiosk';
import { withMark } from '../../kiosk/kana-pad';
import { RegisterPage } from './register-page';

type City = Parameters<typeof presetInfo>[0];

describe('password registration form (exactly the city’s identity fields and terms)', () => {
  let http: HttpTestingController;

  async function render(city: City) {
    http = setUpOpac(presetInfo(city), [{ path: 'register', component: RegisterPage }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/register');
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement!;
    const input = (name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    const type = async (name: string, value: string) => {
      const i = input(name)!;
      i.value = value;
      i.dispatchEvent(new Event('input'));
      await harness.fixture.whenStable();
    };
    /** Types each field (by input name), then submits the form. */
    const submit = async (fields: Record<string, string>) => {
      for (const [name, value] of Object.entries(fields)) await type(name, value);
      el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await harness.fixture.whenStable();
    };
    return { harness, el, input, type, submit };
  }
  const password = { 'new-password': 'abcdefg1', 'confirm-password': 'abcdefg1' };
  const settle = async (harness: RouterTestingHarness) => {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  };

  afterEach(() => http.verify());

  const identityFields = (el: HTMLElement) =>
    [...el.querySelectorAll<HTMLInputElement>('fieldset:first-of-type input')].map((i) => i.name);

  it('Katori: card, katakana name and birth date with day 01 — no phone, no terms', async () => {
    const { el } = await render('katori');
    expect(identityFields(el)).toEqual(['card', 'nameKana', 'birthDate']);
    expect(el.textContent).toContain('日は必ず「01」と入力してください');
    expect(el.textContent).toContain('19710401');
    expect(el.querySelector('mat-checkbox[name="terms"]')).toBeNull();
    expect(el.textContent).toContain('7桁');
  });

  it('Koga: card, katakana name, birth date (full day) and phone', async () => {
    const { el } = await render('koga');
    expect(identityFields(el)).toEqual(['card', 'nameKana', 'birthDate', 'phone']);
    expect(el.textContent).not.toContain('日は必ず「01」');
    expect(el.textContent).toContain('「10」で始まります');
  });

  it('Kitakyushu: birth date and phone after consenting to the terms', async () => {
    const { el } = await render('kitakyushu');
    expect(identityFields(el)).toEqual(['card', 'birthDate', 'phone']);
    expect(el.querySelector('mat-checkbox[name="terms"]')).not.toBeNull();
    expect(el.textContent).toContain('利用規約に同意する');
  });

  it('Kushiro and city003: no online registration, the counter instead', async () => {
    for (const city of ['kushiro', 'city003'] as const) {
      const { el } = await render(city);
      expect(el.querySelector('form')).toBeNull();
      expect(el.textContent).toContain('カウンターで登録します');
      http.verify();
      TestBed.resetTestingModule();
    }
  });

  it('Katori: refuses a birth day other than 01 before sending, then sends the form as typed', async () => {
    const { el, type, harness } = await render('katori');
    await type('card', '０４４６４４３'); // full-width digits are folded by the policy
    await type('nameKana', 'カトリ タロウ');
    await type('birthDate', '19710416');
    await type('new-password', 'abcdefg1');
    await type('confirm-password', 'abcdefg1');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('生年月日の「日」は 01 と入力してください。');
    http.expectNone('/api/t/katori/auth/register-password');

    await type('birthDate', '19710401');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    http.expectOne('/api/csrf').flush({ token: null });
    const req = http.expectOne('/api/t/katori/auth/register-password');
    expect(req.request.body).toEqual({
      cardNumber: '０４４６４４３',
      password: 'abcdefg1',
      passwordConfirm: 'abcdefg1',
      identity: { nameKana: 'カトリ タロウ', birthDate: '19710401' },
      channel: 'web',
    });
    req.flush({ registered: true });
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
    expect(el.querySelector('.done')!.textContent).toContain('パスワードを登録しました');
  });

  it('Kitakyushu: the terms must be accepted', async () => {
    const { el, type, harness } = await render('kitakyushu');
    await type('card', '1234567890');
    await type('birthDate', '19800101');
    await type('phone', '093-000-0000');
    await type('new-password', 'abcdefg1');
    await type('confirm-password', 'abcdefg1');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('利用規約への同意が必要です。');
    http.expectNone('/api/t/kitakyushu/auth/register-password');
  });

  it('Koga: where an e-mail is on file, says the confirmation mail was sent and the old password stays until its link is opened', async () => {
    const { el, submit, harness } = await render('koga');
    await submit({ card: '101234567', nameKana: 'コガ ハナコ', birthDate: '20090301', phone: '092-942-1151', ...password });
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/t/koga/auth/register-password').flush({ registered: false, confirmationRequired: true, expiresInHours: 24 });
    await settle(harness);
    const done = el.querySelector('.done')!.textContent!;
    expect(done).toContain('確認メールを送信しました');
    expect(done).toContain('24時間以内');
    expect(done).toContain('これまでのパスワードのまま');
  });

  it('tells a patron whose card is paused after repeated wrong entries to wait or ask at the counter (the API’s words)', async () => {
    const { el, submit, harness } = await render('katori');
    await submit({ card: '0446443', nameKana: 'カトリ タロウ', birthDate: '19710401', ...password });
    http.expectOne('/api/csrf').flush({ token: null });
    const message = {
      ja: '入力内容の誤りが続いたため、このカードのインターネットでのパスワード登録をしばらく止めています。…図書館のカウンターでお手続きください。',
      en: 'Because of repeated wrong entries, online password registration for this card is paused for a while. …',
    };
    http
      .expectOne('/api/t/katori/auth/register-password')
      .flush({ code: 'REGISTRATION_PAUSED', status: 429, message, retryAfterSeconds: 60 }, { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/problem+json' } });
    await settle(harness);
    expect(el.textContent).toContain('図書館のカウンターでお手続きください');
    expect(el.querySelector('.done')).toBeNull();
  });
});

describe('password registration on the Katori kiosk, by touch only', () => {
  it('types every field with on-screen keys: digits for card and birth date, the 50音 pad for the name, letters for the password', async () => {
    const http = setUpOpac(presetInfo('katori'), [{ path: 'register', component: RegisterPage }]);
    TestBed.inject(Kiosk).active.set(true);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/register');
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement!;
    const stable = () => harness.fixture.whenStable();
    const input = (name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    const tap = async (label: string) => {
      const keys = [...el.querySelectorAll<HTMLButtonElement>('.kiosk-keys button')];
      const spoken = (b: HTMLElement) => [...b.childNodes].filter((n) => !(n instanceof HTMLElement && n.getAttribute('aria-hidden') === 'true')).map((n) => n.textContent).join('').trim();
      const key = keys.find((b) => b.getAttribute('aria-label') === label) ?? keys.find((b) => spoken(b) === label);
      if (!key) throw new Error(`no key ${label}`);
      key.click();
      await stable();
    };
    const touch = async (name: string) => {
      input(name).dispatchEvent(new FocusEvent('focus'));
      input(name).dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      await stable();
    };

    // no system keyboard: every field is read-only to it
    for (const name of ['card', 'nameKana', 'birthDate', 'new-password', 'confirm-password']) expect(input(name).readOnly).toBe(true);

    await touch('card');
    expect(el.querySelector('.kiosk-keys opac-on-screen-keyboard')).not.toBeNull();
    for (const d of '1000004') await tap(d);
    expect(input('card').value).toBe('1000004');

    await touch('nameKana');
    expect(el.querySelector('.kiosk-keys opac-kana-pad')).not.toBeNull();
    expect(el.querySelector('.kiosk-keys')!.textContent).toContain('「氏名（全角カタカナ）」');
    for (const k of ['サ', 'ワ', 'ラ']) await tap(k);
    await tap('空白');
    for (const k of ['イ', 'チ', 'ロ', 'ウ']) await tap(k);
    await tap('全部消す');
    for (const k of ['サ', 'ワ', 'ラ']) await tap(k);
    await tap('空白');
    await tap('イ');
    await tap('チ');
    await tap('ロ');
    await tap('ウ');
    await tap('ハ');
    await tap('濁点（゛）');
    await tap('1字消す');
    expect(input('nameKana').value).toBe('サワラ　イチロウ');

    await touch('birthDate');
    for (const d of '19851101') await tap(d);
    expect(input('birthDate').value).toBe('19851101');

    await touch('new-password');
    for (const k of 'tosho2024') await tap(k);
    await touch('confirm-password');
    for (const k of 'tosho2024') await tap(k);
    expect(input('new-password').value).toBe('tosho2024');
    expect(input('confirm-password').value).toBe('tosho2024');

    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await stable();
    http.match('/api/csrf').forEach((r) => r.flush({ token: 'csrf-1' }));
    let sent = http.match('/api/t/katori/auth/register-password');
    for (let i = 0; i < 20 && !sent.length; i++) {
      await new Promise((r) => setTimeout(r));
      http.match('/api/csrf').forEach((r) => r.flush({ token: 'csrf-1' }));
      sent = http.match('/api/t/katori/auth/register-password');
    }
    expect(sent[0].request.body).toMatchObject({
      cardNumber: '1000004',
      password: 'tosho2024',
      passwordConfirm: 'tosho2024',
      identity: { nameKana: 'サワラ　イチロウ', birthDate: '19851101' },
      channel: 'kiosk',
    });
    sent[0].flush({});
    await stable();
    http.verify();
  });

  it('adds ゛ and ゜ to the last letter where Japanese has one (カ→ガ, ハ→パ), and leaves others', () => {
    expect(withMark('カ', 'dakuten')).toBe('ガ');
    expect(withMark('ハ', 'handakuten')).toBe('パ');
    expect(withMark('ウ', 'dakuten')).toBe('ヴ');
    expect(withMark('ア', 'dakuten')).toBe('ア');
    expect(withMark('', 'dakuten')).toBe('');
  });
});
