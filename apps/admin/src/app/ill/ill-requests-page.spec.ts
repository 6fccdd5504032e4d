import { InteractivityChecker } from '@angular/cdk/a11y';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { BASE, flushCsrf, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { IllRequestsPage } from './ill-requests-page';

const request = (over: object = {}) => ({
  id: 'r1',
  number: 'ILL-000001',
  status: 'in-transit',
  lenderCity: { slug: 'koga', name: '古賀市立図書館' },
  recordId: 'rec1',
  title: '利根川図志',
  itemBarcode: 'K-0001',
  patron: { id: 'p1', cardNumber: '1234567', name: '香取 太郎' },
  note: null,
  declineReason: null,
  dueDate: null,
  renewals: 0,
  courier: { departs: '2026-05-12', arrives: '2026-05-13' },
  createdAt: '2026-05-10T10:00:00+09:00',
  ...over,
});

describe('IllRequestsPage (相互貸借 依頼（借受）)', () => {
  let h: Harness;

  const list = (items: object[]) => h.http.expectOne((r) => r.method === 'GET' && r.url === `${BASE}/admin/ill/requests`).flush({ total: items.length, page: 1, size: 200, items });

  beforeEach(async () => {
    h = await startLibrarianPage(IllRequestsPage, '/ill/requests', [], [
      // the confirmation dialog closes at once (jsdom runs no CSS transitions) and may focus its buttons (jsdom has no layout)
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: InteractivityChecker, useValue: { isFocusable: () => true, isTabbable: () => true, isVisible: () => true, isDisabled: (e: HTMLElement) => e.hasAttribute('disabled') } },
    ]);
  });

  afterEach(() => {
    h.http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  async function open(items: object[], regions: object[] = [{ code: 'chiba', name: '千葉県', nameEn: null }]) {
    list(items);
    h.http.expectOne(`${BASE}/regions`).flush(regions);
    flushLibrary(h.http);
    await h.stable();
  }

  const row = (n: string) => h.page.querySelector<HTMLElement>(`tr[data-request="${n}"]`);

  it('lists requests with the status in words, the lending city’s name and the expected arrival, never a city code', async () => {
    await open([request(), request({ id: 'r2', number: 'ILL-000002', status: 'declined', courier: null, declineReason: '貸出禁止資料のため' })]);
    const first = row('ILL-000001')!;
    expect(first.querySelector('[data-status]')?.textContent).toContain('輸送中');
    expect(first.textContent).toContain('古賀市立図書館');
    expect(first.querySelector('[data-arrival]')?.textContent).toContain('2026年5月13日');
    const second = row('ILL-000002')!;
    expect(second.querySelector('[data-status]')?.textContent).toContain('謝絶');
    expect(second.textContent).toContain('謝絶理由：貸出禁止資料のため');
    expect(h.page.textContent).not.toContain('koga');
  });

  it('an unknown courier day reads 未定', async () => {
    await open([request({ status: 'requested', courier: null })]);
    expect(row('ILL-000001')!.querySelector('[data-arrival]')?.textContent?.trim()).toBe('未定');
  });

  it('finds the title in the region (other cities only), requests it for the patron and says so', async () => {
    await open([]);
    typeInto(h.page.querySelector('input[name=cardNumber]'), '1234567');
    typeInto(h.page.querySelector('input[name=regionalQuery]'), '利根川');
    h.page.querySelector<HTMLFormElement>('form[role=search]')!.dispatchEvent(new Event('submit'));
    await h.stable();
    const search = h.http.expectOne((r) => r.url === '/api/r/chiba/search');
    expect(search.request.params.get('q')).toBe('利根川');
    search.flush({
      works: [
        {
          key: 'w1',
          title: '利根川図志',
          authors: [{ name: '赤松 宗旦' }],
          year: 1858,
          publisher: null,
          volume: null,
          holdings: [
            { city: 'katori', cityName: '香取市立図書館', recordId: 'own', copies: 1, available: 1, onLoan: 0, status: 'available' },
            { city: 'koga', cityName: '古賀市立図書館', recordId: 'rec9', copies: 2, available: 1, onLoan: 1, status: 'available' },
          ],
        },
      ],
    });
    await h.stable();
    const buttons = [...h.page.querySelectorAll<HTMLButtonElement>('.holdings button')];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['古賀市立図書館に依頼する']); // not this city's own copy
    buttons[0].click();
    await h.stable();
    expect(h.page.querySelector('[data-picked]')?.textContent).toContain('依頼先：古賀市立図書館「利根川図志」');

    [...h.page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === '依頼する')!.click();
    await h.stable();
    flushCsrf(h.http);
    const made = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests` });
    expect(made.request.body).toEqual({ lenderCity: 'koga', recordId: 'rec9', cardNumber: '1234567', pickupBranchCode: 'sawara' });
    made.flush(request({ status: 'requested' }));
    list([request({ status: 'requested' })]);
    await h.stable();
    expect(h.page.querySelector('[role=status]')?.textContent).toContain('ILL-000001：古賀市立図書館へ「利根川図志」を依頼しました。');
  });

  it('a request without a chosen city is not sent', async () => {
    await open([]);
    typeInto(h.page.querySelector('input[name=cardNumber]'), '1234567');
    [...h.page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === '依頼する')!.click();
    await h.stable();
    expect(h.page.querySelector('[data-failure]')?.textContent).toContain('検索結果から依頼先の市を選んでください。');
  });

  it('a city outside every region is told it cannot request', async () => {
    await open([], []);
    expect(h.page.textContent).toContain('この図書館はまだ地域に加盟していないため');
    expect(h.page.querySelector('input[name=cardNumber]')).toBeNull();
  });

  it('a scan records the arrival; the row’s button then lends', async () => {
    await open([request()]);
    const scan = h.page.querySelector<HTMLInputElement>('input[name=arrivalBarcode]');
    typeInto(scan, 'K-0001');
    pressEnter(scan);
    await h.stable();
    flushCsrf(h.http);
    const c = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/checkins` });
    expect(c.request.body).toEqual({ itemBarcode: 'K-0001' });
    c.flush({ action: 'arrived', request: { number: 'ILL-000001', title: '利根川図志', status: 'arrived' } });
    list([request({ status: 'arrived' })]);
    await h.stable();
    expect(h.page.querySelector('[role=status]')?.textContent).toContain('ILL-000001「利根川図志」：到着');

    const lend = row('ILL-000001')!.querySelector<HTMLButtonElement>('button')!;
    expect(lend.getAttribute('aria-label')).toBe('貸出（ILL-000001「利根川図志」）');
    lend.click();
    await h.stable();
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests/r1/lend` }).flush(request({ status: 'on-loan', dueDate: '2026-06-03' }));
    list([request({ status: 'on-loan', dueDate: '2026-06-03' })]);
    await h.stable();
    expect(row('ILL-000001')!.querySelector('[data-status]')?.textContent).toContain('貸出中');
  });

  it('a refused renewal shows the API’s words', async () => {
    await open([request({ status: 'on-loan', dueDate: '2026-06-03' })]);
    const buttons = [...row('ILL-000001')!.querySelectorAll<HTMLButtonElement>('button')];
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['返却', '延長', '紛失']);
    buttons[1].click();
    await h.stable();
    flushCsrf(h.http);
    h.http
      .expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests/r1/renew` })
      .flush(
        { code: 'ILL_NOT_RENEWABLE', message: { ja: '他市から借り受けた資料は延長できません。', en: 'Not renewable.' } },
        { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
      );
    await h.stable();
    expect(h.page.querySelector('[data-failure]')?.textContent).toContain('他市から借り受けた資料は延長できません。');
  });

  const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
  const buttonIn = (root: HTMLElement, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)!;

  it('a patron’s ask is forwarded to the lending city, with the patron’s note shown', async () => {
    await open([request({ status: 'asked', courier: null, itemBarcode: null, note: '夏休みに読みたい' })]);
    const r = row('ILL-000001')!;
    expect(r.querySelector('[data-status]')?.textContent).toContain('利用者申込（確認待ち）');
    expect(r.textContent).toContain('利用者からの連絡：夏休みに読みたい');
    const forward = buttonIn(r, '貸出館へ依頼');
    expect(forward.getAttribute('aria-label')).toBe('貸出館へ依頼（ILL-000001「利根川図志」）');
    expect(buttonIn(r, '紛失')).toBeUndefined();
    forward.click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests/r1/forward` }).flush(request({ status: 'requested', courier: null }));
    list([request({ status: 'requested', courier: null })]);
    await h.stable();
    expect(h.page.querySelector('[role=status]')?.textContent).toContain('ILL-000001「利根川図志」：依頼中にしました。');
  });

  it('a patron’s ask is declined only with a reason, which is sent', async () => {
    await open([request({ status: 'asked', courier: null, itemBarcode: null })]);
    const decline = () => buttonIn(row('ILL-000001')!, '謝絶');
    decline().click();
    await h.stable();
    expect(h.page.querySelector('[data-failure]')?.textContent).toContain('謝絶の理由を入力してください。');
    typeInto(row('ILL-000001')!.querySelector<HTMLInputElement>('input[name=reason]'), '県立図書館から借りられます');
    await h.stable();
    decline().click();
    await h.stable();
    flushCsrf(h.http);
    const call = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests/r1/decline` });
    expect(call.request.body).toEqual({ reason: '県立図書館から借りられます' });
    call.flush(request({ status: 'declined', declineReason: '県立図書館から借りられます' }));
    list([request({ status: 'declined', declineReason: '県立図書館から借りられます', courier: null })]);
    await h.stable();
    expect(row('ILL-000001')!.textContent).toContain('謝絶理由：県立図書館から借りられます');
  });

  it('紛失 asks for confirmation first: cancelling sends nothing, confirming marks the request lost', async () => {
    await open([request({ status: 'on-loan', dueDate: '2026-06-03' })]);
    const lost = buttonIn(row('ILL-000001')!, '紛失');
    expect(lost.getAttribute('aria-label')).toBe('紛失（ILL-000001「利根川図志」）');
    lost.click();
    await h.stable();
    expect(dialog()!.querySelector('h2')?.textContent).toContain('「利根川図志」を紛失にしますか？');
    expect(dialog()!.textContent).toContain('ILL-000001');
    buttonIn(dialog()!, 'キャンセル').click();
    await h.stable();
    expect(dialog()).toBeNull();
    h.http.expectNone(`${BASE}/admin/ill/requests/r1/lost`);

    buttonIn(row('ILL-000001')!, '紛失').click();
    await h.stable();
    buttonIn(dialog()!, '紛失にする').click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/requests/r1/lost` }).flush(request({ status: 'lost' }));
    list([request({ status: 'lost' })]);
    await h.stable();
    expect(row('ILL-000001')!.querySelector('[data-status]')?.textContent).toContain('紛失');
    expect(buttonIn(row('ILL-000001')!, '紛失')).toBeUndefined();
  });
});
