import { BASE, flushCsrf, flushLibrary, Harness, pressEnter, startLibrarianPage, typeInto } from '../../testing/librarian';
import { TestBed } from '@angular/core/testing';
import { CheckinPage } from './checkin-page';
import { DeskSettings } from './desk-settings';

describe('CheckinPage (desk check-in)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(CheckinPage, '/desk/checkin');
    TestBed.inject(DeskSettings).setBranch('katori', 'omigawa'); // this desk stands in Omigawa
    flushLibrary(h.http);
    await h.stable();
  });

  afterEach(() => h.http.verify());

  const item = () => h.page.querySelector<HTMLInputElement>('input[name=itemBarcode]');
  const feedback = () => h.page.querySelector<HTMLElement>('[data-feedback]');

  async function scan(barcode: string) {
    typeInto(item(), barcode);
    pressEnter(item());
    await h.stable();
    flushCsrf(h.http);
    return h.http.expectOne({ method: 'POST', url: `${BASE}/desk/checkins` });
  }

  it('keeps the focus in the item field', async () => {
    await new Promise((r) => setTimeout(r));
    expect(document.activeElement).toBe(item());
  });

  it('Enter returns the copy and says whose it was', async () => {
    const req = await scan('1000001');
    expect(req.request.body.itemBarcode).toBe('1000001');
    req.flush({
      loan: {
        id: 'l1',
        itemBarcode: '1000001',
        title: '坊っちゃん',
        volume: null,
        patron: { id: 'p1', cardNumber: '1234567', name: '香取 太郎' },
        loanDate: '2026-05-01',
        dueDate: '2026-05-15',
        overdue: true,
      },
      item: { barcode: '1000001', status: 'on-shelf', branchCode: 'sawara' },
    });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('ok');
    expect(feedback()?.textContent).toContain('返却しました');
    expect(feedback()?.textContent).toContain('香取 太郎');
    expect(feedback()?.textContent).toContain('返却期限（2026年5月15日(金)）を過ぎていました。');
    expect(item()!.value).toBe('');
    expect(document.activeElement).toBe(item());
  });

  it('a copy a hold was waiting for turns amber and shows the slip: patron, pickup point, last day', async () => {
    const req = await scan('1000003');
    req.flush({
      trappedHold: {
        holdId: 'h1',
        pickupPointCode: 'sawara-counter',
        pickupPointName: '佐原中央図書館 窓口',
        pickupBranchCode: 'sawara',
        status: 'ready',
        patron: { cardNumber: '7654321', name: '小見川 花子' },
        title: '銀河鉄道の夜',
        itemBarcode: '1000003',
        lastDay: '2026-05-20',
      },
      item: { barcode: '1000003', status: 'on-hold-shelf', branchCode: 'sawara' },
    });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('hold');
    expect(feedback()?.textContent).toContain('予約資料です：予約棚へ');
    const slip = h.page.querySelector('[data-slip]')!;
    expect(slip.textContent).toContain('小見川 花子 様');
    expect(slip.textContent).toContain('銀河鉄道の夜');
    expect(slip.textContent).toContain('佐原中央図書館 窓口');
    expect(slip.textContent).toContain('2026年5月20日');
    expect(document.activeElement).toBe(item());
  });

  it('sends the desk’s branch, so a copy for another branch goes in transit', async () => {
    const req = await scan('1000004');
    expect(req.request.body).toEqual({ itemBarcode: '1000004', branchCode: 'omigawa' });
    req.flush({
      trappedHold: {
        holdId: 'h2',
        pickupPointCode: 'sawara-counter',
        pickupPointName: '佐原中央図書館 窓口',
        pickupBranchCode: 'sawara',
        status: 'in-transit',
        patron: { cardNumber: '7654321', name: '小見川 花子' },
        title: '注文の多い料理店',
        itemBarcode: '1000004',
      },
      item: { barcode: '1000004', status: 'in-transit', branchCode: 'sawara' },
    });
    await h.stable();
    expect(feedback()?.textContent).toContain('予約資料です：回送してください');
    expect(feedback()?.textContent).toContain('回送先：佐原中央図書館');
    expect(h.page.querySelector('[data-slip]')?.textContent).toContain('回送先');
  });

  it('shows a refusal with the API’s message and keeps the focus', async () => {
    const req = await scan('9999');
    req.flush(
      { code: 'ITEM_NOT_FOUND', message: { ja: 'その資料番号（バーコード）の所蔵はありません。', en: 'No copy with this barcode.' } },
      { status: 404, statusText: 'Not Found' },
    );
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.textContent).toContain('その資料番号（バーコード）の所蔵はありません。');
    expect(h.page.querySelector('[data-slip]')).toBeNull();
    expect(document.activeElement).toBe(item());
  });
});
