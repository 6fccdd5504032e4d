import { InteractivityChecker } from '@angular/cdk/a11y';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { BASE, flushCsrf, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import { IllIncomingPage } from './ill-incoming-page';

const incoming = (over: object = {}) => ({
  id: 'q1',
  number: 'ILL-000007',
  status: 'requested',
  borrowerCity: { slug: 'koga', name: '古賀市立図書館' },
  recordId: 'rec1',
  title: '利根川図志',
  itemBarcode: null,
  patronName: null,
  note: '3月末までに必要',
  declineReason: null,
  dueDate: null,
  courier: null,
  nextCourier: { departs: '2026-05-12', arrives: '2026-05-13' },
  createdAt: '2026-05-10T10:00:00+09:00',
  ...over,
});

describe('IllIncomingPage (相互貸借 依頼（貸出）)', () => {
  let h: Harness;
  const list = (items: object[]) => h.http.expectOne((r) => r.method === 'GET' && r.url === `${BASE}/admin/ill/incoming`).flush({ total: items.length, page: 1, size: 200, items });
  const row = () => h.page.querySelector<HTMLElement>('tr[data-request="ILL-000007"]')!;
  const button = (label: string) => row().querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;

  beforeEach(async () => {
    h = await startLibrarianPage(IllIncomingPage, '/ill/incoming', [], [
      // the confirmation dialog closes at once (jsdom runs no CSS transitions) and may focus its buttons (jsdom has no layout)
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: InteractivityChecker, useValue: { isFocusable: () => true, isTabbable: () => true, isVisible: () => true, isDisabled: (e: HTMLElement) => e.hasAttribute('disabled') } },
    ]);
  });
  afterEach(() => {
    h.http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  it('shows the requesting city and its number, the next courier, and no patron', async () => {
    list([incoming()]);
    await h.stable();
    expect(row().textContent).toContain('古賀市立図書館');
    expect(row().textContent).toContain('ILL-000007');
    expect(row().textContent).toContain('3月末までに必要');
    expect(row().textContent).toContain('2026年5月13日');
    expect(row().querySelector('[data-status]')?.textContent).toContain('依頼中');
    expect(row().textContent).not.toContain('利用者：');
    expect(h.page.textContent).not.toContain('koga');
  });

  it('accepts with the scanned barcode of the copy, then sends it on the courier', async () => {
    list([incoming()]);
    await h.stable();
    typeInto(row().querySelector('input[name=itemBarcode]'), 'K-0001');
    button('受付（ILL-000007「利根川図志」）').click();
    await h.stable();
    flushCsrf(h.http);
    const accept = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/incoming/q1/accept` });
    expect(accept.request.body).toEqual({ itemBarcode: 'K-0001' });
    accept.flush(incoming({ status: 'accepted', itemBarcode: 'K-0001' }));
    list([incoming({ status: 'accepted', itemBarcode: 'K-0001' })]);
    await h.stable();
    expect(h.page.querySelector('[role=status]')?.textContent).toContain('ILL-000007「利根川図志」：受付済にしました。');

    button('発送（ILL-000007「利根川図志」）').click();
    await h.stable();
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/incoming/q1/send` }).flush(incoming({ status: 'in-transit', itemBarcode: 'K-0001' }));
    list([incoming({ status: 'in-transit', itemBarcode: 'K-0001', courier: { departs: '2026-05-12', arrives: '2026-05-13' } })]);
    await h.stable();
    expect(row().querySelector('[data-status]')?.textContent).toContain('輸送中');
  });

  it('declines with a reason, and asks for one when it is empty', async () => {
    list([incoming()]);
    await h.stable();
    button('謝絶（ILL-000007「利根川図志」）').click();
    await h.stable();
    expect(h.page.querySelector('[data-failure]')?.textContent).toContain('謝絶の理由を入力してください。');
    typeInto(row().querySelector('input[name=reason]'), '貸出禁止資料のため');
    button('謝絶（ILL-000007「利根川図志」）').click();
    await h.stable();
    flushCsrf(h.http);
    const decline = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/incoming/q1/decline` });
    expect(decline.request.body).toEqual({ reason: '貸出禁止資料のため' });
    decline.flush(incoming({ status: 'declined', declineReason: '貸出禁止資料のため' }));
    list([incoming({ status: 'declined', declineReason: '貸出禁止資料のため' })]);
    await h.stable();
    expect(row().querySelector('[data-status]')?.textContent).toContain('謝絶');
    expect(row().textContent).toContain('謝絶理由：貸出禁止資料のため');
  });

  it('a copy on its way home is received back', async () => {
    list([incoming({ status: 'in-transit-home', itemBarcode: 'K-0001', courier: { departs: '2026-06-01', arrives: '2026-06-02' } })]);
    await h.stable();
    button('返送を受け取った（ILL-000007「利根川図志」）').click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/incoming/q1/check-in` }).flush(incoming({ status: 'back-on-shelf' }));
    list([incoming({ status: 'back-on-shelf' })]);
    await h.stable();
    expect(row().querySelector('[data-status]')?.textContent).toContain('完了');
  });

  it('紛失 of a copy away from home asks for confirmation, then marks it lost', async () => {
    list([incoming({ status: 'on-loan', itemBarcode: 'K-0001', dueDate: '2026-06-03', nextCourier: null })]);
    await h.stable();
    const lost = button('紛失（ILL-000007「利根川図志」）');
    lost.click();
    await h.stable();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container')!;
    expect(dialog.querySelector('h2')?.textContent).toContain('「利根川図志」を紛失にしますか？');
    [...dialog.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === '紛失にする')!.click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/incoming/q1/lost` }).flush(incoming({ status: 'lost' }));
    list([incoming({ status: 'lost' })]);
    await h.stable();
    expect(row().querySelector('[data-status]')?.textContent).toContain('紛失');
    expect(row().querySelector('button.lost')).toBeNull();
  });

  it('offers no 紛失 for a request not yet sent', async () => {
    list([incoming()]);
    await h.stable();
    expect(row().querySelector('button.lost')).toBeNull();
  });
});
