import { TestBed } from '@angular/core/testing';
import { BASE, flushCsrf, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { DeskSettings } from './desk-settings';
import { RenewalPage } from './renewal-page';
import { TransitPage } from './transit-page';

describe('desk: transit receipt and counter renewal', () => {
  let h: Harness;
  afterEach(() => h.http.verify());
  const item = () => h.page.querySelector<HTMLInputElement>('input[name=itemBarcode]');
  const feedback = () => h.page.querySelector<HTMLElement>('[data-feedback]');

  it('transit receipt needs this desk’s branch, then makes the hold ready with a slip', async () => {
    h = await startLibrarianPage(TransitPage, '/desk/transits');
    flushLibrary(h.http);
    await h.stable();
    typeInto(item(), '1000004');
    pressEnter(item());
    await h.stable();
    expect(feedback()?.textContent).toContain('受け取った館を選んでください。');

    TestBed.inject(DeskSettings).setBranch('katori', 'sawara');
    await h.stable();
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/transits/receive` });
    expect(req.request.body).toEqual({ itemBarcode: '1000004', branchCode: 'sawara' });
    req.flush({
      trappedHold: {
        holdId: 'h2',
        pickupPointCode: 'sawara-counter',
        pickupPointName: '佐原中央図書館 窓口',
        pickupBranchCode: 'sawara',
        status: 'ready',
        patron: { cardNumber: '7654321', name: '小見川 花子' },
        title: '注文の多い料理店',
        itemBarcode: '1000004',
        lastDay: '2026-05-20',
      },
      item: { barcode: '1000004', status: 'on-hold-shelf' },
    });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('hold');
    expect(h.page.querySelector('[data-slip]')?.textContent).toContain('小見川 花子 様');
    expect(document.activeElement).toBe(item());
  });

  it('counter renewal shows the new due date, or the policy’s refusal in words', async () => {
    h = await startLibrarianPage(RenewalPage, '/desk/renewals');
    flushLibrary(h.http);
    await h.stable();
    typeInto(item(), '1000001');
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    const ok = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/renewals` });
    expect(ok.request.body).toEqual({ itemBarcode: '1000001', channel: 'counter' });
    ok.flush({ id: 'l1', itemBarcode: '1000001', title: '坊っちゃん', dueDate: '2026-05-29' });
    await h.stable();
    expect(feedback()?.textContent).toContain('新しい返却期限 2026年5月29日');

    typeInto(item(), '1000002');
    pressEnter(item());
    await h.stable();
    h.http
      .expectOne({ method: 'POST', url: `${BASE}/desk/renewals` })
      .flush({ code: 'ITEM_HAS_HOLDS', message: { ja: '他の方の予約があるため延長できません。', en: 'Reserved by another patron.' } }, { status: 409, statusText: 'Conflict' });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.textContent).toContain('他の方の予約があるため延長できません。');
    expect(document.activeElement).toBe(item());
  });
});
