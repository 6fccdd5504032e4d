import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CLOCK } from '../core/clock';
import { I18n } from '../core/i18n';
import type { LibraryInfo } from '@shiori/contracts';
import { katoriInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { spokenText } from '../testing/text';
import { LibrariesPage } from './libraries-page';
import type { BranchCalendar, CalendarClosedDay, OpeningCalendar } from '@shiori/contracts';

/** Tuesday 10 November 2026, 09:00 in Japan. */
const NOW = () => new Date('2026-11-10T09:00:00+09:00');

/** Katori with the branch guide (館の案内) filled in for two branches, and a bookmobile. */
function info(): LibraryInfo {
  const base = katoriInfo();
  const [sawara, omigawa, ...rest] = base.branches;
  return {
    ...base,
    branches: [
      {
        ...sawara,
        address: '千葉県香取市佐原イ 1 番地',
        phone: '0478-54-0011',
        hours: { ja: '火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00', en: 'Tue–Fri 9:30–19:00\nSat, Sun, holidays 9:30–17:00' },
        weeklyClosed: [1],
      },
      { ...omigawa, address: '千葉県香取市小見川 2 番地', phone: null, hours: { ja: '9:00〜17:00' }, weeklyClosed: [2, 1] },
      ...rest.map((b) => ({ ...b, address: null, phone: null, hours: null, weeklyClosed: [] })),
      { code: 'bm', name: '移動図書館 かとり号', nameEn: null, askPickupPoint: true, isBookmobile: true, address: null, phone: null, hours: null, weeklyClosed: [] },
    ],
  };
}

const mondays = (dates: string[]): CalendarClosedDay[] => dates.map((date) => ({ date, reason: null, weekly: true }));

/** `GET /calendar` for one month: 佐原 closes on Mondays, 文化の日 and for 蔵書点検; 小見川 on Mondays and Tuesdays. */
function calendar(from: string, to: string): OpeningCalendar {
  const month = from.slice(0, 7);
  const inMonth = (days: CalendarClosedDay[]) => days.filter((d) => d.date.startsWith(month));
  const branch = (code: string, name: string, nameEn: string | null, weeklyClosed: number[], openToday: boolean, closed: CalendarClosedDay[]): BranchCalendar => ({
    code,
    name,
    nameEn,
    weeklyClosed,
    openToday,
    closed: inMonth(closed),
  });
  return {
    from,
    to,
    today: '2026-11-10',
    branches: [
      branch('sawara', '佐原中央図書館', 'Sawara Central Library', [1], true, [
        ...mondays(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07']),
        { date: '2026-11-03', reason: '文化の日', weekly: false },
        { date: '2026-11-26', reason: '蔵書点検', weekly: false },
        { date: '2026-12-29', reason: '年末年始', weekly: false },
      ]),
      branch('omigawa', '小見川図書館', 'Omigawa Library', [1, 2], false, [
        ...mondays(['2026-11-02', '2026-11-09']),
        ...[3, 10].map((d) => ({ date: `2026-11-${String(d).padStart(2, '0')}`, reason: null, weekly: true })),
      ]),
      branch('yamada', '山田公民館図書室', 'Yamada Community Hall Library', [], true, []),
      branch('kurimoto', '栗源市民センター図書室', 'Kurimoto Civic Center Library', [], true, []),
      branch('bm', '移動図書館 かとり号', null, [], false, [{ date: '2026-11-10', reason: null, weekly: false }]),
    ],
  };
}

describe('館の案内 (libraries page)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<LibrariesPage>;
  let el: HTMLElement;

  afterEach(() => {
    // the bus's timetable (its own section, below) answers empty where a test does not look at it
    for (const r of http.match((x) => x.url === '/api/t/katori/bookmobile')) r.flush({ buses: [] });
    http.verify();
    TestBed.inject(I18n).setLang('ja');
  });

  const stable = async () => {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  };

  /** The one open calendar request, checked to ask for `from`–`to`. */
  function calendarRequest(from: string, to: string): TestRequest {
    const req = http.expectOne((r) => r.url === '/api/t/katori/calendar');
    expect(req.request.method).toBe('GET');
    expect({ from: req.request.params.get('from'), to: req.request.params.get('to') }).toEqual({ from, to });
    return req;
  }

  async function answer(from: string, to: string) {
    calendarRequest(from, to).flush(calendar(from, to));
    await stable();
  }

  async function render(opts: { branch?: string; lang?: 'ja' | 'en' } = {}) {
    http = setUpOpac(info(), [], [{ provide: CLOCK, useValue: NOW }]);
    if (opts.lang) TestBed.inject(I18n).setLang(opts.lang);
    fixture = TestBed.createComponent(LibrariesPage);
    if (opts.branch) fixture.componentRef.setInput('branch', opts.branch);
    el = fixture.nativeElement as HTMLElement;
    await stable();
  }

  const card = (code: string) => el.querySelector<HTMLElement>(`article[data-branch="${code}"]`)!;
  const cell = (date: string) => el.querySelector<HTMLElement>(`td[data-date="${date}"]`)!;
  const closedDates = () => [...el.querySelectorAll<HTMLElement>('td')].filter((td) => td.querySelector('.mark')).map((td) => td.dataset['date']);
  const caption = () => el.querySelector('table caption')?.textContent?.trim();

  it('shows every branch from /info: name, address, phone as a tel: link, hours, regular closing days, bookmobile', async () => {
    await render();
    await answer('2026-11-01', '2026-11-30');
    expect(el.querySelector('h1')?.textContent).toContain('館の案内');
    expect([...el.querySelectorAll('article h2')].map((h) => spokenText(h))).toEqual(['佐原中央図書館', '小見川図書館', '山田公民館図書室', '栗源市民センター図書室', '移動図書館 かとり号']);

    const sawara = card('sawara');
    expect(sawara.getAttribute('aria-labelledby')).toBe('branch-sawara');
    expect(sawara.querySelector('.address')?.textContent).toBe('千葉県香取市佐原イ 1 番地');
    const tel = sawara.querySelector<HTMLAnchorElement>('.phone a')!;
    expect(tel.textContent).toBe('0478-54-0011');
    expect(tel.getAttribute('href')).toBe('tel:0478540011');
    expect(sawara.querySelector('.hours')?.textContent).toBe('火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00');
    expect(sawara.querySelector('.weekly')?.textContent).toBe('毎週月曜日');
    expect(card('omigawa').querySelector('.weekly')?.textContent).toBe('毎週月曜日・火曜日');
    expect(card('omigawa').querySelector('.phone')).toBeNull();

    const yamada = card('yamada');
    expect(yamada.querySelector('dt')).toBeNull(); // nothing known, no empty lines
    expect(yamada.querySelector('.bookmobile')).toBeNull();
    expect(card('bm').querySelector('.bookmobile')?.textContent).toContain('移動図書館');
  });

  it('says which branches are open today from the calendar, with words and an icon', async () => {
    await render();
    expect(el.querySelector('.today')).toBeNull(); // not before the calendar has answered
    await answer('2026-11-01', '2026-11-30');
    expect(spokenText(card('sawara').querySelector('.today'))).toBe('本日開館');
    expect(card('sawara').querySelector('.today mat-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(spokenText(card('omigawa').querySelector('.today'))).toBe('本日休館');
    // the bus has visits, not opening hours: no 本日開館 on its card (its timetable is below)
    expect(card('bm').querySelector('.today')).toBeNull();
  });

  it('shows the bookmobile with its timetable and the month’s visits from today, names whole', async () => {
    await render();
    await answer('2026-11-01', '2026-11-30');
    const req = http.expectOne((r) => r.url === '/api/t/katori/bookmobile');
    expect(req.request.params.get('from')).toBe('2026-11-01');
    const station = {
      code: 'bm-01',
      name: 'ジョーワ・創路文化ホール（正面玄関前の駐車場）',
      nameEn: null,
      stops: [{ pattern: { ja: '第1・第3火曜', en: '1st & 3rd Tue' }, start: '10:00', end: '10:40', place: '正面玄関前', note: '', school: false }],
      nextVisits: [{ date: '2026-11-17', start: '10:00', end: '10:40', place: '正面玄関前' }],
    };
    req.flush({
      buses: [
        {
          code: 'bm',
          name: '移動図書館 かとり号',
          nameEn: null,
          stations: [station],
          schoolHolidays: [],
          visits: [
            { stationCode: 'bm-01', date: '2026-11-03', start: '10:00', end: '10:40', place: '正面玄関前' },
            { stationCode: 'bm-01', date: '2026-11-17', start: '10:00', end: '10:40', place: '正面玄関前' },
          ],
        },
      ],
    });
    await stable();
    const bus = el.querySelector<HTMLElement>('opac-bookmobile-timetable')!;
    expect(bus.querySelector('h2')?.textContent).toContain('移動図書館 かとり号 巡回表');
    const item = bus.querySelector<HTMLElement>('[data-station="bm-01"]')!;
    expect(item.querySelector('.station-name')?.textContent).toBe('ジョーワ・創路文化ホール（正面玄関前の駐車場）');
    expect(spokenText(item.querySelector('.stop'))).toContain('第1・第3火曜 10:00〜10:40');
    expect(item.querySelector('.next')?.textContent).toContain('2026年11月17日');
    // the month view lists the visits from today on (3 November has passed)
    expect([...bus.querySelectorAll<HTMLElement>('.day')].map((d) => d.dataset['date'])).toEqual(['2026-11-17']);
    expect(bus.querySelector('.month-heading')?.textContent).toBe('2026年11月の巡回日');
  });

  it('draws this month for the first branch: caption, weekday headers, 休 on exactly the closed days, today marked', async () => {
    await render();
    await answer('2026-11-01', '2026-11-30');
    expect(caption()).toBe('2026年11月 佐原中央図書館の開館カレンダー');
    const headers = [...el.querySelectorAll('thead th')];
    expect(headers.map((th) => th.querySelector('[aria-hidden="true"]')?.textContent)).toEqual(['日', '月', '火', '水', '木', '金', '土']);
    expect(headers.map((th) => th.querySelector('.visually-hidden')?.textContent)).toEqual(['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日']);
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);

    // 1 November 2026 is a Sunday: the first row starts with it
    expect(el.querySelector('tbody tr td')?.getAttribute('data-date')).toBe('2026-11-01');
    expect(el.querySelectorAll('td[data-date]').length).toBe(30);
    expect(closedDates()).toEqual(['2026-11-02', '2026-11-03', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-26', '2026-11-30']);
    expect(cell('2026-11-03').querySelector('.mark')?.textContent).toBe('休');
    expect(spokenText(cell('2026-11-03'))).toBe('11月3日（火） 休館日 文化の日');
    expect(spokenText(cell('2026-11-02'))).toBe('11月2日（月） 休館日');
    expect(spokenText(cell('2026-11-04'))).toBe('11月4日（水）');

    expect([...el.querySelectorAll('[aria-current]')].map((e) => e.getAttribute('data-date'))).toEqual(['2026-11-10']);
    expect(cell('2026-11-10').getAttribute('aria-current')).toBe('date');
    expect(cell('2026-11-10').textContent).toContain('今日');

    expect(el.querySelector('.legend')?.textContent).toContain('休館日');
  });

  it('lists the month’s closed days with reasons under the grid, the weekly ones summarised', async () => {
    await render();
    await answer('2026-11-01', '2026-11-30');
    expect(el.querySelector('#closed-days-heading')?.textContent).toBe('2026年11月の休館日');
    expect(el.querySelector('.closed-weekly')?.textContent).toBe('毎週月曜日');
    const items = [...el.querySelectorAll('.closed-days li')].map((li) => [li.querySelector('time')?.getAttribute('datetime'), li.querySelector('time')?.textContent, li.querySelector('span')?.textContent]);
    expect(items).toEqual([
      ['2026-11-03', '11月3日（火）', '文化の日'],
      ['2026-11-26', '11月26日（木）', '蔵書点検'],
    ]);
  });

  it('pages from this month up to two months ahead, asking for each month’s first to last day', async () => {
    await render();
    await answer('2026-11-01', '2026-11-30');
    const prev = () => el.querySelector<HTMLButtonElement>('button.prev')!;
    const next = () => el.querySelector<HTMLButtonElement>('button.next')!;
    expect(prev().disabled).toBe(true);
    expect(next().disabled).toBe(false);

    next().click();
    await stable();
    expect(el.querySelector('table')).toBeNull(); // December's days are not drawn from November's answer
    await answer('2026-12-01', '2026-12-31');
    expect(caption()).toBe('2026年12月 佐原中央図書館の開館カレンダー');
    expect(el.querySelector('.month-nav .month')?.textContent).toBe('2026年12月');
    expect(closedDates()).toEqual(['2026-12-07', '2026-12-29']);
    expect(el.querySelector('[aria-current]')).toBeNull(); // today is not in December
    expect(prev().disabled).toBe(false);

    next().click();
    await stable();
    await answer('2027-01-01', '2027-01-31');
    expect(caption()).toBe('2027年1月 佐原中央図書館の開館カレンダー');
    expect(el.querySelector('tbody tr td:nth-child(6)')?.getAttribute('data-date')).toBe('2027-01-01'); // a Friday
    expect(el.querySelector('.closed-days')).toBeNull();
    expect(el.textContent).toContain('この月の休館日はありません。');
    expect(next().disabled).toBe(true);

    prev().click();
    await stable();
    await answer('2026-12-01', '2026-12-31');
    expect(caption()).toBe('2026年12月 佐原中央図書館の開館カレンダー');
  });

  it('shows the branch from ?branch=, and another when the patron picks it on its card', async () => {
    await render({ branch: 'omigawa' });
    await answer('2026-11-01', '2026-11-30');
    expect(caption()).toBe('2026年11月 小見川図書館の開館カレンダー');
    expect(closedDates()).toEqual(['2026-11-02', '2026-11-03', '2026-11-09', '2026-11-10']);
    expect(el.querySelector('.closed-weekly')?.textContent).toBe('毎週月曜日・火曜日');

    const button = card('bm').querySelector<HTMLButtonElement>('button.show-calendar')!;
    expect(button.getAttribute('aria-label')).toBe('移動図書館 かとり号の開館カレンダーを見る');
    button.click();
    await stable();
    expect(caption()).toBe('2026年11月 移動図書館 かとり号の開館カレンダー');
    expect(closedDates()).toEqual(['2026-11-10']);
    expect(document.activeElement).toBe(el.querySelector('#calendar-heading'));
  });

  it('reads in English: names, hours, weekday names, closed days and today', async () => {
    await render({ lang: 'en' });
    await answer('2026-11-01', '2026-11-30');
    expect(el.querySelector('h1')?.textContent).toContain('Libraries & opening days');
    const sawara = card('sawara');
    expect(spokenText(sawara.querySelector('h2'))).toBe('Sawara Central Library');
    expect(sawara.querySelector('.hours')?.textContent).toBe('Tue–Fri 9:30–19:00\nSat, Sun, holidays 9:30–17:00');
    expect(sawara.querySelector('.hours')?.getAttribute('lang')).toBeNull();
    expect(card('omigawa').querySelector('.hours')?.getAttribute('lang')).toBe('ja'); // no English hours: the Japanese, marked so
    expect(sawara.querySelector('.weekly')?.textContent).toBe('Closed every Monday');
    expect(card('omigawa').querySelector('.weekly')?.textContent).toBe('Closed every Monday and Tuesday');
    expect(spokenText(sawara.querySelector('.today'))).toBe('Open today');
    expect(spokenText(card('omigawa').querySelector('.today'))).toBe('Closed today');
    expect(card('bm').querySelector('h2 span')?.getAttribute('lang')).toBe('ja');

    expect(caption()).toBe('Opening calendar of Sawara Central Library, November 2026');
    expect([...el.querySelectorAll('thead th .visually-hidden')].map((e) => e.textContent)).toEqual(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(spokenText(cell('2026-11-03'))).toBe('Tue 3 November: closed (文化の日)');
    expect(cell('2026-11-03').querySelector('.mark')?.textContent).toBe('Closed');
    expect(cell('2026-11-10').textContent).toContain('Today');
    expect(el.querySelector('#closed-days-heading')?.textContent).toBe('Closed days in November 2026');
  });

  it('says when the calendar could not be loaded, keeps the branch guide, and retries', async () => {
    await render();
    calendarRequest('2026-11-01', '2026-11-30').flush({ code: 'VALIDATION', message: { ja: '期間が長すぎます。', en: 'The range is too long.' } }, { status: 400, statusText: 'Bad Request' });
    await stable();
    const alert = el.querySelector('opac-load-state [role="alert"]');
    expect(alert?.textContent).toContain('開館カレンダーを読み込めませんでした。');
    expect(alert?.textContent).toContain('期間が長すぎます。');
    expect(el.querySelector('table')).toBeNull();
    expect(card('sawara').querySelector('.address')).not.toBeNull();
    expect(el.querySelector('.today')).toBeNull();

    alert!.querySelector<HTMLButtonElement>('button')!.click();
    await stable();
    await answer('2026-11-01', '2026-11-30');
    expect(el.querySelector('opac-load-state [role="alert"]')).toBeNull();
    expect(caption()).toBe('2026年11月 佐原中央図書館の開館カレンダー');
  });
});
