import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_LOCATION } from '../core/api';
import { mustChangePassword, passwordChanged, Session, signedIn, signedOut } from '../core/session';
import { ChangePasswordPage } from './change-password-page';
import { LoginPage } from './login-page';

@Component({ template: 'signed in' })
class Landing {}

const librarian = { id: 's1', username: 'tanaka', role: 'librarian', tenantId: 't1', displayName: '田中 花子' };

describe('ChangePasswordPage (temporary password → forced change)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let snackBar: { open: jest.Mock };

  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginPage, canActivate: [signedOut] },
          { path: 'change-password', component: ChangePasswordPage, canActivate: [mustChangePassword] },
          {
            path: '',
            canActivate: [signedIn, passwordChanged],
            children: [
              { path: 'dashboard', component: Landing },
              { path: 'tenants', component: Landing },
            ],
          },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  function type(page: HTMLElement, name: string, value: string) {
    const input = page.querySelector<HTMLInputElement>(`input[name=${name}]`);
    if (!input) throw new Error(`no field ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  /** Signs a librarian in with a temporary password through the login page. */
  async function signInWithTemporaryPassword(): Promise<HTMLElement> {
    await harness.navigateByUrl('/login', LoginPage);
    http.match('/api/platform/libraries').forEach((r) => r.flush([]));
    const login = harness.routeNativeElement!;
    type(login, 'tenant', 'katori');
    type(login, 'username', 'tanaka');
    type(login, 'password', 'abcd-efgh-jkmn');
    login.querySelector('form')!.dispatchEvent(new Event('submit'));
    http.expectOne('/api/csrf').flush({ token: null });
    http
      .expectOne('/api/t/katori/staff/login')
      .flush({ staff: librarian, mustChangePassword: true, token: 'tok', csrfToken: 'csrf', tenant: { slug: 'katori', name: '香取市立図書館' } });
    await harness.fixture.whenStable();
    return harness.routeNativeElement!;
  }

  async function submit(page: HTMLElement) {
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
  }

  it('sends a staff member who signed in with a temporary password to the change screen, and keeps them there', async () => {
    const page = await signInWithTemporaryPassword();
    expect(TestBed.inject(Router).url).toBe('/change-password');
    expect(page.querySelector('h1')?.textContent).toContain('新しいパスワードの設定');
    expect(page.textContent).toContain('田中 花子');
    await harness.navigateByUrl('/dashboard');
    expect(TestBed.inject(Router).url).toBe('/change-password');
  });

  it('checks the fields before sending: required, 10 characters, both new passwords equal', async () => {
    const page = await signInWithTemporaryPassword();
    await submit(page);
    expect(page.querySelectorAll('mat-error').length).toBe(3);
    expect(document.activeElement?.getAttribute('name')).toBe('currentPassword');
    type(page, 'currentPassword', 'abcd-efgh-jkmn');
    type(page, 'newPassword', 'short');
    type(page, 'again', 'different');
    await submit(page);
    expect(page.textContent).toContain('10 文字以上にしてください。');
    expect(page.textContent).toContain('確認用のパスワードが一致しません。');
    http.expectNone('/api/t/katori/staff/me/password');
  });

  it('changes the password: PUT /api/t/{slug}/staff/me/password, then opens the console', async () => {
    const page = await signInWithTemporaryPassword();
    type(page, 'currentPassword', 'abcd-efgh-jkmn');
    type(page, 'newPassword', 'my-own-password-1');
    type(page, 'again', 'my-own-password-1');
    await submit(page);
    const req = http.expectOne('/api/t/katori/staff/me/password');
    expect(req.request.method).toBe('PUT');
    expect(req.request.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(req.request.body).toEqual({ currentPassword: 'abcd-efgh-jkmn', newPassword: 'my-own-password-1' });
    req.flush({ changed: true });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/dashboard');
    expect(TestBed.inject(Session).mustChangePassword()).toBe(false);
    expect(JSON.parse(sessionStorage.getItem('shiori.admin.session')!).mustChangePassword).toBeUndefined();
    expect(snackBar.open).toHaveBeenCalledWith('パスワードを変更しました。', expect.anything(), expect.anything());
  });

  it('puts a wrong current password on its field', async () => {
    const page = await signInWithTemporaryPassword();
    type(page, 'currentPassword', 'wrong-one');
    type(page, 'newPassword', 'my-own-password-1');
    type(page, 'again', 'my-own-password-1');
    await submit(page);
    http
      .expectOne('/api/t/katori/staff/me/password')
      .flush(
        { code: 'STAFF_CURRENT_PASSWORD_WRONG', status: 422, message: { ja: '現在のパスワードが違います。', en: 'The current password is wrong.' } },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await harness.fixture.whenStable();
    expect(page.querySelector('mat-error')?.textContent).toContain('現在のパスワードが違います。');
    expect(document.activeElement?.getAttribute('name')).toBe('currentPassword');
    expect(TestBed.inject(Router).url).toBe('/change-password');
  });

  it('lets a platform admin change theirs at PUT /api/platform/me/password; a normal sign-in goes straight in', async () => {
    const session = TestBed.inject(Session);
    session.loginPlatform('admin', 'x').subscribe();
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/platform/login').flush({ staff: { ...librarian, role: 'platform-admin', tenantId: null }, mustChangePassword: true, token: 't', csrfToken: 'c' });
    expect(session.homeUrl()).toBe('/change-password');
    session.changePassword('abcd-efgh-jkmn', 'my-own-password-1').subscribe();
    http.expectOne('/api/platform/me/password').flush({ changed: true });
    expect(session.homeUrl()).toBe('/tenants');

    session.loginPlatform('admin', 'x').subscribe();
    http.expectOne('/api/platform/login').flush({ staff: { ...librarian, role: 'platform-admin', tenantId: null }, mustChangePassword: false, token: 't', csrfToken: 'c' });
    expect(session.mustChangePassword()).toBe(false);
    await harness.navigateByUrl('/change-password');
    expect(TestBed.inject(Router).url).toBe('/tenants');
  });
});
