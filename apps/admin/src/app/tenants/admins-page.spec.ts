import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { API_LOCATION } from '../core/api';
import { AdminsPage } from './admins-page';
import { StaffPasswordDialog } from './staff-dialogs';

const admins = [
  { id: 'a1', username: 'admin', role: 'platform-admin', tenantId: null, displayName: '広域管理者', disabled: false, lastLoginAt: null, lockedUntil: null },
  { id: 'a2', username: 'sato', role: 'platform-admin', tenantId: null, displayName: null, disabled: false, lastLoginAt: null, lockedUntil: null },
];

describe('AdminsPage', () => {
  let http: HttpTestingController;
  let dialog: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    dialog = { open: jest.fn(() => ({ afterClosed: () => of(true) })) };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
        { provide: MatDialog, useValue: dialog },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the platform admins and updates a row in place after a change', async () => {
    const fixture = TestBed.createComponent(AdminsPage);
    http.expectOne('/api/platform/admins').flush(admins);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toContain('広域管理者');
    expect(page.querySelector('caption')?.textContent).toContain('広域管理者のアカウント');
    expect(page.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(page.querySelector('tr[data-staff="sato"]')?.textContent).toContain('広域管理者');

    page.querySelector<HTMLButtonElement>('tr[data-staff="sato"] button.toggle')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne('/api/platform/staff/a2').flush({ ...admins[1], disabled: true });
    await fixture.whenStable();
    expect(page.querySelector('tr[data-staff="sato"] .state')?.textContent).toContain('無効');
    expect(page.querySelector('tr[data-staff="admin"] .state')?.textContent).toContain('有効');
  });

  function type(page: HTMLElement, name: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`form.add-admin input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('adds a platform admin and shows the temporary password once', async () => {
    const fixture = TestBed.createComponent(AdminsPage);
    http.expectOne('/api/platform/admins').flush(admins);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('#add-admin-heading')?.textContent).toContain('広域管理者を追加');

    type(page, 'username', ' suzuki ');
    type(page, 'displayName', '鈴木 次郎');
    page.querySelector<HTMLFormElement>('form.add-admin')!.dispatchEvent(new Event('submit'));
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne((r) => r.method === 'POST' && r.url === '/api/platform/admins');
    expect(req.request.body).toEqual({ username: 'suzuki', displayName: '鈴木 次郎' });
    req.flush({
      temporaryPassword: 'abcd-efgh-jkmn',
      mustChangePassword: true,
      staff: { id: 'a3', username: 'suzuki', role: 'platform-admin', tenantId: null, displayName: '鈴木 次郎', disabled: false, mustChangePassword: true },
    });
    await fixture.whenStable();
    expect(dialog.open).toHaveBeenCalledWith(StaffPasswordDialog, expect.objectContaining({ data: { name: '鈴木 次郎', temporaryPassword: 'abcd-efgh-jkmn' }, disableClose: true }));
    expect(page.querySelector('tr[data-staff="suzuki"] .must-change')?.textContent).toContain('仮パスワード発行中');
    expect(page.querySelector<HTMLInputElement>('form.add-admin input[name="username"]')!.value).toBe('');
  });

  it('shows a taken user name at the field, and checks the name before asking', async () => {
    const fixture = TestBed.createComponent(AdminsPage);
    http.expectOne('/api/platform/admins').flush(admins);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    type(page, 'username', 'a b');
    page.querySelector<HTMLFormElement>('form.add-admin')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'POST');
    expect(page.querySelector('form.add-admin mat-error')?.textContent).toContain('3〜60 文字');

    type(page, 'username', 'sato');
    page.querySelector<HTMLFormElement>('form.add-admin')!.dispatchEvent(new Event('submit'));
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/platform/admins')
      .flush(
        { type: 'about:blank', status: 409, code: 'STAFF_EXISTS', message: { ja: 'そのユーザー名の職員は既に登録されています。', en: 'taken' } },
        { status: 409, statusText: 'Conflict', headers: { 'Content-Type': 'application/problem+json' } },
      );
    await fixture.whenStable();
    expect(page.querySelector('form.add-admin mat-error')?.textContent).toContain('そのユーザー名は使用中です。');
    expect(dialog.open).not.toHaveBeenCalled();
  });

  it('marks the signed-in admin’s own row and offers no way to disable it (a colleague does)', async () => {
    sessionStorage.setItem('shiori.admin.session', JSON.stringify({ kind: 'platform', username: 'Admin', displayName: null, tenant: null }));
    const fixture = TestBed.createComponent(AdminsPage);
    http.expectOne('/api/platform/admins').flush(admins);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('tr[data-staff="admin"] .self')?.textContent).toContain('あなた');
    expect(page.querySelector('tr[data-staff="admin"] button.toggle')).toBeNull();
    expect(page.querySelector('tr[data-staff="admin"] button.reset')).not.toBeNull();
    expect(page.querySelector('tr[data-staff="sato"] .self')).toBeNull();
    expect(page.querySelector('tr[data-staff="sato"] button.toggle')).not.toBeNull();
  });
});
