import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { Api, API_LOCATION, ApiError, apiLocationFrom, tenantPath } from './api';
import { I18n } from './i18n';

const problem = (code: string, ja: string, en: string, status: number) => ({
  type: `https://shiori.example.jp/problems/${code.toLowerCase()}`,
  title: en,
  status,
  detail: ja,
  code,
  message: { ja, en },
});

describe('apiLocationFrom', () => {
  it('finds the API beside the console at /admin/', () => {
    expect(apiLocationFrom('https://lib.example.jp/admin/')).toEqual({ base: '/api', prefix: '' });
    expect(apiLocationFrom('https://lib.example.jp/admin/tenants/new')).toEqual({ base: '/api', prefix: '' });
  });

  it('keeps a path prefix in front of /api', () => {
    expect(apiLocationFrom('https://city.example.jp/shiori/admin/')).toEqual({ base: '/shiori/api', prefix: '/shiori' });
  });

  it('falls back to /api (development server at /)', () => {
    expect(apiLocationFrom('http://localhost:4200/')).toEqual({ base: '/api', prefix: '' });
  });
});

describe('tenantPath', () => {
  it('puts the slug under /t/', () => {
    expect(tenantPath('katori', '/info')).toBe('/t/katori/info');
  });
});

describe('Api', () => {
  let api: Api;
  let http: HttpTestingController;
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    api = TestBed.inject(Api);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('turns a problem+json error into an ApiError in the current language', async () => {
    const result = firstValueFrom(api.get('/t/katori/info'));
    http
      .expectOne('/api/t/katori/info')
      .flush(problem('TENANT_NOT_FOUND', '指定された図書館（テナント）はありません。', 'No such library (tenant).', 404), {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND', message: '指定された図書館（テナント）はありません。' });
    expect(snackBar.open).not.toHaveBeenCalled(); // expected errors are the page's to show
  });

  it('uses English when the reader switched to English', async () => {
    TestBed.inject(I18n).setLang('en');
    const result = firstValueFrom(api.get('/t/katori/info'));
    http
      .expectOne('/api/t/katori/info')
      .flush(problem('TENANT_SUSPENDED', 'この図書館のサービスは現在停止中です。', 'This library’s service is suspended.', 503), {
        status: 503,
        statusText: 'Service Unavailable',
      });
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('This library’s service is suspended.');
    expect(error.localized.ja).toBe('この図書館のサービスは現在停止中です。');
  });

  it('keeps field errors of a validation problem', async () => {
    const result = firstValueFrom(api.post('/t/katori/x', {}));
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/t/katori/x').flush(
      { ...problem('VALIDATION', '入力内容に誤りがあります。', 'The request has invalid fields.', 400), errors: [{ path: 'q', message: 'q is required' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('VALIDATION');
    expect(error.errors).toEqual([{ path: 'q', message: 'q is required' }]);
  });

  it('reports network failures and server errors in the global snack bar', async () => {
    const result = firstValueFrom(api.get('/t/katori/info'));
    http.expectOne('/api/t/katori/info').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ code: 'NETWORK', notified: true, message: 'サーバーに接続できません。ネットワークをご確認ください。' });
    expect(snackBar.open).toHaveBeenCalledWith('サーバーに接続できません。ネットワークをご確認ください。', '閉じる', expect.anything());
  });

  it('maps a non-problem error page (a proxy’s HTML) to a generic message', async () => {
    const result = firstValueFrom(api.get('/health'));
    http.expectOne('/api/health').flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', message: '予期しないエラーが発生しました。' });
  });

  it('sends the CSRF token with writes, fetching it once, and cookies with every call', async () => {
    const first = firstValueFrom(api.post('/t/katori/holds', { id: 1 }));
    const csrf = http.expectOne('/api/csrf');
    expect(csrf.request.withCredentials).toBe(true);
    csrf.flush({ token: 'tok-1' });
    const post = http.expectOne('/api/t/katori/holds');
    expect(post.request.method).toBe('POST');
    expect(post.request.headers.get('X-CSRF-Token')).toBe('tok-1');
    expect(post.request.withCredentials).toBe(true);
    post.flush({ ok: true });
    await first;

    const second = firstValueFrom(api.patch('/t/katori/holds/1', { status: 'x' }));
    const patch = http.expectOne('/api/t/katori/holds/1');
    expect(patch.request.headers.get('X-CSRF-Token')).toBe('tok-1');
    patch.flush({});
    await second;
  });

  it('retries a write once with a fresh token after a CSRF refusal', async () => {
    api.setCsrfToken('stale');
    const result = firstValueFrom(api.delete('/t/katori/holds/1'));
    http
      .expectOne('/api/t/katori/holds/1')
      .flush(problem('CSRF', '画面を再読み込みしてからもう一度お試しください（CSRF）。', 'Reload the page and try again.', 403), {
        status: 403,
        statusText: 'Forbidden',
      });
    http.expectOne('/api/csrf').flush({ token: 'fresh' });
    const retry = http.expectOne('/api/t/katori/holds/1');
    expect(retry.request.headers.get('X-CSRF-Token')).toBe('fresh');
    retry.flush(null, { status: 204, statusText: 'No Content' });
    await expect(result).resolves.toBeNull();
  });

  it('hands an expired session to the registered handler instead of the snack bar', async () => {
    const expired = jest.fn();
    api.whenUnauthenticated(expired);
    const result = firstValueFrom(api.get('/platform/tenants'));
    http
      .expectOne('/api/platform/tenants')
      .flush(problem('UNAUTHENTICATED', 'ログインしてください。', 'Please sign in.', 401), { status: 401, statusText: 'Unauthorized' });
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(expired).toHaveBeenCalledTimes(1);
    expect(snackBar.open).not.toHaveBeenCalled();
  });

  it('does not treat a failed login (LOGIN_FAILED, also 401) as an expired session', async () => {
    const expired = jest.fn();
    api.whenUnauthenticated(expired);
    const result = firstValueFrom(api.post('/platform/login', { username: 'admin', password: 'x' }));
    http.expectOne('/api/csrf').flush({ token: null });
    http
      .expectOne('/api/platform/login')
      .flush(problem('LOGIN_FAILED', '利用者番号（またはID）かパスワードが違います。', 'Wrong card number (or user name) or password.', 401), {
        status: 401,
        statusText: 'Unauthorized',
      });
    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('利用者番号（またはID）かパスワードが違います。');
    expect(expired).not.toHaveBeenCalled();
  });
});
