import { BASE, flushCsrf, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { Beeper } from '../core/beep';
import { TestBed } from '@angular/core/testing';
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

describe('CheckoutPage (desk check-out for barcode scanners)', () => {
  let h: Harness;
  let beeper: Beeper;

  beforeEach(async () => {
    h = await startLibrarianPage(CheckoutPage, '/desk/checkout');
    flushLibrary(h.http);
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

  async function confirmPatron() {
    await scanCard('123-4567'); // as printed, with a hyphen: normalised by the card rules
    h.http.expectOne((r) => r.url === `${BASE}/admin/patrons` && r.params.get('q') === '1234567').flush([patron]);
    h.http.expectOne(`${BASE}/admin/patrons/${patron.id}/loans`).flush([]);
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
});
