import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_LOCATION } from '../core/api';
import { I18n } from '../core/i18n';
import { Session } from '../core/session';
import { LoginPage } from './login-page';

@Component({ template: 'signed in' })
class Landing {}

const staff = (role: 'platform-admin' | 'librarian') => ({
  id: 's1',
  username: role === 'platform-admin' ? 'admin' : 'tanaka',
  role,
  tenantId: role === 'librarian' ? 't1' : null,
  displayName: role === 'librarian' ? '田中 花子' : '広域管理者',
});

describe('LoginPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: 'tenants', component: Landing },
          { path: 'dashboard', component: Landing },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/login', LoginPage);
    page = harness.routeNativeElement!;
    http.expectOne('/api/platform/libraries').flush([
      { code: 'katori', name: '香取市立図書館' },
      { code: 'koga', name: '古賀市立図書館' },
    ]);
    await harness.fixture.whenStable();
  });

  it('offers the libraries by name, the code filled in when one is chosen (no developer words)', () => {
    const field = page.querySelector<HTMLInputElement>('input[name=tenant]')!;
    const options = [...page.querySelectorAll<HTMLOptionElement>(`datalist#${field.getAttribute('list')} option`)];
    expect(options.map((o) => [o.value, o.textContent!.trim()])).toEqual([
      ['katori', '香取市立図書館'],
      ['koga', '古賀市立図書館'],
    ]);
    expect(page.textContent).not.toContain('スラッグ');
    expect(page.textContent).toContain('図書館（図書館コード）');
  });

  afterEach(() => http.verify());

  function type(name: string, value: string) {
    const input = page.querySelector<HTMLInputElement>(`input[name=${name}]`);
    if (!input) throw new Error(`no field ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit() {
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
  }

  async function chooseMode(mode: 'platform' | 'librarian') {
    page.querySelector<HTMLButtonElement>(`.mode-${mode} button`)!.click();
    await harness.fixture.whenStable();
  }

  it('is Japanese first and offers both kinds of sign-in', () => {
    expect(page.querySelector('h1')?.textContent).toContain('Shiori 管理画面へのログイン');
    expect(page.querySelector('.mode-librarian')?.textContent).toContain('図書館職員');
    expect(page.querySelector('.mode-platform')?.textContent).toContain('広域管理者');
  });

  it('signs a librarian in to the library named by the slug: POST /api/t/{slug}/staff/login', async () => {
    type('tenant', 'katori');
    type('username', 'tanaka');
    type('password', 'correct horse');
    await submit();

    http.expectOne('/api/csrf').flush({ token: null });
    const req = http.expectOne('/api/t/katori/staff/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ username: 'tanaka', password: 'correct horse' });
    http.expectNone('/api/platform/login');
    req.flush({ staff: staff('librarian'), token: 'tok', csrfToken: 'csrf-1', tenant: { slug: 'katori', name: '香取市立図書館' } });
    await harness.fixture.whenStable();

    const session = TestBed.inject(Session);
    expect(session.isLibrarian()).toBe(true);
    expect(session.tenant()).toEqual({ slug: 'katori', name: '香取市立図書館' });
    expect(TestBed.inject(Router).url).toBe('/dashboard');
    // minimal state for a reload, and no token in storage (the cookie carries the session)
    expect(JSON.parse(sessionStorage.getItem('shiori.admin.session')!)).toEqual({
      kind: 'librarian',
      username: 'tanaka',
      displayName: '田中 花子',
      tenant: { slug: 'katori', name: '香取市立図書館' },
    });
    expect(sessionStorage.getItem('shiori.admin.session')).not.toContain('tok');
  });

  it('signs the regional admin in to the platform: POST /api/platform/login, no slug asked', async () => {
    await chooseMode('platform');
    expect(page.querySelector('input[name=tenant]')).toBeNull();
    type('username', 'admin');
    type('password', 'secret-password');
    await submit();

    http.expectOne('/api/csrf').flush({ token: null });
    const req = http.expectOne('/api/platform/login');
    expect(req.request.body).toEqual({ username: 'admin', password: 'secret-password' });
    req.flush({ staff: staff('platform-admin'), token: 'tok', csrfToken: 'csrf-2' });
    await harness.fixture.whenStable();

    expect(TestBed.inject(Session).isPlatformAdmin()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/tenants');
  });

  it('sends the CSRF token of a still-open cookie session with the login', async () => {
    await chooseMode('platform');
    type('username', 'admin');
    type('password', 'secret-password');
    await submit();
    http.expectOne('/api/csrf').flush({ token: 'old-session-token' });
    const req = http.expectOne('/api/platform/login');
    expect(req.request.headers.get('X-CSRF-Token')).toBe('old-session-token');
    req.flush({ staff: staff('platform-admin'), token: 'tok', csrfToken: 'csrf-2' });
  });

  it('asks for every field before calling the API', async () => {
    await submit();
    http.expectNone(() => true);
    expect(document.activeElement?.getAttribute('name')).toBe('tenant');
    expect(page.textContent).toContain('図書館を選んでください。');
    expect(page.textContent).toContain('ユーザー名を入力してください。');
    expect(page.textContent).toContain('パスワードを入力してください。');
  });

  it('checks the slug’s shape', async () => {
    type('tenant', 'Katori City');
    type('username', 'tanaka');
    type('password', 'x');
    await submit();
    http.expectNone(() => true);
    expect(page.textContent).toContain('一覧にある図書館コードを選んでください');
  });

  it('shows the API’s message for a failed sign-in, in the current language', async () => {
    type('tenant', 'katori');
    type('username', 'tanaka');
    type('password', 'wrong');
    await submit();
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/t/katori/staff/login').flush(
      {
        code: 'LOGIN_FAILED',
        status: 401,
        message: { ja: '利用者番号（またはID）かパスワードが違います。', en: 'Wrong card number (or user name) or password.' },
      },
      { status: 401, statusText: 'Unauthorized', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await harness.fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('利用者番号（またはID）かパスワードが違います。');
    expect(TestBed.inject(Session).signedIn()).toBe(false);
    expect(page.querySelector<HTMLInputElement>('input[name=password]')?.value).toBe('');

    TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Wrong card number (or user name) or password.');
  });
});
