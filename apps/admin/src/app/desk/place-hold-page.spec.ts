import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { of } from 'rxjs';
import { BASE, flushCsrf, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { Beeper } from '../core/beep';
import { I18n } from '../core/i18n';
import { DeskSettings } from './desk-settings';
import { PlaceHoldPage } from './place-hold-page';

const patron = {
  id: '11111111-1111-4111-8111-111111111111',
  cardNumber: '1234567',
  name: '香取 花子',
  nameKana: 'カトリ ハナコ',
  category: 'general',
  expiresAt: null,
  status: 'active',
  mustChangePassword: false,
  hasPassword: true,
  lastLoginAt: null,
  birthDate: null,
  phone: null,
  email: 'hanako@example.jp',
  // the API's patron view: the pickup point of the patron's latest hold (風の又三郎 below)
  lastPickupPointCode: 'omigawa-counter',
};

const hold = (over: Record<string, unknown> = {}) => ({
  id: 'h1',
  recordId: 'r9',
  title: '風の又三郎',
  volume: null,
  status: 'waiting',
  statusLabel: { ja: '予約中', en: 'Waiting' },
  queuePosition: 2,
  pickupPointCode: 'omigawa-counter',
  pickupPointName: '小見川図書館 窓口',
  contact: 'email',
  placedVia: 'counter',
  placedAt: '2026-05-01T10:00:00+09:00',
  placedBy: 'staff',
  placedByStaff: 'tanaka',
  limitOverride: false,
  note: '電話で受付',
  ...over,
});

const hit = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  titleReading: null,
  volume: null,
  authors: [{ name: '宮沢 賢治' }],
  publisher: '岩波書店',
  year: 1989,
  isbn: null,
  controlNumber: null,
  materialType: 'book',
  withdrawnAt: null,
  updatedAt: '2026-04-01T00:00:00Z',
  copies: { total: 2, available: 0 },
  ...extra,
});

const placed = (over: Record<string, unknown> = {}) => ({
  id: 'h2',
  recordId: 'r1',
  title: '銀河鉄道の夜',
  volume: null,
  status: 'waiting',
  queuePosition: 3,
  pickupPointCode: 'omigawa-counter',
  pickupPointName: '小見川図書館 窓口',
  contact: 'email',
  placedVia: 'counter',
  placedBy: 'staff',
  patron: { id: patron.id, cardNumber: patron.cardNumber, name: patron.name },
  limitOverridden: false,
  note: null,
  noticeQueued: false,
  ...over,
});

const HOLD_LIMIT = {
  code: 'HOLD_LIMIT',
  message: { ja: '予約できる件数の上限に達しています。', en: 'You have reached the maximum number of holds.' },
  limit: 10,
};

describe('PlaceHoldPage (予約受付 at the desk)', () => {
  let h: Harness;
  let beeper: Beeper;
  let dialog: { open: jest.Mock; openDialogs: unknown[] };

  beforeEach(async () => {
    dialog = { open: jest.fn(() => ({ afterClosed: () => of('利用者から電話で取消') })), openDialogs: [] };
    h = await startLibrarianPage(PlaceHoldPage, '/desk/holds', [], [{ provide: MatDialog, useValue: dialog }]);
    flushLibrary(h.http);
    await h.stable();
    beeper = TestBed.inject(Beeper);
    jest.spyOn(beeper, 'success');
    jest.spyOn(beeper, 'refusal');
  });

  afterEach(() => h.http.verify());

  const card = () => h.page.querySelector<HTMLInputElement>('input[name=cardNumber]');
  const record = () => h.page.querySelector<HTMLInputElement>('input[name=recordQuery]');
  const feedback = () => h.page.querySelector<HTMLElement>('[data-feedback]');
  const submitButton = () => h.page.querySelector<HTMLButtonElement>('[data-submit]');
  const overrideButton = () => h.page.querySelector<HTMLButtonElement>('[data-override] button');
  const tick = () => new Promise((r) => setTimeout(r));

  async function confirmPatron(holds: unknown[] = [hold()], over: Record<string, unknown> = {}) {
    typeInto(card(), '123-4567'); // as printed: normalised by the card rules
    pressEnter(card());
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons` && r.params.get('q') === '1234567').flush([{ ...patron, ...over }]);
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush(holds);
    await h.stable();
    await tick(); // the focus moves once the record field is shown
  }

  async function search(q: string, hits: unknown[], total = hits.length) {
    typeInto(record(), q);
    pressEnter(record());
    await h.stable();
    const req = h.http.expectOne((r) => r.url === `${BASE}/admin/records`);
    expect(req.request.params.get('q')).toBe(q);
    req.flush({ total, page: 1, size: 10, hits });
    await h.stable();
    await tick();
    await h.stable();
  }

  async function submit() {
    submitButton()!.click();
    await h.stable();
    flushCsrf(h.http);
    return h.http.expectOne({ method: 'POST', url: `${BASE}/desk/holds` });
  }

  it('starts with the focus in the card field', async () => {
    await tick();
    expect(document.activeElement).toBe(card());
  });

  it('confirms the patron by card, lists their holds with who took them and a cancel button, and moves the focus to the record field', async () => {
    await confirmPatron();
    expect(h.page.querySelector('[data-patron]')?.textContent).toContain('香取 花子');
    const row = h.page.querySelector('[data-holds] tbody tr')!;
    expect(row.textContent).toContain('風の又三郎');
    expect(row.textContent).toContain('電話で受付');
    expect(row.textContent).toContain('カウンター（tanaka）');
    expect(row.querySelector('button')?.getAttribute('aria-label')).toBe('「風の又三郎」の予約を取り消す');
    expect(h.page.querySelector('[data-holds] caption')?.textContent).toContain('この利用者の現在の予約');
    expect(document.activeElement).toBe(record());
  });

  it('refuses a card number that breaks the card rules before asking the API', async () => {
    typeInto(card(), '12345');
    pressEnter(card());
    await h.stable();
    h.http.expectNone(`${BASE}/admin/patrons`);
    expect(feedback()?.getAttribute('role')).toBe('alert');
    expect(feedback()?.textContent).toContain('利用者カードの番号は7桁です。');
    expect(document.activeElement).toBe(card());
  });

  it('searches by title, announces the hits, takes the chosen record with the patron’s usual pickup point and shows the hold in green', async () => {
    await confirmPatron();
    await search('銀河鉄道', [hit('r1', '銀河鉄道の夜'), hit('r2', '銀河鉄道の夜', { volume: '新版', publisher: '新潮社' })]);
    expect(h.page.querySelector('[data-results-status]')?.textContent).toContain('2 件見つかりました。');
    expect(h.page.querySelector('[data-results-status]')?.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    const choose = h.page.querySelectorAll<HTMLButtonElement>('[data-hits] button');
    expect(choose).toHaveLength(2);
    expect(choose[1].getAttribute('aria-label')).toBe('「銀河鉄道の夜 新版」を選択');
    choose[0].click();
    await h.stable();
    await tick();
    expect(h.page.querySelector('[data-selected]')?.textContent).toContain('予約する資料：「銀河鉄道の夜」');
    // the patron's latest hold was collected at Omigawa: that is the default
    expect(h.page.querySelector('mat-select[name=pickupPoint]')?.textContent).toContain('小見川図書館 窓口');
    // the city's note for that pickup point, to tell the patron, tied to the field
    expect(h.page.querySelector('#desk-pickup-note')?.textContent?.trim()).toBe('受取窓口は2階です。');
    expect(h.page.querySelector('mat-select[name=pickupPoint]')?.getAttribute('aria-describedby')).toContain('desk-pickup-note');
    expect(h.page.querySelector('mat-select[name=contact]')?.textContent).toContain('メール');
    expect(document.activeElement).toBe(submitButton());

    typeInto(h.page.querySelector<HTMLInputElement>('input[name=note]'), ' 電話で受付 ');
    await h.stable();
    const req = await submit();
    expect(req.request.body).toEqual({ patronCard: '1234567', recordId: 'r1', pickupPoint: 'omigawa-counter', contact: 'email', note: '電話で受付' });
    req.flush(placed());
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([placed({ statusLabel: { ja: '予約中', en: 'Waiting' }, placedAt: '2026-05-02T10:00:00+09:00' }), hold()]);
    await h.stable();
    await tick();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.getAttribute('role')).toBe('status');
    expect(feedback()?.textContent).toContain('予約を受け付けました');
    expect(feedback()?.textContent).toContain('「銀河鉄道の夜」 受取場所：小見川図書館 窓口');
    expect(feedback()?.textContent).toContain('予約順位 3 番');
    expect(h.page.querySelectorAll('[data-holds] tbody tr')).toHaveLength(2);
    expect(h.page.querySelector('[data-selected]')).toBeNull();
    expect(record()!.value).toBe('');
    expect(document.activeElement).toBe(record());
    expect(beeper.success).toHaveBeenCalled();
  });

  it('a scanned copy barcode finds one record, chosen at once; without earlier holds the pickup is this desk’s counter', async () => {
    TestBed.inject(DeskSettings).setBranch('katori', 'omigawa');
    await h.stable();
    await confirmPatron([], { lastPickupPointCode: null });
    expect(h.page.querySelector('[data-holds]')).toBeNull();
    expect(h.page.textContent).toContain('予約はありません。');
    await search('1000123', [hit('r5', '注文の多い料理店')]);
    expect(h.page.querySelector('[data-hits]')).toBeNull();
    expect(h.page.querySelector('[data-selected]')?.textContent).toContain('注文の多い料理店');
    expect(h.page.querySelector('mat-select[name=pickupPoint]')?.textContent).toContain('小見川図書館 窓口');
    // the city's note for that pickup point, to tell the patron, tied to the field
    expect(h.page.querySelector('#desk-pickup-note')?.textContent?.trim()).toBe('受取窓口は2階です。');
    expect(h.page.querySelector('mat-select[name=pickupPoint]')?.getAttribute('aria-describedby')).toContain('desk-pickup-note');
    expect(document.activeElement).toBe(submitButton());
    const req = await submit();
    expect(req.request.body).toMatchObject({ recordId: 'r5', pickupPoint: 'omigawa-counter' });
    req.flush(placed({ title: '注文の多い料理店', queuePosition: null, noticeQueued: true }));
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([]);
    await h.stable();
    expect(feedback()?.textContent).toContain('予約受付メールを送ります。');
    expect(feedback()?.textContent).not.toContain('予約順位');
  });

  it('on the hold limit shows the policy’s reason and an explicit override, focused; the override sends override: true', async () => {
    await confirmPatron();
    await search('9784000000001', [hit('r1', '銀河鉄道の夜')]);
    let req = await submit();
    req.flush(HOLD_LIMIT, { status: 409, statusText: 'Conflict' });
    await h.stable();
    await tick();
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.getAttribute('role')).toBe('alert');
    expect(feedback()?.textContent).toContain('予約を受け付けられません');
    expect(feedback()?.textContent).toContain('予約できる件数の上限に達しています。');
    expect(beeper.refusal).toHaveBeenCalled();
    expect(overrideButton()?.textContent).toContain('上限を超えて受け付ける');
    expect(document.activeElement).toBe(overrideButton());

    // the same refusal in English when the librarian switches the language
    TestBed.inject(I18n).setLang('en');
    await h.stable();
    expect(feedback()?.textContent).toContain('You have reached the maximum number of holds.');
    expect(overrideButton()?.textContent).toContain('Accept beyond the limit');
    TestBed.inject(I18n).setLang('ja');
    await h.stable();

    overrideButton()!.click();
    await h.stable();
    req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/holds` });
    expect(req.request.body).toEqual({ patronCard: '1234567', recordId: 'r1', pickupPoint: 'omigawa-counter', contact: 'email', override: true });
    req.flush(placed({ limitOverridden: true }));
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([]);
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.textContent).toContain('予約件数の上限を超えて受け付けました');
    expect(overrideButton()).toBeNull();
  });

  const chosenPickup = () => h.page.querySelector('mat-select[name=pickupPoint]')?.textContent?.trim();

  it('starts at the pickup point the API says the patron last used (libs/policy defaultPickupPoint), not the one the holds list shows', async () => {
    // the list's latest hold is at Omigawa, but the API's lastPickupPointCode (all the patron's holds) is Sawara
    TestBed.inject(DeskSettings).setBranch('katori', 'omigawa');
    await h.stable();
    await confirmPatron([hold()], { lastPickupPointCode: 'sawara-counter' });
    await search('1000123', [hit('r5', '注文の多い料理店')]);
    expect(chosenPickup()).toBe('佐原中央図書館 窓口');
    const req = await submit();
    expect(req.request.body).toMatchObject({ recordId: 'r5', pickupPoint: 'sawara-counter' });
    req.flush(placed({ title: '注文の多い料理店', pickupPointCode: 'sawara-counter', pickupPointName: '佐原中央図書館 窓口' }));
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([]);
    await h.stable();
  });

  it('passes over a last used point no longer offered: this desk’s counter; with no desk set, the first branch’s counter', async () => {
    await confirmPatron([], { lastPickupPointCode: 'closed-counter' });
    await search('1000123', [hit('r5', '注文の多い料理店')]);
    expect(chosenPickup()).toBe('佐原中央図書館 窓口');
    TestBed.inject(DeskSettings).setBranch('katori', 'omigawa');
    await h.stable();
    expect(chosenPickup()).toBe('小見川図書館 窓口');
  });

  it('after a hold the next one starts at that hold’s pickup point', async () => {
    await confirmPatron([], { lastPickupPointCode: null });
    await search('1000123', [hit('r5', '注文の多い料理店')]);
    expect(chosenPickup()).toBe('佐原中央図書館 窓口');
    const req = await submit();
    req.flush(placed({ title: '注文の多い料理店' })); // placed at Omigawa (another librarian's choice, say)
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([]);
    await h.stable();
    await search('1000124', [hit('r6', '風の又三郎')]);
    expect(chosenPickup()).toBe('小見川図書館 窓口');
  });

  it('other refusals (禁帯出) are shown without an override, and the focus returns to the record field', async () => {
    await confirmPatron();
    await search('日本国語大辞典', [hit('r7', '日本国語大辞典 第一巻')]);
    const req = await submit();
    req.flush(
      { code: 'NOT_RESERVABLE', reason: 'NO_LOANABLE_COPY', message: { ja: 'この資料は予約できません。', en: 'This item cannot be reserved.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.stable();
    await tick();
    expect(feedback()?.textContent).toContain('この資料は予約できません。');
    expect(feedback()?.textContent).toContain('日本国語大辞典 第一巻');
    expect(overrideButton()).toBeNull();
    expect(document.activeElement).toBe(record());
  });

  it('cancels one of the patron’s holds with a reason, then reloads the list', async () => {
    await confirmPatron();
    h.page.querySelector<HTMLButtonElement>('[data-holds] tbody tr button')!.click();
    await h.stable();
    expect(dialog.open).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ data: { title: '風の又三郎' } }));
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/holds/h1/cancel` });
    expect(req.request.body).toEqual({ reason: '利用者から電話で取消' });
    req.flush(hold({ status: 'cancelled' }));
    await h.stable();
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/holds`).flush([hold({ status: 'cancelled', statusLabel: { ja: '取消', en: 'Cancelled' } })]);
    await h.stable();
    expect(feedback()?.textContent).toContain('予約を取り消しました');
    expect(h.page.querySelector('[data-holds] tbody tr button')).toBeNull(); // nothing left to cancel
  });

  it('Esc starts over with the next patron', async () => {
    await confirmPatron();
    h.page.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await h.stable();
    await tick();
    expect(h.page.querySelector('[data-patron]')).toBeNull();
    expect(record()).toBeNull();
    expect(card()!.value).toBe('');
    expect(document.activeElement).toBe(card());
  });
});
