import { TestBed } from '@angular/core/testing';
import { BASE, BRANCHES, flushCsrf, flushLibrary, Harness, startLibrarianPage } from '../../testing/librarian';
import { tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { CalendarPage } from './calendar-page';

describe('CalendarPage (closed days, month view)', () => {
  let h: Harness;
  const today = tokyoToday();
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const day = (n: number) => `${month}-${String(n).padStart(2, '0')}`;

  beforeEach(async () => {
    h = await startLibrarianPage(CalendarPage, '/calendar');
    flushLibrary(h.http);
    await h.stable();
    const req = h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`);
    expect(req.request.params.get('from')).toBe(day(1));
    req.flush([
      { id: 1, branchCode: null, date: day(3), reason: '蔵書点検' },
      { id: 2, branchCode: 'omigawa', date: day(10), reason: null },
    ]);
    await h.stable();
  });

  afterEach(() => h.http.verify());

  const cell = (date: string) => h.page.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)!;

  it('draws the month with the closed days for all branches and for some', () => {
    expect(h.page.querySelectorAll('button.day').length).toBeGreaterThanOrEqual(28);
    expect(cell(day(3)).classList).toContain('closed-all');
    expect(cell(day(3)).textContent).toContain('蔵書点検');
    expect(cell(day(3)).getAttribute('aria-label')).toContain('全館休館');
    expect(cell(day(10)).classList).toContain('closed-some');
    expect(cell(day(10)).textContent).toContain('小見川図書館');
    expect(cell(day(4)).getAttribute('aria-label')).toContain('開館');
  });

  it('choosing an open day closes it for the chosen scope; choosing it again opens it', async () => {
    cell(day(4)).click();
    await h.stable();
    flushCsrf(h.http);
    const add = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/closed-days` });
    expect(add.request.body).toEqual({ date: day(4) });
    add.flush({ id: 3, branchCode: null, date: day(4), reason: null });
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`).flush([{ id: 3, branchCode: null, date: day(4), reason: null }]);
    await h.stable();
    expect(cell(day(4)).getAttribute('aria-pressed')).toBe('true');

    cell(day(4)).click();
    await h.stable();
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/closed-days/3` }).flush(null, { status: 204, statusText: 'No Content' });
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`).flush([]);
  });

  it('adds every national holiday of the year in one click', async () => {
    const button = [...h.page.querySelectorAll('button')].find((b) => b.textContent?.includes(`${year}年の祝日をすべて休館日にする`))!;
    button.click();
    await h.stable();
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/closed-days/holidays` });
    expect(req.request.body).toEqual({ year });
    req.flush({ year, holidays: 16, added: 16 });
    await h.stable();
    expect(h.snackBar.open).toHaveBeenCalledWith(`${year}年の祝日 16 日のうち 16 日を休館日にしました。`, '閉じる', expect.anything());
    h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`).flush([]);
  });
});

describe('CalendarPage (weekly closing days from the branch settings)', () => {
  let h: Harness;
  const month = tokyoToday().slice(0, 7);
  const day = (n: number) => `${month}-${String(n).padStart(2, '0')}`;
  const weekdayOf = (n: number) => new Date(`${day(n)}T00:00:00Z`).getUTCDay();
  // 佐原 closes on the weekday of the 5th; 小見川 on that one and the weekday of the 6th
  const branches = [
    { ...BRANCHES[0], weeklyClosed: [weekdayOf(5)] },
    { ...BRANCHES[1], weeklyClosed: [weekdayOf(5), weekdayOf(6)] },
  ];

  beforeEach(async () => {
    h = await startLibrarianPage(CalendarPage, '/calendar');
    for (const r of h.http.match(`${BASE}/admin/branches`)) r.flush(branches);
    flushLibrary(h.http);
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`).flush([]);
    await h.stable();
  });

  afterEach(() => {
    TestBed.inject(I18n).setLang('ja');
    h.http.verify();
  });

  const cell = (date: string) => h.page.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)!;
  const choose = async (optionText: string) => {
    h.page.querySelector<HTMLElement>('mat-select[name="scope"] .mat-mdc-select-trigger')!.click();
    await h.stable();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === optionText);
    if (!option) throw new Error(`no option "${optionText}"`);
    option.click();
    await h.stable();
  };

  it('for one branch, marks its weekly closing days as 定休日 in text and in the label, and says where they are set', async () => {
    await choose('佐原中央図書館');
    for (const n of [5, 12]) {
      expect(cell(day(n)).classList).toContain('weekly-closed');
      expect(cell(day(n)).querySelector('.weekly')?.textContent?.trim()).toBe('定休');
      expect(cell(day(n)).getAttribute('aria-label')).toMatch(/：定休日$/);
      expect(cell(day(n)).getAttribute('title')).toContain('館・受取場所ページで変更します');
      expect(cell(day(n)).getAttribute('aria-describedby')).toBe('weekly-note');
      // not one of the closed days this page sets
      expect(cell(day(n)).classList).not.toContain('closed-all');
      expect(cell(day(n)).getAttribute('aria-pressed')).toBe('false');
    }
    // 小見川's other weekly day is not 佐原's
    expect(cell(day(6)).classList).not.toContain('weekly-closed');
    expect(cell(day(6)).querySelector('.weekly')).toBeNull();
    expect(cell(day(6)).getAttribute('aria-label')).toContain('開館');
    expect(cell(day(6)).hasAttribute('title')).toBe(false);
    expect(h.page.querySelector('.scope-weekly')?.textContent).toContain('佐原中央図書館 の定休日：');

    await choose('小見川図書館');
    expect(cell(day(6)).querySelector('.weekly')?.textContent?.trim()).toBe('定休');
    expect(h.page.querySelector('.scope-weekly')?.textContent).toContain('小見川図書館 の定休日：');
  });

  it('for all branches, names the branches closed that weekday without showing an all-branch closure', () => {
    expect(cell(day(5)).querySelector('.weekly')?.textContent?.trim()).toBe('定休：佐原中央図書館、小見川図書館');
    expect(cell(day(5)).getAttribute('aria-label')).toContain('定休：佐原中央図書館、小見川図書館');
    expect(cell(day(5)).getAttribute('aria-label')).not.toContain('全館休館');
    expect(cell(day(5)).classList).not.toContain('closed-all');
    expect(cell(day(6)).getAttribute('aria-label')).toMatch(/：定休：小見川図書館$/);
    expect(cell(day(4)).getAttribute('aria-label')).toMatch(/：開館$/);
    expect(cell(day(4)).querySelector('.weekly')).toBeNull();
    expect(h.page.querySelector('.scope-weekly')).toBeNull();
  });

  it('links the note to the branches page, where weekly closing days are set', () => {
    const note = h.page.querySelector('#weekly-note')!;
    expect(note.textContent).toContain('定休日（毎週の休館日）は館・受取場所ページで設定します。');
    const link = [...h.page.querySelectorAll('a')].find((a) => a.textContent?.includes('館・受取場所を開く'))!;
    expect(link.getAttribute('href')).toBe('/branches');
  });

  it('choosing a weekly closing day still closes it for the branch as a closed day of its own', async () => {
    await choose('佐原中央図書館');
    cell(day(5)).click();
    await h.stable();
    flushCsrf(h.http);
    const add = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/closed-days` });
    expect(add.request.body).toEqual({ date: day(5), branchCode: 'sawara' });
    add.flush({ id: 7, branchCode: 'sawara', date: day(5), reason: null });
    await h.stable();
    h.http.expectOne((r) => r.url === `${BASE}/admin/closed-days`).flush([{ id: 7, branchCode: 'sawara', date: day(5), reason: null }]);
    await h.stable();
    expect(cell(day(5)).getAttribute('aria-pressed')).toBe('true');
    expect(cell(day(5)).getAttribute('aria-label')).toMatch(/：休館、定休日$/);
    expect(cell(day(5)).querySelector('.weekly')?.textContent?.trim()).toBe('定休');
  });

  it('reads in English', async () => {
    TestBed.inject(I18n).setLang('en');
    await h.stable();
    expect(h.page.querySelector('#weekly-note')?.textContent).toContain('Weekly closing days (closed every week) are set on the Branches and pickup points page.');
    expect(cell(day(5)).querySelector('.weekly')?.textContent?.trim()).toBe('Weekly: Sawara Central Library, 小見川図書館');
    expect(cell(day(5)).getAttribute('aria-label')).toMatch(/: Weekly: Sawara Central Library, 小見川図書館$/);

    await choose('佐原中央図書館');
    expect(cell(day(5)).querySelector('.weekly')?.textContent?.trim()).toBe('Weekly');
    expect(cell(day(5)).getAttribute('aria-label')).toMatch(/: Closed every week$/);
    expect(cell(day(5)).getAttribute('title')).toContain('changed on the Branches and pickup points page');
    expect(h.page.querySelector('.scope-weekly')?.textContent).toContain(`Sawara Central Library is closed every`);
  });
});
