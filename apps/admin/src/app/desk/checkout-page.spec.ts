import { BASE, BRANCHES, flushCsrf, flushLibrary, Harness, PICKUP_POINTS, policyDocument, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { DeskSettings } from './desk-settings';
import { Beeper } from '../core/beep';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { CheckoutPage } from './checkout-page';

const patron = {
  id: '11111111-1111-4111-8111-111111111111',
  cardNumber: '1234567',
  name: '香取 太郎',
  nameKana: 'カトリ タロウ',
  category: 'general',
  expiresAt: null,
  status: 'active',
  mustChangePassword: false,
  hasPassword: true,
  lastLoginAt: null,
  birthDate: null,
  phone: null,
  email: null,
};

const loan = (barcode: string, title: string) => ({
  id: 'loan-' + barcode,
  itemBarcode: barcode,
  recordId: 'r1',
  title,
  volume: null,
  patron: { id: patron.id, cardNumber: patron.cardNumber, name: patron.name },
  loanDate: '2026-05-01',
  dueDate: '2026-05-15',
  overdue: false,
  renewals: 0,
  ill: false,
  branchCode: 'sawara',
  materialType: 'book',
});

/** 広域利用 agreements as `GET /admin/agreements` answers them to a librarian of katori. */
const agreement = (home: { slug: string; name: string }, host: { slug: string; name: string } | null, card: 'home-card' | 'host-card', hostRegion: object | null = null) => ({
  id: `a-${home.slug}-${host?.slug ?? 'region'}`,
  homeCity: home,
  hostCity: host,
  hostRegion,
  version: 1,
  preset: null,
  terms: { card },
});
const KATORI = { slug: 'katori', name: '香取市立図書館' };
const KOGA = { slug: 'koga', name: '古賀市立図書館' };
const NARITA = { slug: 'narita', name: '成田市立図書館' };
const CHOSHI = { slug: 'choshi', name: '銚子市公正図書館' };
const ASAHI = { slug: 'asahi', name: '旭市図書館' };

describe('CheckoutPage (desk check-out for barcode scanners)', () => {
  let h: Harness;
  let beeper: Beeper;
  /** what `GET /admin/agreements` answers when the page opens */
  let agreements: object[] = [];

  beforeEach(async () => {
    h = await startLibrarianPage(CheckoutPage, '/desk/checkout');
    flushLibrary(h.http);
    h.http.expectOne(`${BASE}/admin/agreements`).flush(agreements);
    await h.stable();
    beeper = TestBed.inject(Beeper);
    jest.spyOn(beeper, 'success');
    jest.spyOn(beeper, 'refusal');
  });

  afterEach(() => h.http.verify());

  const card = () => h.page.querySelector<HTMLInputElement>('input[name=cardNumber]');
  const item = () => h.page.querySelector<HTMLInputElement>('input[name=itemBarcode]');
  const feedback = () => h.page.querySelector<HTMLElement>('[data-feedback]');

  async function scanCard(value: string) {
    typeInto(card(), value);
    pressEnter(card());
    await h.stable();
  }

  async function confirmPatron(found: typeof patron | (Omit<typeof patron, 'expiresAt'> & { expiresAt: string }) = patron, holds: object[] = []) {
    await scanCard('123-4567'); // as printed, with a hyphen: normalised by the card rules
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons` && r.params.get('q') === '1234567').flush([found]);
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/loans`).flush([]);
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush(holds);
    await h.stable();
    await new Promise((r) => setTimeout(r)); // the focus moves after the view shows the item field
  }

  it('starts with the focus in the card field', async () => {
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(card());
  });

  it('refuses a card number that breaks the card rules before asking the API, and keeps the focus there', async () => {
    await scanCard('12345');
    h.http.expectNone(`${BASE}/admin/patrons`);
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.textContent).toContain('利用者カードの番号は7桁です。');
    expect(feedback()?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(card());
    expect(beeper.refusal).toHaveBeenCalled();
  });

  it('Enter on the card confirms the patron and moves the focus to the item field', async () => {
    await confirmPatron();
    expect(h.page.querySelector('[data-patron]')?.textContent).toContain('香取 太郎');
    expect(document.activeElement).toBe(item());
  });

  it('Enter on an item checks it out, shows the due date in green and keeps the focus in the emptied field', async () => {
    await confirmPatron();
    typeInto(item(), '1000001');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` });
    expect(req.request.body).toEqual({ cardNumber: '1234567', itemBarcode: '1000001' });
    expect(item()!.value).toBe(''); // ready for the next scan at once
    req.flush(loan('1000001', '吾輩は猫である'));
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.textContent).toContain('貸し出しました');
    expect(feedback()?.textContent).toContain('吾輩は猫である');
    expect(feedback()?.textContent).toContain('2026年5月15日');
    expect(h.page.querySelector('table')?.textContent).toContain('1000001');
    expect(document.activeElement).toBe(item());
    expect(beeper.success).toHaveBeenCalled();
  });

  it('shows a refusal with the API’s reason in words, and the focus stays for the next scan', async () => {
    await confirmPatron();
    typeInto(item(), '1000002');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).flush(
      { code: 'LOAN_LIMIT', message: { ja: '貸出点数の上限（10点）に達しています。', en: 'The loan limit (10 items) has been reached.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.getAttribute('role')).toBe('alert');
    expect(feedback()?.textContent).toContain('貸出できません');
    expect(feedback()?.textContent).toContain('貸出点数の上限（10点）に達しています。');
    expect(feedback()?.textContent).toContain('1000002');
    expect(document.activeElement).toBe(item());
    expect(beeper.refusal).toHaveBeenCalled();
  });

  it('queues scans that arrive while a loan is being recorded, so none is lost', async () => {
    await confirmPatron();
    typeInto(item(), 'A1');
    pressEnter(item());
    typeInto(item(), 'A2');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    const first = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` });
    expect(first.request.body.itemBarcode).toBe('A1');
    first.flush(loan('A1', '一'));
    await h.stable();
    const second = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` });
    expect(second.request.body.itemBarcode).toBe('A2');
    second.flush(loan('A2', '二'));
    await h.stable();
    expect(h.page.querySelectorAll('tbody tr').length).toBe(2);
  });

  it('tells the desk that a card has expired but lends on it (the counter renews cards), reminding again with each loan', async () => {
    await confirmPatron({ ...patron, expiresAt: '2020-03-31' });
    expect(feedback()?.dataset['kind']).toBe('info');
    expect(feedback()?.getAttribute('role')).toBe('status');
    expect(feedback()?.textContent).toContain('利用者カードの有効期限が切れています（2020年3月31日');
    expect(feedback()?.textContent).toContain('窓口では貸出できます。カードの更新手続きをご案内ください。');
    expect(beeper.refusal).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(item());
    typeInto(item(), '1000003');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).flush({ ...loan('1000003', '坊っちゃん'), cardExpired: true });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.textContent).toContain('坊っちゃん');
    expect(feedback()?.textContent).toContain('カードの更新手続きをご案内ください。');
  });

  const readyHold = (id: string, title: string, status = 'ready') => ({
    id,
    recordId: 'r-' + id,
    title,
    volume: null,
    status,
    statusLabel: { ja: 'ご用意できました', en: 'Ready' },
    queuePosition: null,
    pickupPointCode: 'sawara-counter',
    pickupPointName: '佐原中央図書館 窓口',
    contact: 'email',
    placedVia: 'web',
    placedAt: '2026-05-01T10:00:00+09:00',
    expiresAt: '2026-05-20',
  });

  it('shows the patron’s holds waiting on the hold shelf as soon as the card is scanned; a collected one leaves the list', async () => {
    await confirmPatron(patron, [readyHold('h1', '銀河鉄道の夜'), readyHold('h2', 'まだ届かない本', 'waiting'), readyHold('h3', '風の又三郎')]);
    const ready = h.page.querySelector<HTMLElement>('.ready-holds')!;
    expect(ready.querySelector('h2')!.textContent).toContain('予約棚でお待ちの資料 2 点');
    expect(ready.textContent).toContain('銀河鉄道の夜');
    expect(ready.textContent).toContain('風の又三郎');
    expect(ready.textContent).not.toContain('まだ届かない本');
    expect(ready.textContent).toContain('取置期限 2026年5月20日');
    typeInto(item(), '1000009');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).flush({ ...loan('1000009', '銀河鉄道の夜'), collectedHoldId: 'h1' });
    await h.stable();
    expect(h.page.querySelector('.ready-holds h2')!.textContent).toContain('予約棚でお待ちの資料 1 点');
  });

  it('an item the patron already has, scanned again, offers a renewal instead of a refusal', async () => {
    await confirmPatron();
    typeInto(item(), '1000004');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).flush(
      { code: 'ITEM_ON_LOAN_TO_PATRON', message: { ja: 'この資料はこの利用者に貸出中です。延長する場合は「延長する」を押してください。', en: 'x' } },
      { status: 409, statusText: 'Conflict' },
    );
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('info');
    expect(feedback()?.textContent).toContain('この利用者に貸出中の資料です');
    expect(beeper.refusal).not.toHaveBeenCalled();
    h.page.querySelector<HTMLButtonElement>('button.renew-offered')!.click();
    await h.stable();
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/renewals` });
    expect(req.request.body).toEqual({ itemBarcode: '1000004', channel: 'counter' });
    req.flush({ ...loan('1000004', '坊っちゃん'), dueDate: '2026-05-29', renewals: 1 });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.textContent).toContain('延長しました');
    expect(feedback()?.textContent).toContain('2026年5月29日');
    expect(h.page.querySelector('button.renew-offered')).toBeNull();
  });

  it('prints a loan receipt (貸出レシート) of this visit’s loans, the card shown by its last digits', async () => {
    await confirmPatron();
    expect(h.page.querySelector('[data-receipt]')).toBeNull();
    for (const [barcode, title] of [
      ['1000005', '吾輩は猫である'],
      ['1000006', 'こころ'],
    ]) {
      typeInto(item(), barcode);
      pressEnter(item());
      await h.stable();
      flushCsrf(h.http);
      h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).flush(loan(barcode, title));
      await h.stable();
    }
    const receipt = h.page.querySelector<HTMLElement>('[data-receipt]')!;
    expect(receipt.textContent).toContain('貸出レシート');
    expect(receipt.textContent).toContain('＊＊＊4567');
    expect(receipt.textContent).not.toContain('1234567');
    expect([...receipt.querySelectorAll('li .title')].map((e) => e.textContent!.trim())).toEqual(['吾輩は猫である', 'こころ']);
    expect(receipt.textContent).toContain('返却期限 2026年5月15日');
    expect(receipt.textContent).toContain('合計 2 点');
    const print = jest.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    h.page.querySelector<HTMLButtonElement>('button.print-receipt')!.click();
    expect(print).toHaveBeenCalled();
    expect(document.body.classList.contains('print-slip')).toBe(true);
  });

  it('F1 / F2 / F3 switch between check-out, check-in and renew (the browser’s own F1 help kept away)', async () => {
    const router = TestBed.inject(Router);
    const go = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    expect(h.page.textContent).toContain('F1 貸出・F2 返却・F3 延長');
    const press = (key: string, extra: KeyboardEventInit = {}) => {
      const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...extra });
      document.dispatchEvent(e);
      return e;
    };
    expect(press('F2').defaultPrevented).toBe(true);
    expect(go).toHaveBeenLastCalledWith('/desk/checkin');
    press('F3');
    expect(go).toHaveBeenLastCalledWith('/desk/renewals');
    go.mockClear();
    expect(press('F1').defaultPrevented).toBe(true); // already here: nothing to do, but no browser help
    press('F2', { ctrlKey: true });
    press('a');
    expect(go).not.toHaveBeenCalled();
  });

  it('Esc starts over with the next patron', async () => {
    await confirmPatron();
    h.page.querySelector('admin-checkout-page')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    (h.harness.routeDebugElement!.nativeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await h.stable();
    await new Promise((r) => setTimeout(r));
    expect(item()).toBeNull();
    expect(card()!.value).toBe('');
    expect(document.activeElement).toBe(card());
  });
  describe('お住まいの市: lending on a home card (広域利用)', () => {
    beforeAll(() => {
      agreements = [
        agreement(KOGA, KATORI, 'home-card'), // koga residents here on their koga card
        agreement(NARITA, KATORI, 'host-card'), // narita residents get a katori card: not a choice
        agreement(KATORI, CHOSHI, 'home-card'), // katori residents at choshi: not lent here
        agreement(ASAHI, null, 'home-card', { code: 'chiba', name: '千葉県', nameEn: null }), // a region katori is in
        agreement(NARITA, null, 'home-card', { code: 'chiba', name: '千葉県', nameEn: null }), // narita's own agreement wins
      ];
    });
    afterAll(() => {
      agreements = [];
    });
    afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = '')));

    const homeSelect = () => h.page.querySelector<HTMLElement>('mat-select[data-home-city]');
    async function chooseHome(name: string) {
      homeSelect()!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
      await h.stable();
      [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === name)!.click();
      await h.stable();
    }
    const visitor = { ...patron, id: '22222222-2222-4222-8222-222222222222', cardNumber: 'koga:100012345', name: '古賀 花子', nameKana: 'コガ ハナコ' };

    it('offers this library’s card and the cities lending here on their home card, labelled', async () => {
      expect(homeSelect()).not.toBeNull();
      expect(h.page.querySelector('.home-city mat-label')?.textContent).toContain('お住まいの市');
      homeSelect()!.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
      await h.stable();
      expect([...document.querySelectorAll('mat-option')].map((o) => o.textContent?.trim())).toEqual(['当館の利用カード', '古賀市立図書館', '旭市図書館']);
    });

    it('takes a koga card that breaks katori’s card rules, finds the registered visitor and lends with the home city', async () => {
      await chooseHome('古賀市立図書館');
      await scanCard('100-012345'); // 9 digits: katori's rules (7 digits) would refuse it
      h.http.expectOne((r) => r.url === `${BASE}/admin/patrons` && r.params.get('q') === 'koga:100012345').flush([visitor]);
      h.http.expectOne(`${BASE}/admin/patrons/${visitor.id}/loans`).flush([]);
      h.http.expectOne(`${BASE}/admin/patrons/${visitor.id}/holds`).flush([]);
      await h.stable();
      await new Promise((r) => setTimeout(r));
      expect(h.page.querySelector('[data-patron]')?.textContent).toContain('古賀 花子');
      expect(homeSelect()!.getAttribute('aria-disabled')).toBe('true'); // not changed mid-visit
      typeInto(item(), '1000009');
      pressEnter(item());
      await h.stable();
      flushCsrf(h.http);
      const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` });
      expect(req.request.body).toEqual({ cardNumber: '100012345', itemBarcode: '1000009', homeCity: 'koga' });
      req.flush(loan('1000009', '坊っちゃん'));
      await h.stable();
      expect(feedback()?.dataset['kind']).toBe('ok');
    });

    it('says a home card not registered here must be registered first, and the next patron is back on this library’s card', async () => {
      await chooseHome('古賀市立図書館');
      await scanCard('100099999');
      h.http.expectOne((r) => r.url === `${BASE}/admin/patrons` && r.params.get('q') === 'koga:100099999').flush([]);
      await h.stable();
      expect(feedback()?.dataset['kind']).toBe('refused');
      expect(feedback()?.textContent).toContain('古賀市立図書館の利用カードで当館に登録された方はいません');
      expect(beeper.refusal).toHaveBeenCalled();
      // a resident after the visitor: katori's own card and card rules again
      await chooseHome('当館の利用カード');
      await confirmPatron();
      typeInto(item(), '1000010');
      pressEnter(item());
      await h.stable();
      flushCsrf(h.http);
      expect(h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` }).request.body).toEqual({ cardNumber: '1234567', itemBarcode: '1000010' });
    });
  });
});

describe('CheckoutPage on the bookmobile (the desk bar’s station)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(CheckoutPage, '/desk/checkout');
    for (const r of h.http.match(`${BASE}/admin/policy`)) r.flush(policyDocument());
    for (const r of h.http.match(`${BASE}/admin/branches`)) r.flush([...BRANCHES, { code: 'bm', name: '移動図書館 かとり号', nameEn: null, askPickupPoint: true, isBookmobile: true, active: true }]);
    for (const r of h.http.match(`${BASE}/admin/pickup-points`)) {
      r.flush([...PICKUP_POINTS, { code: 'bm-01', name: '山田公民館前', nameEn: null, kind: 'bookmobile-station', branchCode: 'bm', timetable: [], active: true }]);
    }
    h.http.expectOne(`${BASE}/admin/agreements`).flush([]);
    await h.stable();
  });

  afterEach(() => h.http.verify());

  it('offers the bus’s stations once the desk stands in the bus, and lends there with the station', async () => {
    const settings = TestBed.inject(DeskSettings);
    expect(h.page.querySelector('mat-select[name="deskStation"]')).toBeNull(); // not a bus: no station
    settings.setBranch('katori', 'bm');
    await h.stable();
    expect(h.page.querySelector('mat-select[name="deskStation"]')).not.toBeNull();
    settings.setStation('katori', 'bm-01');
    await h.stable();

    const card = h.page.querySelector<HTMLInputElement>('input[name=cardNumber]');
    typeInto(card, '1234567');
    pressEnter(card);
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons`).flush([patron]);
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/loans`).flush([]);
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([]);
    await h.stable();
    await new Promise((r) => setTimeout(r));
    const item = h.page.querySelector<HTMLInputElement>('input[name=itemBarcode]');
    typeInto(item, '1000001');
    pressEnter(item);
    await h.stable();
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkouts` });
    expect(req.request.body).toEqual({ cardNumber: '1234567', itemBarcode: '1000001', stationCode: 'bm-01' });
    req.flush({ ...loan('1000001', '吾輩は猫である'), branchCode: 'bm', stationCode: 'bm-01' });
    await h.stable();
  });
});
