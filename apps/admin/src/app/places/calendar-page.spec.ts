import { BASE, flushCsrf, flushLibrary, Harness, startLibrarianPage } from '../../testing/librarian';
import { tokyoToday } from '../core/format';
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
