import { BASE, Harness, startLibrarianPage } from '../../testing/librarian';
import { IMPORT_POLL_MS, ImportPage } from './import-page';

const report = (over: object) => ({
  id: 'imp-1',
  status: 'running',
  format: 'iso2709',
  filename: 'test.dat',
  total: 10,
  processed: 0,
  created: 0,
  updated: 0,
  rejected: [],
  warnings: [],
  error: null,
  createdBy: 'tanaka',
  startedAt: '2026-05-01T10:00:00+09:00',
  finishedAt: null,
  ...over,
});

describe('ImportPage (progress and report)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(ImportPage, 'catalog/imports/:id', [], [], '/catalog/imports/imp-1');
    await h.stable();
  });

  afterEach(() => h.http.verify());

  const tick = () => new Promise((r) => setTimeout(r, IMPORT_POLL_MS + 20));

  it('polls while the import runs, moving the progress bar, then shows the per-record report', async () => {
    h.http.expectOne(`${BASE}/admin/imports/imp-1`).flush(report({ processed: 4, created: 4 }));
    await h.stable();
    expect(h.page.textContent).toContain('4 / 10 件 (40%)');
    expect(h.page.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');

    await tick();
    h.http.expectOne(`${BASE}/admin/imports/imp-1`).flush(
      report({
        status: 'done',
        processed: 10,
        created: 8,
        updated: 1,
        rejected: [
          { index: 6, reason: 'no title: 245 has no $a' },
          { index: 8, reason: 'line 10: unterminated quoted field starting on line 10' },
        ],
        finishedAt: '2026-05-01T10:00:05+09:00',
      }),
    );
    await h.stable();
    expect(h.page.querySelector('[data-import-status]')?.textContent).toContain('完了しました');
    expect(h.page.querySelector('[data-created]')?.textContent).toBe('8');
    expect(h.page.querySelector('[data-rejected]')?.textContent).toBe('2');
    const [row, csv] = [...h.page.querySelectorAll('tbody tr')];
    expect(row.textContent).toContain('7'); // the 7th record of the file
    // the reasons in Japanese on a Japanese page
    expect(row.textContent).toContain('タイトルがありません');
    expect(row.textContent).not.toContain('no title');
    expect(csv.textContent).toContain('10 行目：10 行目から始まる引用符（"）が閉じていません。');

    await tick();
    h.http.expectNone(`${BASE}/admin/imports/imp-1`); // finished: no more polling
  });
});
