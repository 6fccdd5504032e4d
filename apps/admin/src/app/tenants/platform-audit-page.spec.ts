import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FormGroup } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { API_LOCATION } from '../core/api';
import { I18n } from '../core/i18n';
import { PlatformAuditPage } from './platform-audit-page';
import type { PlatformAuditEntry } from '@shiori/contracts';

const entry = (over: Partial<PlatformAuditEntry>): PlatformAuditEntry => ({
  id: '1',
  at: '2026-05-01T01:30:00Z',
  actorKind: 'platform-admin',
  actorId: 'a1',
  actorName: 'admin',
  action: 'tenant.suspend',
  entity: 'tenant',
  entityId: 't1',
  tenantId: 't1',
  tenantSlug: 'katori',
  tenantName: '香取市立図書館',
  staffUsername: null,
  before: { status: 'active' },
  after: { status: 'suspended' },
  ...over,
});

const items = [
  entry({ id: '3' }),
  entry({
    id: '2',
    at: '2026-04-30T15:10:00Z',
    actorKind: 'cli',
    actorId: 'root',
    actorName: null,
    action: 'staff.reset-password',
    entity: 'staff',
    entityId: 's9',
    tenantId: null,
    tenantSlug: null,
    tenantName: null,
    staffUsername: 'sato',
    before: { mustChangePassword: false, lockedUntil: null },
    after: { mustChangePassword: true, lockedUntil: null },
  }),
  entry({ id: '1', actorKind: 'system', actorId: null, actorName: null, action: 'tenant.migrate', before: null, after: { ok: true, applied: ['0009-x'] } }),
];

/** The page's filter form (protected: the template's). */
const filtersOf = (page: PlatformAuditPage) => (page as unknown as { filters: FormGroup }).filters;

describe('PlatformAuditPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const expectAudit = (): TestRequest => http.expectOne((r) => r.url === '/api/platform/audit');

  async function render() {
    const fixture = TestBed.createComponent(PlatformAuditPage);
    const first = expectAudit();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('size')).toBe('50');
    expect(first.request.params.keys().sort()).toEqual(['page', 'size']);
    first.flush({ total: 3, page: 1, size: 50, items });
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists entries newest first in an accessible table: Japan time, actor, action, target', async () => {
    const { page } = await render();
    expect(page.querySelector('h1')?.textContent).toContain('操作履歴');
    expect(page.querySelector('caption')?.textContent).toContain('職員アカウントと図書館の操作の記録');
    expect([...page.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col', 'col', 'col']);
    const rows = [...page.querySelectorAll<HTMLTableRowElement>('tbody tr[data-audit]')];
    expect(rows.map((r) => r.dataset['audit'])).toEqual(['3', '2', '1']);
    // 01:30 UTC is 10:30 in Japan; 15:10 UTC on 30 April is 00:10 on 1 May in Japan
    expect(rows[0].querySelector('th[scope="row"]')?.textContent).toContain('10:30');
    expect(rows[1].querySelector('.when')?.textContent).toMatch(/2026\/05\/01|5月1日|2026年5月1日/);
    expect(rows[1].querySelector('.when')?.textContent).toContain('0:10');
    expect(rows[0].querySelector('.who')?.textContent).toContain('admin');
    expect(rows[0].querySelector('.action')?.textContent).toContain('図書館の停止');
    expect(rows[0].querySelector('.action code')?.textContent).toBe('tenant.suspend');
    expect(rows[0].querySelector('.target')?.textContent).toContain('図書館 香取市立図書館');
    expect(rows[1].querySelector('.who')?.textContent).toContain('コマンドライン（CLI・root）');
    expect(rows[1].querySelector('.target')?.textContent).toContain('職員 sato');
    expect(rows[1].querySelector('.target')?.textContent).toContain('広域');
    expect(rows[2].querySelector('.who')?.textContent).toContain('システム');
    expect(page.querySelector('[role="status"]')?.textContent).toContain('全 3 件');
  });

  it('opens an entry to its details (before → after) and closes it again', async () => {
    const { fixture, page } = await render();
    const button = page.querySelector<HTMLButtonElement>('tr[data-audit="3"] button.toggle')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-label')).toContain('図書館の停止');
    button.click();
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const details = page.querySelector('#platform-audit-details-3')!;
    expect(button.getAttribute('aria-controls')).toBe('platform-audit-details-3');
    expect(details.querySelector('table.diff tbody')?.textContent).toContain('status');
    expect(details.querySelector('del')?.textContent).toBe('active');
    expect(details.querySelector('ins')?.textContent).toBe('suspended');

    // another entry: only the changed fields; a creation lists what it recorded
    page.querySelector<HTMLButtonElement>('tr[data-audit="2"] button.toggle')!.click();
    await fixture.whenStable();
    expect(page.querySelector('#platform-audit-details-3')).toBeNull();
    const diff = page.querySelector('#platform-audit-details-2 table.diff tbody')!.textContent!;
    expect(diff).toContain('mustChangePassword');
    expect(diff).not.toContain('lockedUntil');
    expect(page.querySelector('#platform-audit-details-2')?.textContent).toContain('root');
    page.querySelector<HTMLButtonElement>('tr[data-audit="2"] button.toggle')!.click();
    await fixture.whenStable();
    expect(page.querySelector('.details')).toBeNull();
  });

  it('filters by action, actor and days, and pages', async () => {
    const { fixture, page } = await render();
    const form = filtersOf(fixture.componentInstance);
    form.setValue({ action: 'tenant', actor: ' Sato ', from: '2026-05-01', to: '2026-05-31' });
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    const req = expectAudit();
    expect(req.request.params.get('action')).toBe('tenant');
    expect(req.request.params.get('actor')).toBe('Sato');
    expect(req.request.params.get('from')).toBe('2026-05-01');
    expect(req.request.params.get('to')).toBe('2026-05-31');
    expect(req.request.params.get('page')).toBe('1');
    req.flush({ total: 120, page: 1, size: 50, items });
    await fixture.whenStable();
    expect(page.querySelector('nav.actions')?.textContent).toContain('1 / 3');

    page.querySelector<HTMLButtonElement>('button.next')!.click();
    const next = expectAudit();
    expect(next.request.params.get('page')).toBe('2');
    expect(next.request.params.get('actor')).toBe('Sato'); // the filters of the list on screen
    next.flush({ total: 120, page: 2, size: 50, items: [] });
    await fixture.whenStable();

    page.querySelector<HTMLButtonElement>('button.clear')!.click();
    const cleared = expectAudit();
    expect(cleared.request.params.keys().sort()).toEqual(['page', 'size']);
    cleared.flush({ total: 0, page: 1, size: 50, items: [] });
    await fixture.whenStable();
    expect(page.textContent).toContain('該当する記録はありません。');
  });

  it('does not ask the API with a bad actor or an end before the start', async () => {
    const { fixture, page } = await render();
    const form = filtersOf(fixture.componentInstance);
    form.patchValue({ actor: 'a b' });
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone((r) => r.url === '/api/platform/audit');
    expect(page.querySelector('mat-error')?.textContent).toContain('ユーザー名');

    form.patchValue({ actor: '', from: '2026-05-02', to: '2026-05-01' });
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone((r) => r.url === '/api/platform/audit');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('終了日は開始日と同じか');
  });

  it('speaks English when switched', async () => {
    TestBed.inject(I18n).setLang('en');
    const { page } = await render();
    expect(page.querySelector('h1')?.textContent).toContain('Audit log');
    expect(page.querySelector('tr[data-audit="3"] .action')?.textContent).toContain('Library suspended');
    expect(page.querySelector('tr[data-audit="2"] .who')?.textContent).toContain('Command line (CLI, root)');
  });
});
