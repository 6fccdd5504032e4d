import { BASE, flushCsrf, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import type { BusPreview, BusTimetable } from '@shiori/contracts';
import { BookmobilePage } from './bookmobile-page';

const BUS: BusTimetable = {
  code: 'bm',
  name: '図書館バス（釧路BM）',
  nameEn: null,
  stations: [
    {
      code: 'bm-01',
      name: '山花小・中学校',
      nameEn: null,
      branchCode: 'bm',
      stops: [{ stationCode: 'bm-01', weekday: 2, weeks: [], dates: [], start: '10:00', end: '10:40', place: '正門前', note: '', school: true, pattern: { ja: '毎週火曜', en: 'Every Tue' } }],
    },
  ],
  closedDays: ['2026-12-29'],
  schoolHolidays: [{ first: '2026-12-24', last: '2027-01-07', note: '冬休み' }],
};

const visit = (date: string) => ({ stationCode: 'bm-01', stationName: '山花小・中学校', date, start: '10:00', end: '10:40', place: '正門前', note: '' });
const PREVIEW: BusPreview = {
  code: 'bm',
  name: '図書館バス（釧路BM）',
  from: '2026-12-01',
  to: '2027-01-25',
  days: [
    { date: '2026-12-15', closed: false, visits: [visit('2026-12-15')] },
    { date: '2026-12-22', closed: false, visits: [visit('2026-12-22')] },
  ],
};

const input = (h: Harness, name: string) => h.page.querySelector<HTMLInputElement>(`admin-bus-closures input[name="${name}"]`);
const button = (h: Harness, text: string) => [...h.page.querySelectorAll<HTMLButtonElement>('admin-bus-closures button')].find((b) => (b.textContent ?? '').includes(text) || b.getAttribute('aria-label') === text)!;

describe('BookmobilePage: 運休日・学校の休み', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(BookmobilePage, '/bookmobile');
    h.http.expectOne(`${BASE}/admin/bookmobile`).flush([BUS]);
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/bookmobile/bm/preview`).flush(PREVIEW);
    await h.stable();
  });

  afterEach(() => h.http.verify());

  /** Clicks the save button and answers the CSRF token; returns the PUT. */
  async function save() {
    button(h, '運休日・学校の休みを保存').click();
    await h.stable();
    flushCsrf(h.http);
    return h.http.expectOne({ method: 'PUT', url: `${BASE}/admin/bookmobile/bm/closures` });
  }

  it('shows the bus’s closed days and school holidays in labelled fields', () => {
    const section = h.page.querySelector('section[aria-labelledby="closures-heading"]')!;
    expect(section.querySelector('h2')?.textContent).toContain('運休日・学校の休み');
    expect(input(h, 'closed0')?.value).toBe('2026-12-29');
    expect(input(h, 'closed0')?.type).toBe('date');
    expect(input(h, 'first0')?.value).toBe('2026-12-24');
    expect(input(h, 'last0')?.value).toBe('2027-01-07');
    expect(input(h, 'note0')?.value).toBe('冬休み');
    expect(section.querySelector('[data-closed="0"] .day')?.textContent).toContain('2026年12月29日(火)');
    expect(section.querySelector('[data-holiday="0"] .day')?.textContent).toContain('2026年12月24日(木)〜2027年1月7日(木)');
    const labels = [...section.querySelectorAll('mat-label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(['運休日', '休みの初日', '休みの最終日', '備考']);
    expect(button(h, '1 件目の運休日を削除')).toBeTruthy();
    expect(button(h, '1 件目の学校の休みを削除')).toBeTruthy();
  });

  it('adds and removes entries, saves them whole and reloads the 8-week preview', async () => {
    button(h, '運休日を追加').click();
    await h.stable();
    typeInto(input(h, 'closed1'), '2026-12-22');
    button(h, '学校の休みを追加').click();
    await h.stable();
    typeInto(input(h, 'first1'), '2027-03-25');
    typeInto(input(h, 'last1'), '2027-04-05');
    typeInto(input(h, 'note1'), ' 春休み ');
    button(h, '1 件目の学校の休みを削除').click(); // 冬休み goes
    button(h, '運休日を追加').click(); // an empty row is left out
    await h.stable();
    expect(input(h, 'note0')?.value).toBe(' 春休み ');

    const put = await save();
    expect(put.request.body).toEqual({ closedDays: ['2026-12-29', '2026-12-22'], schoolHolidays: [{ first: '2027-03-25', last: '2027-04-05', note: '春休み' }] });
    put.flush(put.request.body);
    await h.stable();
    expect(h.page.querySelector('.closures-status')?.textContent).toContain('運休日・学校の休みを保存しました。');

    // the page reloads the timetable and the preview: 12月22日 is gone
    const saved = { ...BUS, closedDays: ['2026-12-22', '2026-12-29'], schoolHolidays: [{ first: '2027-03-25', last: '2027-04-05', note: '春休み' }] };
    h.http.expectOne(`${BASE}/admin/bookmobile`).flush([saved]);
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/bookmobile/bm/preview`).flush({ ...PREVIEW, days: [PREVIEW.days[0], { date: '2026-12-22', closed: true, visits: [] }] });
    await h.stable();
    expect([...h.page.querySelectorAll<HTMLElement>('.preview > li')].map((d) => d.dataset['date'])).toEqual(['2026-12-15']);
    expect(input(h, 'closed0')?.value).toBe('2026-12-22');
    expect(input(h, 'closed2')).toBeNull();
  });

  it('puts the API’s field errors under the school holiday they name and keeps the rows', async () => {
    typeInto(input(h, 'last0'), '2026-12-01');
    const put = await save();
    expect(put.request.body.schoolHolidays).toEqual([{ first: '2026-12-24', last: '2026-12-01', note: '冬休み' }]);
    put.flush(
      {
        code: 'TIMETABLE_INVALID',
        message: { ja: '巡回表に誤りがあります。', en: 'The timetable has errors.' },
        errors: [{ path: 'schoolHolidays.0.last', code: 'TIMETABLE_DATE', message: { ja: '終了日は開始日以降にしてください。', en: 'The last day must not be before the first.' } }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.stable();
    const row = h.page.querySelector('[data-holiday="0"]')!;
    expect(row.querySelector('.field-error')?.textContent).toContain('終了日は開始日以降にしてください。');
    expect(input(h, 'last0')?.getAttribute('aria-invalid')).toBe('true');
    expect(input(h, 'first0')?.getAttribute('aria-invalid')).toBe('false');
    expect(input(h, 'last0')?.value).toBe('2026-12-01');
    expect(h.page.querySelector('.closures-status')?.textContent).toContain('巡回表に誤りがあります。');
    // nothing was saved: no reload
    h.http.expectNone(`${BASE}/admin/bookmobile`);
  });
});
