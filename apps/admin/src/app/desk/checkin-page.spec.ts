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

  it('a copy that was not on loan (scanned twice) says so in the API’s words', async () => {
    const req = await scan('1000002');
    req.flush({
      item: { barcode: '1000002', status: 'on-shelf', branchCode: 'sawara' },
      notice: { code: 'ALREADY_CHECKED_IN', message: { ja: 'この資料は貸出中ではありません（返却処理済みです）。', en: 'This item is not on loan: it is already checked in.' } },
    });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('info');
    expect(feedback()?.textContent).toContain('返却処理済みです');
    expect(h.page.textContent).toContain('この資料は貸出中ではありません');
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

  it('a copy trapped to the hold locker room: the slip names the shelf to put it on (予約取置室)', async () => {
    const req = await scan('1000009');
    req.flush({
      trappedHold: {
        holdId: 'h9',
        pickupPointCode: 'central-locker',
        pickupPointName: '中央図書館 予約取置室',
        pickupBranchCode: 'sawara',
        status: 'ready',
        patron: { cardNumber: '7654321', name: '小見川 花子' },
        title: '挽歌',
        itemBarcode: '1000009',
        lastDay: '2026-05-20',
        shelfNumber: 12,
      },
      item: { barcode: '1000009', status: 'on-hold-shelf', branchCode: 'sawara' },
    });
    await h.stable();
    expect(h.page.querySelector('[data-slip] .shelf-number')!.textContent).toContain('取置室の棚 12');
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

  const NOT_FOUND = { code: 'ITEM_NOT_FOUND', message: { ja: 'その資料番号（バーコード）の所蔵はありません。', en: 'No copy with this barcode.' } };

  /** The desk answers "no such copy"; the page then asks whether it is another city's (相互貸借, return anywhere). */
  async function unknownHere(barcode: string) {
    (await scan(barcode)).flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await h.stable();
    const ill = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/ill/checkins` });
    expect(ill.request.body).toEqual({ itemBarcode: barcode });
    return ill;
  }

  it('a copy of another city returned here is routed home by courier (return anywhere), and listed', async () => {
    (await unknownHere('KOGA-0001')).flush({ action: 'routed-home', request: { number: 'ILL-000042', title: '古賀の民話', status: 'in-transit-home' } });
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('hold');
    expect(feedback()?.textContent).toContain('他市の資料です：連絡車で返送してください');
    expect(feedback()?.textContent).toContain('ILL-000042「古賀の民話」');
    expect(h.page.textContent).toContain('古賀の民話');
    expect(document.activeElement).toBe(item());
  });

  it('shows a refusal with the API’s message and keeps the focus', async () => {
    // not a copy of this city, nor of any city of its regions
    (await unknownHere('9999')).flush(
      { code: 'ILL_UNKNOWN_BARCODE', message: { ja: 'その資料番号は相互貸借の資料にも、圏域の他市の貸出にも見つかりません。', en: 'That barcode matches no interlibrary loan.' } },
      { status: 404, statusText: 'Not Found' },
    );
    await h.stable();
    expect(feedback()?.dataset['kind']).toBe('refused');
    expect(feedback()?.textContent).toContain('その資料番号（バーコード）の所蔵はありません。');
    expect(h.page.querySelector('[data-slip]')).toBeNull();
    expect(document.activeElement).toBe(item());
  });
});
