import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { API_LOCATION } from '../core/api';
import { ConfirmDialog } from '../core/confirm-dialog';
import { StaffNameDialog, StaffPasswordDialog } from './staff-dialogs';
import { StaffTable } from './staff-table';
import { StaffAccount } from './tenants-api';

const tanaka: StaffAccount = {
  id: 's1',
  username: 'tanaka',
  role: 'librarian',
  displayName: '田中 花子',
  lastLoginAt: '2026-05-01T01:30:00Z',
  disabled: false,
  lockedUntil: null,
  failedLogins: 0,
  mustChangePassword: false,
};
const suzuki: StaffAccount = {
  id: 's2',
  username: 'suzuki',
  role: 'librarian',
  displayName: null,
  lastLoginAt: null,
  disabled: true,
  lockedUntil: '2099-05-01T03:00:00Z',
  failedLogins: 10,
  mustChangePassword: true,
};

describe('StaffTable', () => {
  let http: HttpTestingController;
  let dialog: { open: jest.Mock };
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    dialog = { open: jest.fn(() => ({ afterClosed: () => of(true) })) };
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
        { provide: MatDialog, useValue: dialog },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(accounts: StaffAccount[] = [tanaka, suzuki]) {
    const fixture = TestBed.createComponent(StaffTable);
    fixture.componentRef.setInput('accounts', accounts);
    fixture.componentRef.setInput('caption', 'この図書館の職員アカウント');
    const changed: StaffAccount[] = [];
    fixture.componentInstance.changed.subscribe((s) => changed.push(s));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const row = (username: string) => page.querySelector<HTMLElement>(`tr[data-staff="${username}"]`)!;
    const button = (username: string, cls: string) => row(username).querySelector<HTMLButtonElement>(`button.${cls}`);
    return { fixture, page, row, button, changed };
  }

  function expectWrite(url: string, method: string) {
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne(url);
    expect(req.request.method).toBe(method);
    return req;
  }

  it('is a captioned table with column headers, a row header per account, and status in words', async () => {
    const { page, row } = await render();
    expect(page.querySelector('caption')?.textContent).toContain('この図書館の職員アカウント');
    expect(page.querySelector('[role=region]')?.getAttribute('aria-label')).toBe('この図書館の職員アカウント');
    const headers = [...page.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['ユーザー名', '表示名', '役割', '最終ログイン', '状態', '操作']);
    expect(page.querySelectorAll('thead th[scope=col]')).toHaveLength(6);
    expect(row('tanaka').querySelector('th[scope=row]')?.textContent).toContain('tanaka');
    expect(row('tanaka').querySelector('.state')?.textContent).toContain('有効');
    expect(row('tanaka').querySelector('.last-login')?.textContent).toContain('2026');
    expect(row('tanaka').textContent).toContain('図書館職員');
    expect(row('suzuki').querySelector('.state')?.textContent).toContain('無効');
    expect(row('suzuki').querySelector('.last-login')?.textContent).toContain('未ログイン');
    expect(row('suzuki').querySelector('.locked')?.textContent).toContain('ログイン失敗が続いています');
    expect(row('suzuki').querySelector('.must-change')?.textContent).toContain('仮パスワード');
  });

  it('labels every action with the account, and offers unlock only while locked', async () => {
    const { button } = await render();
    expect(button('tanaka', 'edit')?.getAttribute('aria-label')).toBe('田中 花子 の表示名を変更');
    expect(button('tanaka', 'toggle')?.getAttribute('aria-label')).toBe('田中 花子 を無効にする');
    expect(button('suzuki', 'toggle')?.getAttribute('aria-label')).toBe('suzuki を有効にする');
    expect(button('tanaka', 'reset')?.getAttribute('aria-label')).toBe('田中 花子 のパスワードをリセット');
    expect(button('tanaka', 'unlock')).toBeNull();
    expect(button('suzuki', 'unlock')?.getAttribute('aria-label')).toBe('suzuki のログイン失敗回数を消す');
  });

  it('edits the display name in a dialog: PATCH {displayName}, then emits the updated account', async () => {
    dialog.open.mockReturnValueOnce({ afterClosed: () => of('田中 はな') });
    const { button, changed } = await render();
    button('tanaka', 'edit')!.click();
    expect(dialog.open).toHaveBeenCalledWith(StaffNameDialog, expect.objectContaining({ data: { name: '田中 花子', displayName: '田中 花子' } }));
    const req = expectWrite('/api/platform/staff/s1', 'PATCH');
    expect(req.request.body).toEqual({ displayName: '田中 はな' });
    req.flush({ ...tanaka, displayName: '田中 はな' });
    expect(changed).toEqual([expect.objectContaining({ id: 's1', displayName: '田中 はな' })]);
    expect(snackBar.open).toHaveBeenCalledWith('田中 はな の表示名を変更しました。', expect.anything(), expect.anything());
  });

  it('clears the display name with null; a cancelled dialog sends nothing', async () => {
    dialog.open.mockReturnValueOnce({ afterClosed: () => of(undefined) }).mockReturnValueOnce({ afterClosed: () => of('') });
    const { button } = await render();
    button('tanaka', 'edit')!.click();
    http.expectNone('/api/platform/staff/s1');
    button('tanaka', 'edit')!.click();
    const req = expectWrite('/api/platform/staff/s1', 'PATCH');
    expect(req.request.body).toEqual({ displayName: null });
    req.flush({ ...tanaka, displayName: null });
  });

  it('disables after a confirmation (danger): PATCH {disabled: true}', async () => {
    const { button, changed } = await render();
    button('tanaka', 'toggle')!.click();
    expect(dialog.open).toHaveBeenCalledWith(ConfirmDialog, expect.objectContaining({ data: expect.objectContaining({ title: '田中 花子 を無効にしますか？', danger: true }) }));
    const req = expectWrite('/api/platform/staff/s1', 'PATCH');
    expect(req.request.body).toEqual({ disabled: true });
    req.flush({ ...tanaka, disabled: true });
    expect(changed[0].disabled).toBe(true);
    expect(snackBar.open).toHaveBeenCalledWith('田中 花子 を無効にしました。', expect.anything(), expect.anything());
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    dialog.open.mockReturnValueOnce({ afterClosed: () => of(false) });
    const { button } = await render();
    button('tanaka', 'toggle')!.click();
    http.expectNone('/api/csrf');
  });

  it('enables a disabled account after a confirmation: PATCH {disabled: false}', async () => {
    const { button } = await render();
    button('suzuki', 'toggle')!.click();
    expect(dialog.open).toHaveBeenCalledWith(ConfirmDialog, expect.objectContaining({ data: expect.objectContaining({ danger: false }) }));
    const req = expectWrite('/api/platform/staff/s2', 'PATCH');
    expect(req.request.body).toEqual({ disabled: false });
    req.flush({ ...suzuki, disabled: false });
  });

  it('resets the password after a confirmation and shows the temporary password once in its own dialog', async () => {
    const { button, changed } = await render();
    button('tanaka', 'reset')!.click();
    const req = expectWrite('/api/platform/staff/s1/reset-password', 'POST');
    req.flush({ temporaryPassword: 'abcd-efgh-jkmn', mustChangePassword: true, staff: { ...tanaka, mustChangePassword: true } });
    expect(dialog.open).toHaveBeenLastCalledWith(
      StaffPasswordDialog,
      expect.objectContaining({ data: { name: '田中 花子', temporaryPassword: 'abcd-efgh-jkmn' }, disableClose: true }),
    );
    expect(changed[0].mustChangePassword).toBe(true);
  });

  it('unlocks without asking: POST …/unlock', async () => {
    const { button, changed } = await render();
    button('suzuki', 'unlock')!.click();
    expect(dialog.open).not.toHaveBeenCalled();
    expectWrite('/api/platform/staff/s2/unlock', 'POST').flush({ ...suzuki, lockedUntil: null, failedLogins: 0 });
    expect(changed[0].lockedUntil).toBeNull();
    expect(snackBar.open).toHaveBeenCalledWith('suzuki のログイン失敗回数を消しました。', expect.anything(), expect.anything());
  });

  it('shows the API’s words when the last platform admin cannot be disabled, and the buttons work again', async () => {
    const admin: StaffAccount = { ...tanaka, id: 'a1', username: 'admin', role: 'platform-admin', displayName: '広域管理者' };
    const { fixture, button } = await render([admin]);
    button('admin', 'toggle')!.click();
    expect(button('admin', 'toggle')!.disabled).toBe(false); // not re-rendered yet
    expectWrite('/api/platform/staff/a1', 'PATCH').flush(
      {
        code: 'LAST_PLATFORM_ADMIN',
        status: 409,
        message: { ja: '有効な広域管理者が他にいないため、このアカウントは無効にできません。', en: 'This is the last active platform admin.' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(snackBar.open).toHaveBeenCalledWith(expect.stringContaining('有効な広域管理者が他にいない'), expect.anything(), expect.anything());
    expect(button('admin', 'toggle')!.disabled).toBe(false);
    expect(fixture.nativeElement.textContent).toContain('広域管理者');
  });
});
