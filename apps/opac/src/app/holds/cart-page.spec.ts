import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { I18n } from '../core/i18n';
import { TenantInfo } from '../core/library';
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
  async function openForm(info: TenantInfo = presetInfo('kushiro')) {
    http = setUpOpac(info, [{ path: 'cart', component: CartPage }]);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/cart');
    (await requested(`/api/t/${info.slug}/me`)).flush(ME);
    (await requested(`/api/t/${info.slug}/me/cart`)).flush([ENTRY]);
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

  it('repeats the note on the confirmation step', async () => {
    await openForm();
    el.querySelector<HTMLButtonElement>('form.hold-form button[type="submit"]')!.click();
    await stable();
    const summary = el.querySelector('.summary')!;
    expect(summary.textContent).toContain('中央図書館 窓口受取');
    expect(summary.querySelector('.confirm-note')?.textContent).toContain(COUNTER_JA);
  });

  it('shows no note for a city whose pickup points have none (Katori)', async () => {
    await openForm(presetInfo('katori'));
    expect(note()).toBeNull();
    for (const s of el.querySelectorAll('mat-select')) expect(s.getAttribute('aria-describedby') ?? '').not.toContain('cart-pickup-note');
  });
});
