import { BASE, flushCsrf, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import type { BusTimetable } from '@shiori/contracts';
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
      stops: [
        { stationCode: 'bm-01', weekday: 2, weeks: [1, 3], dates: [], start: '10:00', end: '10:40', place: '正門前', note: '', school: true, pattern: { ja: '第1・第3火曜', en: '1st & 3rd Tue' } },
      ],
    },
    { code: 'bm-02', name: 'イオン御園店', nameEn: null, branchCode: 'bm', stops: [] },
  ],
  closedDays: [],
  schoolHolidays: [],
};

describe('BookmobilePage (図書館バス巡回表)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(BookmobilePage, '/bookmobile');
    h.http.expectOne(`${BASE}/admin/bookmobile`).flush([BUS]);
    await h.stable();
    h.http
      .expectOne((r) => r.url === `${BASE}/admin/bookmobile/bm/preview`)
      .flush({ from: '2026-12-01', to: '2027-01-25', days: [{ date: '2026-12-01', closed: false, visits: [{ stationCode: 'bm-01', stationName: '山花小・中学校', start: '10:00', end: '10:40', place: '正門前' }] }, { date: '2026-12-02', closed: false, visits: [] }] });
    await h.stable();
  });

  afterEach(() => h.http.verify());

  it('shows the first station’s stops as editable rows and the bus’s next 8 weeks', () => {
    const row = h.page.querySelector<HTMLElement>('[data-row="0"]')!;
    expect(row.querySelector<HTMLInputElement>('input[name="weeks0"]')!.value).toBe('1,3');
    expect(row.querySelector<HTMLInputElement>('input[name="start0"]')!.value).toBe('10:00');
    expect(row.querySelector<HTMLInputElement>('input[name="place0"]')!.value).toBe('正門前');
    const days = [...h.page.querySelectorAll<HTMLElement>('.preview > li')];
    expect(days.map((d) => d.dataset['date'])).toEqual(['2026-12-01']); // days without a visit are left out
    expect(days[0].textContent).toContain('10:00〜10:40 山花小・中学校（正門前）');
  });

  it('saves the station’s stops and puts the API’s field errors on the row they name', async () => {
    typeInto(h.page.querySelector<HTMLInputElement>('input[name="end0"]'), '09:00');
    h.page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await h.stable();
    flushCsrf(h.http);
    const put = h.http.expectOne({ method: 'PUT', url: `${BASE}/admin/bookmobile/stations/bm-01/stops` });
    expect(put.request.body).toEqual({ stops: [{ weekday: 2, weeks: [1, 3], dates: [], start: '10:00', end: '09:00', place: '正門前', note: '', school: true }] });
    put.flush(
      {
        code: 'TIMETABLE_INVALID',
        message: { ja: '巡回表に誤りがあります。', en: 'The timetable has errors.' },
        errors: [{ path: 'stops.0.end', code: 'TIMETABLE_TIME', message: { ja: '終了は開始より後にしてください。', en: 'The end must be after the start.' } }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.stable();
    const error = h.page.querySelector('[data-row="0"] .row-error');
    expect(error?.textContent).toContain('1 行目：');
    expect(error?.textContent).toContain('終了は開始より後にしてください。');
    expect(h.page.querySelector('.status')?.textContent).toContain('巡回表に誤りがあります。');
  });

  it('imports CSV text and reports the lines left out', async () => {
    const area = h.page.querySelector<HTMLTextAreaElement>('textarea[name="csv"]')!;
    area.value = 'station,days,start,end\n火星,毎週月,10:00,10:30';
    area.dispatchEvent(new Event('input'));
    await h.stable();
    [...h.page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('取り込む'))!.click();
    await h.stable();
    flushCsrf(h.http);
    const post = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/bookmobile/bm/import` });
    expect(post.request.body.csv).toContain('火星');
    post.flush({
      total: 1,
      imported: 0,
      rejected: 1,
      stations: 0,
      rows: [{ line: 2, station: '火星', ok: false, errors: [{ field: 'station', code: 'TIMETABLE_UNKNOWN_STATION', message: { ja: 'このバスのステーションではありません。', en: 'Not a station of this bus.' } }] }],
    });
    await h.stable();
    expect(h.page.querySelector('.import-summary')?.textContent).toContain('1 行中 0 行を取り込みました');
    expect(h.page.querySelector('.import-errors')?.textContent).toContain('2 行目 火星：このバスのステーションではありません。');
    // the page reloads the timetable after an import
    h.http.expectOne(`${BASE}/admin/bookmobile`).flush([BUS]);
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/bookmobile/bm/preview`).flush({ from: '2026-12-01', to: '2027-01-25', days: [] });
  });
});
