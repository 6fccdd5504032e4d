import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { RecordPage } from './record-page';

const record = (reservable: object, copies: object[] = [{ barcode: '1001', branchCode: 'central', status: 'on-shelf', loanable: true }]) => ({
  id: '6f1c2c9e-0000-4000-8000-000000000001',
  title: '吾輩は猫である',
  authors: [{ name: '夏目漱石' }],
  copies,
  reservable,
});

describe('record page (copies, 帯出可/禁帯出, add to cart only when reservable)', () => {
  let http: HttpTestingController;
  afterEach(() => {
    // the result links ask which regions the city is in (none here)
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    http.verify();
  });

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

  let harness: RouterTestingHarness;

  async function render(body: object, calendar: object | 'fails' = todayCalendar()) {
    http = setUpOpac(presetInfo('kushiro'), [{ path: 'records/:id', component: RecordPage }]);
    harness = await RouterTestingHarness.create();
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

  it('shows each copy’s 請求記号, the due date of a loaned copy, links that search, and a drawn cover when the record has none', async () => {
    const el = await render({
      ...record({ ok: true }, [
        { barcode: '1001', branchCode: 'central', status: 'on-shelf', loanable: true, callNumber: '913.6/ナ/1', shelfLocation: '文庫' },
        { barcode: '1002', branchCode: 'tobu', status: 'on-loan', loanable: true, callNumber: '913.6/ナ/1', dueDate: '2026-12-20' },
      ]),
      series: '岩波文庫',
      ndc: '913.6',
    });
    const rows = [...el.querySelectorAll('.copies tbody tr')];
    expect(rows.map((tr) => tr.querySelector('.call-number')?.textContent?.trim())).toEqual(['913.6/ナ/1', '913.6/ナ/1']);
    expect(rows[1].querySelector('.due')?.textContent?.trim()).toBe('返却予定日 2026年12月20日');
    expect(rows[0].querySelector('.due')).toBeNull();
    expect([...el.querySelectorAll('.copies th')].map((th) => th.textContent?.trim())).toContain('請求記号');
    const author = el.querySelector<HTMLAnchorElement>('.author-links a')!;
    expect(author.textContent?.trim()).toBe('夏目漱石');
    expect(decodeURIComponent(author.getAttribute('href')!)).toBe('/search?author=夏目漱石');
    expect(author.getAttribute('aria-label')).toBe('著者「夏目漱石」の資料を検索');
    expect(decodeURIComponent(el.querySelector<HTMLAnchorElement>('.series a')!.getAttribute('href')!)).toBe('/search?q=岩波文庫');
    const ndc = el.querySelector<HTMLAnchorElement>('a[href^="/search?ndc"]')!;
    expect(ndc.getAttribute('href')).toBe('/search?ndc=913');
    // the class by its name to three digits (NDC 913: 小説・物語), not only its number
    expect(ndc.textContent?.trim()).toBe('913.6 小説・物語');
    // share, print, and (this city is in no region) no regional link
    const tools = el.querySelector('opac-result-links')!;
    expect(tools.querySelector('button.share')?.textContent).toContain('リンクを共有');
    expect(tools.querySelector('button.print')?.textContent).toContain('印刷');
    expect(tools.querySelector('a.region-search')).toBeNull();
    // no image of its own: a drawn cover with the title, hidden from screen readers
    expect(el.querySelector('opac-record-cover img')).toBeNull();
    const svg = el.querySelector('opac-record-cover svg')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.textContent).toContain('吾輩は猫である');
  });

  it('shows the record’s cover image, and the drawn cover instead when the image fails', async () => {
    const el = await render({ ...record({ ok: true }), coverUrl: 'https://example.org/covers/neko.jpg' });
    const img = el.querySelector<HTMLImageElement>('opac-record-cover img')!;
    expect(img.getAttribute('src')).toBe('https://example.org/covers/neko.jpg');
    expect(img.getAttribute('alt')).toBe('');
    expect(el.querySelector('opac-record-cover svg')).toBeNull();
    img.dispatchEvent(new Event('error'));
    await harness.fixture.whenStable();
    harness.fixture.detectChanges();
    expect(el.querySelector('opac-record-cover img')).toBeNull();
    expect(el.querySelector('opac-record-cover svg')?.textContent).toContain('吾輩は猫である');
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
    // columns: branch, call number, location, status, loan category, item code
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['中央図書館', '貸出可', '帯出可'],
      ['東部地区図書館', '貸出中', '帯出可'],
      ['西部地区図書館', '予約中', '帯出可'],
      ['中部地区図書館', '貸出可', '禁帯出'],
    ]);
    expect(el.querySelector('button.add-to-cart')?.textContent).toContain('予約かごに入れる');
    // and 予約する, straight to the hold form for this record
    const hold = el.querySelector<HTMLAnchorElement>('a.hold-now')!;
    expect(hold.textContent).toContain('予約する');
    expect(hold.getAttribute('href')).toBe('/hold/6f1c2c9e-0000-4000-8000-000000000001');
  });

  it('shows no cart button and says why when the record may not be reserved (禁帯出)', async () => {
    const el = await render(
      record(
        { ok: false, code: 'NOT_RESERVABLE', reason: 'NO_LOANABLE_COPY', message: { ja: '貸出できない資料（禁帯出・館内閲覧のみなど）は予約できません。', en: 'x' } },
        [{ barcode: '1004', branchCode: 'central', status: 'on-shelf', loanable: false }],
      ),
    );
    expect(el.querySelector('button.add-to-cart')).toBeNull();
    expect(el.querySelector('a.hold-now')).toBeNull();
    expect(el.querySelector('.not-reservable')?.textContent).toContain('禁帯出');
  });
});
