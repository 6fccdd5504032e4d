import { BASE, flushLibrary, Harness, startLibrarianPage } from '../../testing/librarian';
import { AuditPage } from './audit-page';
import { StatisticsPage } from './statistics-page';

describe('statistics and audit log', () => {
  let h: Harness;
  afterEach(() => h.http.verify());

  it('draws the statistics as SVG charts, each with its numbers as a table', async () => {
    h = await startLibrarianPage(StatisticsPage, '/statistics');
    flushLibrary(h.http);
    const req = h.http.expectOne((r) => r.url === `${BASE}/admin/statistics`);
    expect(req.request.params.get('months')).toBe('12');
    req.flush({
      months: 12,
      totals: { patrons: 1200, records: 5000, items: 6100, openLoans: 310, activeHolds: 42 },
      loansPerMonth: [
        { month: '2026-04', value: 120 },
        { month: '2026-05', value: 180 },
      ],
      loansPerBranch: [{ branchCode: 'sawara', name: '佐原中央図書館', loans: 250 }],
      holdsByStatus: [{ status: 'waiting', holds: 30 }],
      newPatronsPerMonth: [{ month: '2026-05', value: 12 }],
    });
    await h.stable();
    expect(h.page.querySelector('dl.figures')?.textContent).toContain('1,200');
    const chart = h.page.querySelector('svg[aria-label="月別の貸出数"]')!;
    expect(chart.querySelectorAll('rect').length).toBe(2);
    const table = chart.closest('figure')!.querySelector('table')!.textContent!;
    expect(table).toContain('2026年5月');
    expect(table).toContain('180');
    expect(h.page.querySelector('svg[aria-label="状態別の予約数"]')?.textContent).toContain('予約待ち');
  });

  it('lists staff changes and opens one to the fields that changed', async () => {
    h = await startLibrarianPage(AuditPage, '/audit');
    h.http.expectOne((r) => r.url === `${BASE}/admin/audit`).flush({
      total: 1,
      page: 1,
      size: 50,
      items: [
        {
          id: 7,
          at: '2026-05-01T10:00:00+09:00',
          actorKind: 'staff',
          actorId: 's1',
          actorName: 'tanaka',
          action: 'patron.update',
          entity: 'patron',
          entityId: 'p1',
          before: { name: '香取 太郎', phone: null },
          after: { name: '香取 太郎', phone: '0478-00-0000' },
        },
      ],
    });
    await h.stable();
    expect(h.page.textContent).toContain('利用者情報の変更');
    expect(h.page.textContent).toContain('「香取 太郎」');
    expect(h.page.textContent).not.toContain('patron.update');
    (h.page.querySelector('tbody button') as HTMLButtonElement).click();
    await h.stable();
    const diff = h.page.querySelector('table.diff')!.textContent!;
    expect(diff).toContain('phone');
    expect(diff).toContain('0478-00-0000');
    expect(diff).not.toContain('name');
  });

  it('shows a loan in the library’s words: 返却, the title and the barcode, no action code or record id', async () => {
    h = await startLibrarianPage(AuditPage, '/audit');
    h.http.expectOne((r) => r.url === `${BASE}/admin/audit`).flush({
      total: 1,
      page: 1,
      size: 50,
      items: [
        {
          id: 8,
          at: '2026-05-01T10:05:00+09:00',
          actorKind: 'librarian',
          actorId: 's1',
          actorName: 'tanaka',
          action: 'loan.checkin',
          entity: 'item',
          entityId: '0b8f5c2e-1111-4111-8111-111111111111',
          before: null,
          after: { title: '銀河鉄道の夜', itemBarcode: 'B0001', branchCode: 'sawara', loanId: '9c1d' },
        },
      ],
    });
    await h.stable();
    const row = h.page.querySelector('tbody tr')!.textContent!;
    expect(row).toContain('返却');
    expect(row).toContain('「銀河鉄道の夜」 資料番号 B0001');
    expect(row).not.toContain('loan.checkin');
    expect(row).not.toContain('0b8f5c2e');
  });
});
