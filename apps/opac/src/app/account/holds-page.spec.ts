import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { I18n } from '../core/i18n';
import type { LibraryInfo } from '@shiori/contracts';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import type { HoldView } from '@shiori/contracts';
import { HoldsPage } from './holds-page';

const HOLD: HoldView = {
  id: 'h1',
  recordId: 'r1',
  title: '吾輩は猫である',
  volume: null,
  status: 'waiting',
  statusLabel: { ja: '予約中', en: 'Waiting' },
  queuePosition: 2,
  pickupPointCode: 'tobu-counter',
  pickupPointName: '東部地区図書館 窓口',
  contact: 'none',
  placedVia: 'web',
  placedAt: '2026-04-01T10:00:00+09:00',
  cancellable: true,
  pickupChangeable: true,
  postponable: false,
  policyVersion: 1,
};
const LOCKER_JA = '利用者カードとログイン時のパスワードが必要です';

describe('holds page (My page): changing a hold’s pickup point shows the chosen point’s note', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<HoldsPage>;
  let el: HTMLElement;

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
    TestBed.inject(I18n).setLang('ja');
  });

  const stable = () => fixture.whenStable();
  /** The request to `url`, once the page's awaited calls have got that far. */
  async function requested(url: string) {
    for (let i = 0; i < 20; i++) {
      const found = http.match(url); // taken off the open list
      if (found.length === 1) return found[0];
      if (found.length > 1) throw new Error(`${found.length} requests to ${url}`);
      await new Promise((r) => setTimeout(r));
      await stable();
    }
    return http.expectOne(url);
  }

  async function render(info: LibraryInfo = presetInfo('kushiro'), hold: HoldView = HOLD) {
    http = setUpOpac(info);
    fixture = TestBed.createComponent(HoldsPage);
    el = fixture.nativeElement as HTMLElement;
    await stable();
    http.expectOne(`/api/t/${info.slug}/me/holds`).flush([hold]);
    for (let i = 0; i < 20 && !el.querySelector('table.holds'); i++) {
      await new Promise((r) => setTimeout(r));
      await stable();
    }
    expect(el.querySelector('table.holds')).not.toBeNull();
  }

  const select = () => el.querySelector<HTMLElement>('mat-select[name="pickupPoint"]');
  const note = () => el.querySelector<HTMLElement>('.inline-form .pickup-note');
  const describedBy = () => (select()!.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  async function openChange() {
    el.querySelector<HTMLButtonElement>('button.change-pickup')!.click();
    await stable();
  }
  async function choose(text: string) {
    select()!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
    await stable();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === text);
    if (!option) throw new Error(`no option "${text}"`);
    option.click();
    await stable();
  }

  it('shows no note while the current point has none, then the chosen point’s note, tied to the select', async () => {
    await render();
    await openChange();
    expect(select()).not.toBeNull();
    expect(note()).toBeNull();
    expect(describedBy()).not.toContain('pickup-note-h1');

    await choose('中央図書館 予約取置室');
    const n = note()!;
    expect(n.textContent).toContain(LOCKER_JA);
    expect(n.id).toBe('pickup-note-h1');
    expect(n.getAttribute('lang')).toBe('ja');
    expect(describedBy()).toContain('pickup-note-h1');

    await choose('中央図書館 窓口受取');
    expect(note()!.textContent).toBe('予約本受取窓口は4階です。');

    // back to a point without a note: the note and its reference go
    await choose('東部地区図書館 窓口');
    expect(note()).toBeNull();
    expect(describedBy()).not.toContain('pickup-note-h1');
  });

  it('shows the current point’s note as soon as the form opens, and sends only the code on save', async () => {
    await render(presetInfo('kushiro'), { ...HOLD, pickupPointCode: 'central-counter', pickupPointName: '中央図書館 窓口受取' });
    await openChange();
    expect(note()!.textContent).toBe('予約本受取窓口は4階です。');
    await choose('中央図書館 予約取置室');
    el.querySelector<HTMLButtonElement>('.inline-form button[mat-flat-button]')!.click();
    await stable();
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' });
    await stable();
    const req = http.expectOne({ method: 'PATCH', url: '/api/t/kushiro/me/holds/h1' });
    expect(req.request.body).toEqual({ pickupPointCode: 'central-locker' });
    req.flush({ ...HOLD, pickupPointCode: 'central-locker' });
    // the page reloads the holds, then the summary
    (await requested('/api/t/kushiro/me/holds')).flush([{ ...HOLD, pickupPointCode: 'central-locker' }]);
    (await requested('/api/t/kushiro/me')).flush({}, { status: 401, statusText: 'Unauthorized' });
    await stable();
    expect(el.querySelector('.done')?.textContent).toContain('受取場所を変更しました');
    expect(note()).toBeNull(); // the form closed
  });

  it('reads the note in English when the page is in English, falling back to Japanese (lang="ja")', async () => {
    const info = presetInfo('kushiro');
    info.pickupPoints.find((p) => p.code === 'central-locker')!.note = { ja: '4階の予約取置室です。', en: null };
    await render(info, { ...HOLD, pickupPointCode: 'central-counter' });
    TestBed.inject(I18n).setLang('en');
    await openChange();
    expect(note()!.textContent).toBe('The hold pickup counter is on the 4th floor.');
    expect(note()!.getAttribute('lang')).toBe('en');
    await choose('Central Library hold locker room');
    expect(note()!.textContent).toBe('4階の予約取置室です。');
    expect(note()!.getAttribute('lang')).toBe('ja');
  });
});

describe('holds page: cancelled holds (Koga 取消された予約)', () => {
  it('gives the cancellation day under 取消日, not under 取置期限', async () => {
    const info = presetInfo('koga');
    const http = setUpOpac(info);
    const fixture = TestBed.createComponent(HoldsPage);
    fixture.componentRef.setInput('mode', 'cancelled');
    const el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http
      .expectOne(`/api/t/${info.slug}/me/holds`)
      .flush([{ ...HOLD, status: 'cancelled', cancellable: false, pickupChangeable: false, cancelledAt: '2026-04-03T10:00:00+09:00' }]);
    for (let i = 0; i < 20 && !el.querySelector('table.holds'); i++) {
      await new Promise((r) => setTimeout(r));
      await fixture.whenStable();
    }
    const headers = [...el.querySelectorAll('table.holds th')].map((th) => th.textContent!.trim());
    expect(headers).not.toContain('取置期限');
    expect(headers).toContain('取消日');
    expect(el.querySelector('table.holds tbody')!.textContent).toContain('2026年4月3日');
    http.verify();
  });
});

describe('holds page: the hold locker room shelf (Kushiro 予約取置室)', () => {
  it('tells the patron which shelf of the locker room holds the ready book', async () => {
    const info = presetInfo('kushiro');
    const http = setUpOpac(info);
    const fixture = TestBed.createComponent(HoldsPage);
    const el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne(`/api/t/${info.slug}/me/holds`).flush([
      { ...HOLD, status: 'ready', queuePosition: null, pickupPointCode: 'central-locker', pickupPointName: '中央図書館 予約取置室', expiresAt: '2026-06-08', shelfNumber: 7, cancellable: false, pickupChangeable: false },
    ]);
    for (let i = 0; i < 20 && !el.querySelector('table.holds'); i++) {
      await new Promise((r) => setTimeout(r));
      await fixture.whenStable();
    }
    expect(el.querySelector('.shelf-number')!.textContent).toContain('予約取置室の棚番号 7');
    http.verify();
  });
});
