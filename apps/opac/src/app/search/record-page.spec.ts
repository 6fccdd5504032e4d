import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { RecordPage } from './record-page';

const record = (reservable: object, copies = [{ barcode: '1001', branchCode: 'central', status: 'on-shelf', loanable: true }]) => ({
  id: '6f1c2c9e-0000-4000-8000-000000000001',
  title: '吾輩は猫である',
  authors: [{ name: '夏目漱石' }],
  copies,
  reservable,
});

describe('record page (copies, 帯出可/禁帯出, add to cart only when reservable)', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  /** Today's calendar as `GET /calendar` answers it: `closed` branches are closed today. */
  const todayCalendar = (closed: string[] = []) => ({
    from: '2026-11-29',
    to: '2026-11-29',
    today: '2026-11-29',
    branches: ['central', 'tobu', 'seibu', 'chubu'].map((code) => ({
      code,
      name: code,
      nameEn: null,
      weeklyClosed: [],
      openToday: !closed.includes(code),
      closed: closed.includes(code) ? [{ date: '2026-11-29', reason: '蔵書点検', weekly: false }] : [],
    })),
  });

  async function render(body: object, calendar: object | 'fails' = todayCalendar()) {
    http = setUpOpac(presetInfo('kushiro'), [{ path: 'records/:id', component: RecordPage }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/records/6f1c2c9e-0000-4000-8000-000000000001');
    http.expectOne('/api/t/kushiro/records/6f1c2c9e-0000-4000-8000-000000000001').flush(body);
    const today = http.expectOne((r) => r.url === '/api/t/kushiro/calendar');
    expect(today.request.params.get('from')).toBe(today.request.params.get('to'));
    if (calendar === 'fails') today.flush({ code: 'UNAVAILABLE', message: { ja: '一時的に利用できません', en: 'Unavailable' } }, { status: 503, statusText: 'Unavailable' });
    else today.flush(calendar);
    await harness.fixture.whenStable();
    return harness.routeNativeElement!;
  }

  const twoCopies = [
    { barcode: '1001', branchCode: 'central', status: 'on-shelf', loanable: true },
    { barcode: '1002', branchCode: 'tobu', status: 'on-loan', loanable: true },
  ];

  it('marks the copies whose library is closed today (本日休館)', async () => {
    const el = await render(record({ ok: true }, twoCopies), todayCalendar(['tobu']));
    const branchCells = [...el.querySelectorAll('.copies tbody tr')].map((tr) => tr.querySelector('td')!);
    expect(branchCells.map((td) => td.querySelector('.closed-today')?.textContent?.trim() ?? null)).toEqual([null, '本日休館']);
  });

  it('marks none when today’s calendar cannot be read', async () => {
    const el = await render(record({ ok: true }, twoCopies), 'fails');
    expect(el.querySelectorAll('.copies tbody tr')).toHaveLength(2);
    expect(el.querySelectorAll('.closed-today')).toHaveLength(0);
  });

  it('lists each copy with branch, status and loan category, and offers the cart', async () => {
    const el = await render(
      record({ ok: true }, [
        { barcode: '1001', branchCode: 'central', status: 'on-shelf', loanable: true },
        { barcode: '1002', branchCode: 'tobu', status: 'on-loan', loanable: true },
        { barcode: '1003', branchCode: 'seibu', status: 'on-hold-shelf', loanable: true },
        { barcode: '1004', branchCode: 'chubu', status: 'on-shelf', loanable: false },
      ]),
    );
    const rows = [...el.querySelectorAll('.copies tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['中央図書館', '貸出可', '帯出可'],
      ['東部地区図書館', '貸出中', '帯出可'],
      ['西部地区図書館', '予約中', '帯出可'],
      ['中部地区図書館', '貸出可', '禁帯出'],
    ]);
    expect(el.querySelector('button.add-to-cart')?.textContent).toContain('予約かごに入れる');
  });

  it('shows no cart button and says why when the record may not be reserved (禁帯出)', async () => {
    const el = await render(
      record(
        { ok: false, code: 'NOT_RESERVABLE', reason: 'NO_LOANABLE_COPY', message: { ja: '貸出できない資料（禁帯出・館内閲覧のみなど）は予約できません。', en: 'x' } },
        [{ barcode: '1004', branchCode: 'central', status: 'on-shelf', loanable: false }],
      ),
    );
    expect(el.querySelector('button.add-to-cart')).toBeNull();
    expect(el.querySelector('.not-reservable')?.textContent).toContain('禁帯出');
  });
});
