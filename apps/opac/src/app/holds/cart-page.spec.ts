import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { I18n } from '../core/i18n';
import type { LibraryInfo } from '@shiori/contracts';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { CartPage } from './cart-page';

const ME = {
  id: 'p1',
  cardNumber: '0100001',
  name: '釧路 花子',
  email: 'hanako@example.jp',
  lastLoginAt: null,
  lastUseAt: null,
  cardExpiresAt: null,
  counts: { loans: 0, overdue: 0, holds: 0, readyHolds: 0, alerts: 0, cart: 1 },
  messages: [],
  mustChangePassword: false,
};
const ENTRY = { recordId: 'r1', title: '吾輩は猫である', selected: true, reservable: { ok: true } };
const COUNTER_JA = '予約本受取窓口は4階です。';
const COUNTER_EN = 'The hold pickup counter is on the 4th floor.';

describe('cart page: the chosen pickup point’s note under the hold form’s select (Kushiro 4階)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  const stable = () => harness.fixture.whenStable();
  /** The request to `url`, once the page's awaited calls have got that far. */
  async function requested(url: string) {
    for (let i = 0; i < 20; i++) {
      const found = http.match(url); // taken off the open list
      if (found.length === 1) return found[0];
      if (found.length > 1) throw new Error(`${found.length} requests to ${url}`);
      await new Promise((r) => setTimeout(r));
    }
    return http.expectOne(url);
  }

  /** Signs in, loads a one-record cart and opens the hold form. */
  async function openForm(info: LibraryInfo = presetInfo('kushiro'), entries: unknown[] = [ENTRY], me: Record<string, unknown> = ME) {
    http = setUpOpac(info, [{ path: 'cart', component: CartPage }]);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cart');
    (await requested(`/api/t/${info.slug}/me`)).flush(me);
    (await requested(`/api/t/${info.slug}/me/cart`)).flush(entries);
    el = harness.routeNativeElement!;
    for (let i = 0; i < 20 && !el.querySelector('button.next'); i++) {
      await new Promise((r) => setTimeout(r));
      await stable();
    }
    el.querySelector<HTMLButtonElement>('button.next')!.click();
    await stable();
    expect(el.querySelector('form.hold-form')).not.toBeNull();
  }

  const select = (name: string) => el.querySelector<HTMLElement>(`mat-select[name="${name}"]`)!;
  const note = () => el.querySelector<HTMLElement>('.hold-form .pickup-note');
  const describedBy = (name: string) => (select(name).getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  /** Opens a mat-select and picks the option whose text contains `text`. */
  async function choose(name: string, text: string) {
    select(name).querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await stable();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.includes(text));
    if (!option) throw new Error(`no option "${text}"`);
    option.click();
    await stable();
  }

  it('shows the central counter’s note under the pickup-point select, tied to it by aria-describedby', async () => {
    await openForm();
    expect(select('point')).not.toBeNull();
    const n = note()!;
    expect(n.textContent).toContain(COUNTER_JA);
    expect(n.getAttribute('lang')).toBe('ja');
    expect(n.id).toBeTruthy();
    expect(describedBy('point')).toContain(n.id);
    // the note belongs to the point's select, not the library's
    expect(describedBy('branch')).not.toContain(n.id);
    // it sits right after the pickup-point field
    expect(select('point').closest('mat-form-field')!.nextElementSibling).toBe(n);
  });

  it('follows the choice: the hold locker room’s note, none for a point without one', async () => {
    await openForm();
    await choose('point', '予約取置室');
    expect(note()!.textContent).toContain('利用者カードとログイン時のパスワードが必要です');
    // the option says 予約取置室 once, not 「予約取置室（予約取置室）」
    select('point').querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await stable();
    const options = [...document.querySelectorAll<HTMLElement>('mat-option')].map((o) => o.textContent!.trim());
    expect(options.filter((o) => o.includes('予約取置室'))).toHaveLength(1);
    expect(options.some((o) => /予約取置室.*予約取置室/.test(o))).toBe(false);
    document.querySelector<HTMLElement>('mat-option')!.click();
    await stable();
    await choose('point', '予約取置室');
    expect(describedBy('point')).toContain(note()!.id);

    // another library (its counter implied, no note): no note, nothing described
    await choose('branch', '東部地区図書館');
    expect(el.querySelector('mat-select[name="point"]')).toBeNull();
    expect(note()).toBeNull();
    expect(describedBy('branch')).not.toContain('cart-pickup-note');
  });

  it('reads the note in English when the page is in English, and falls back to Japanese (lang="ja") when there is no English', async () => {
    const info = presetInfo('kushiro');
    const locker = info.pickupPoints.find((p) => p.code === 'central-locker')!;
    locker.note = { ja: '4階の予約取置室です。' }; // no English written
    await openForm(info);
    TestBed.inject(I18n).setLang('en');
    await stable();
    expect(note()!.textContent).toContain(COUNTER_EN);
    expect(note()!.getAttribute('lang')).toBe('en');

    await choose('point', 'hold locker room');
    expect(note()!.textContent).toContain('4階の予約取置室です。');
    expect(note()!.getAttribute('lang')).toBe('ja');
    TestBed.inject(I18n).setLang('ja');
  });

  it('puts the note under the library select when the library’s counter is implied (no pickup-point question)', async () => {
    const info = presetInfo('kushiro');
    info.pickupPoints.find((p) => p.code === 'tobu-counter')!.note = { ja: '東部地区図書館の窓口は2階です。', en: 'The counter is on the 2nd floor.' };
    await openForm(info);
    await choose('branch', '東部地区図書館');
    expect(el.querySelector('mat-select[name="point"]')).toBeNull();
    const n = note()!;
    expect(n.textContent).toContain('東部地区図書館の窓口は2階です。');
    expect(describedBy('branch')).toContain(n.id);
    expect(select('branch').closest('mat-form-field')!.nextElementSibling).toBe(n);
  });

  describe('the default pickup point (libs/policy defaultPickupPoint, as the API and the desk choose it)', () => {
    const branchText = () => select('branch').textContent!.trim();
    const pointText = () => el.querySelector('mat-select[name="point"]')?.textContent?.trim() ?? null;

    it('with no earlier hold: the first library’s counter', async () => {
      await openForm(presetInfo('kushiro'), [ENTRY], { ...ME, lastPickupPointCode: null });
      expect(branchText()).toContain('中央図書館');
      expect(pointText()).toContain('窓口');
    });

    it('starts at the point of the patron’s latest hold (`/me` lastPickupPointCode): another library, or a locker room', async () => {
      await openForm(presetInfo('kushiro'), [ENTRY], { ...ME, lastPickupPointCode: 'tobu-counter' });
      expect(branchText()).toContain('東部地区図書館');
      expect(el.querySelector('mat-select[name="point"]')).toBeNull(); // its counter is implied
      // another library chosen: its counter; back to the first: the default again
      await choose('branch', '中央図書館');
      expect(pointText()).toContain('窓口');
    });

    it('a locker room the patron used last is chosen again', async () => {
      await openForm(presetInfo('kushiro'), [ENTRY], { ...ME, lastPickupPointCode: 'central-locker' });
      expect(branchText()).toContain('中央図書館');
      expect(pointText()).toContain('予約取置室');
      el.querySelector<HTMLButtonElement>('form.hold-form button[type="submit"]')!.click();
      await stable();
      expect(el.querySelector('.summary')!.textContent).toContain('予約取置室');
    });

    it('passes over a point no longer offered: the first library’s counter', async () => {
      await openForm(presetInfo('kushiro'), [ENTRY], { ...ME, lastPickupPointCode: 'closed-counter' });
      expect(branchText()).toContain('中央図書館');
      expect(pointText()).toContain('窓口');
    });
  });

  it('repeats the note on the confirmation step', async () => {
    await openForm();
    el.querySelector<HTMLButtonElement>('form.hold-form button[type="submit"]')!.click();
    await stable();
    const summary = el.querySelector('.summary')!;
    expect(summary.textContent).toContain('中央図書館 窓口受取');
    expect(summary.querySelector('.confirm-note')?.textContent).toContain(COUNTER_JA);
  });

  it('asks Kushiro’s 予約種別 (通常予約 / 順番予約) with an (i) that opens its explanation; 順番予約 waits for a second item', async () => {
    await openForm();
    const kind = el.querySelector<HTMLElement>('fieldset.hold-kind')!;
    expect(kind.querySelector('legend')!.textContent).toContain('予約種別');
    const radios = [...kind.querySelectorAll<HTMLElement>('mat-radio-button')];
    expect(radios.map((r) => r.textContent!.trim())).toEqual(['通常予約', '順番予約']);
    expect(radios[0].querySelector<HTMLInputElement>('input')!.checked).toBe(true);
    expect(radios[1].querySelector<HTMLInputElement>('input')!.disabled).toBe(true);
    expect(kind.querySelector('.hint')!.textContent).toContain('2点以上');
    const info = kind.querySelector<HTMLButtonElement>('button.hold-kind-info')!;
    expect(info.getAttribute('aria-label')).toBe('予約種別の説明');
    expect(info.getAttribute('aria-expanded')).toBe('false');
    info.click();
    await stable();
    expect(info.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector(`#${info.getAttribute('aria-controls')}`)!.textContent).toContain('順番予約：シリーズの巻などを、並べた順番に用意します。');
    el.querySelector<HTMLButtonElement>('form.hold-form button[type="submit"]')!.click();
    await stable();
    const summary = el.querySelector('.summary')!.textContent!;
    expect(summary).toContain('予約種別');
    expect(summary).toContain('通常予約');
  });

  it('with two volumes, 順番予約 can be chosen: their order is asked and the confirmation says 順番予約', async () => {
    await openForm(presetInfo('kushiro'), [ENTRY, { recordId: 'r2', title: '吾輩は猫である', volume: '下', selected: true, reservable: { ok: true } }]);
    const ordered = el.querySelectorAll<HTMLElement>('fieldset.hold-kind mat-radio-button')[1].querySelector<HTMLInputElement>('input')!;
    expect(ordered.disabled).toBe(false);
    expect(el.querySelector('ol.order')).toBeNull();
    ordered.click();
    await stable();
    expect(el.querySelectorAll('ol.order li')).toHaveLength(2);
    expect(el.querySelector('mat-checkbox[name="ordered"]')).toBeNull();
    el.querySelector<HTMLButtonElement>('form.hold-form button[type="submit"]')!.click();
    await stable();
    expect(el.querySelector('.summary')!.textContent).toContain('順番予約');
  });

  it('asks no 予約種別 where the guide has none (Katori)', async () => {
    await openForm(presetInfo('katori'));
    expect(el.querySelector('fieldset.hold-kind')).toBeNull();
  });

  it('shows no note for a city whose pickup points have none (Katori)', async () => {
    await openForm(presetInfo('katori'));
    expect(note()).toBeNull();
    for (const s of el.querySelectorAll('mat-select')) expect(s.getAttribute('aria-describedby') ?? '').not.toContain('cart-pickup-note');
  });

  it('lists the bus’s stations as choices with their next visits and parking place, and says the earliest pickup', async () => {
    const info = presetInfo('kushiro');
    info.pickupPoints = info.pickupPoints.map((p) =>
      p.code === 'bm-08'
        ? { ...p, nextVisits: [{ date: '2099-01-06', start: '10:00', end: '10:40', place: '正面玄関前', note: '' }, { date: '2099-01-20', start: '10:00', end: '10:40', place: '正面玄関前', note: '' }] }
        : p.kind === 'bookmobile-station'
          ? { ...p, nextVisits: [] }
          : p,
    );
    await openForm(info);
    await choose('branch', '図書館バス');
    // radio buttons, not a select: a long station name wraps on a phone instead of being cut
    expect(el.querySelector('mat-select[name="point"]')).toBeNull();
    const stations = [...el.querySelectorAll<HTMLElement>('fieldset.stations mat-radio-button')];
    expect(stations.length).toBe(info.pickupPoints.filter((p) => p.kind === 'bookmobile-station').length);
    expect(el.querySelector('fieldset.stations legend')?.textContent).toContain('ステーション');
    const hall = stations.find((s) => s.textContent?.includes('ジョーワ・創路文化ホール'))!;
    expect(hall.querySelector('.station-visit')?.textContent).toContain('2099年1月6日');
    expect(hall.querySelector('.station-visit')?.textContent).toContain('10:00〜10:40');
    expect(hall.textContent).toContain('正面玄関前');
    expect(stations[0].textContent).toContain('巡回予定はまだありません');

    hall.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
    await stable();
    expect(el.querySelector('.station-earliest')?.textContent).toContain('受け取れるのは早くて 2099年1月6日(火) 10:00〜10:40（正面玄関前）');
  });
});

describe('cart page: the remove button as each city’s guide words it', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  it.each([
    ['kitakyushu', '解除'],
    ['kushiro', '削除'],
  ] as const)('%s reads %s', async (slug, word) => {
    const info = presetInfo(slug);
    http = setUpOpac(info, [{ path: 'cart', component: CartPage }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cart');
    for (const url of [`/api/t/${slug}/me`, `/api/t/${slug}/me/cart`]) {
      let found = http.match(url);
      for (let i = 0; i < 20 && !found.length; i++) {
        await new Promise((r) => setTimeout(r));
        found = http.match(url);
      }
      found[0].flush(url.endsWith('/me') ? ME : [ENTRY]);
    }
    const el = harness.routeNativeElement!;
    for (let i = 0; i < 20 && !el.querySelector('button.remove'); i++) {
      await new Promise((r) => setTimeout(r));
      await harness.fixture.whenStable();
    }
    const button = el.querySelector<HTMLButtonElement>('button.remove')!;
    expect(button.textContent).toContain(word);
    expect(button.getAttribute('aria-label')).toBe(`「吾輩は猫である」を予約かごから${word}`);
    expect(el.querySelector('button.remove-selected')!.textContent).toContain(`選択した資料を${word}`);
  });
});

describe('a hold from a record page (hold/:recordId): the cart’s form for that one record, then done', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify()); // the cart itself is never asked for

  const ID = '6f1c2c9e-0000-4000-8000-000000000001';
  async function open(reservable: object) {
    http = setUpOpac(presetInfo('kushiro'), [{ path: 'hold/:recordId', component: CartPage }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/hold/${ID}`);
    for (const [url, body] of [
      ['/api/t/kushiro/me', ME],
      [`/api/t/kushiro/records/${ID}`, { id: ID, title: '吾輩は猫である', volume: '上', authors: [], copies: [], reservable }],
    ] as const) {
      let found = http.match(url);
      for (let i = 0; i < 20 && !found.length; i++) {
        await new Promise((r) => setTimeout(r));
        found = http.match(url);
      }
      found[0].flush(body);
    }
    const el = harness.routeNativeElement!;
    for (let i = 0; i < 20 && !el.querySelector('form.hold-form, .error'); i++) {
      await new Promise((r) => setTimeout(r));
      await harness.fixture.whenStable();
    }
    return { harness, el };
  }

  it('opens the form at once with the record named and the cart form’s defaults, and its 予約する places the hold', async () => {
    const { harness, el } = await open({ ok: true });
    expect(el.querySelector('h1')?.textContent).toContain('予約する');
    expect([...el.querySelectorAll('.steps li')].map((li) => li.textContent?.trim())).toEqual(['1. 受取方法', '2. 完了']);
    expect(el.querySelector('.hold-record')?.textContent).toContain('「吾輩は猫である 上」を予約します。');
    // the same form as the cart's: Kushiro's pickup point asked at the central library, its note, e-mail on file
    expect(el.querySelector('mat-select[name="point"]')).not.toBeNull();
    expect(el.querySelector('.hold-form .pickup-note')?.textContent).toContain(COUNTER_JA);
    expect(el.querySelector('mat-checkbox[name="emailConfirmation"]')).not.toBeNull();
    expect(el.querySelector('button.next')).toBeNull(); // no separate confirmation step

    el.querySelector<HTMLButtonElement>('form.hold-form button.submit')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' }); // before the first write
    let post = http.match({ method: 'POST', url: '/api/t/kushiro/me/holds' });
    for (let i = 0; i < 20 && !post.length; i++) {
      await new Promise((r) => setTimeout(r));
      post = http.match({ method: 'POST', url: '/api/t/kushiro/me/holds' });
    }
    expect(post).toHaveLength(1);
    expect(post[0].request.body).toEqual({ recordIds: [ID], pickupPointCode: 'central-counter', contact: 'email', emailConfirmation: false });
    post[0].flush([{ id: 'h1', recordId: ID, title: '吾輩は猫である', status: 'waiting', queuePosition: 2, pickupPointCode: 'central' }]);
    for (let i = 0; i < 20 && !el.querySelector('.done'); i++) {
      await new Promise((r) => setTimeout(r));
      await harness.fixture.whenStable();
    }
    expect(el.querySelector('.done')?.textContent).toContain('1 点の予約を受け付けました。');
    http.match('/api/t/kushiro/me').forEach((r) => r.flush(ME)); // the header's counts refreshed
  });

  it('says why and offers the way back when the record may not be reserved now', async () => {
    const { el } = await open({ ok: false, code: 'NOT_RESERVABLE', reason: 'ON_SHELF', message: { ja: '書架にあるため予約できません。', en: 'On the shelf.' } });
    expect(el.querySelector('form.hold-form')).toBeNull();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('書架にあるため予約できません。');
    expect(el.querySelector<HTMLAnchorElement>(`a[href="/records/${ID}"]`)?.textContent).toContain('資料の詳細にもどる');
  });
});
