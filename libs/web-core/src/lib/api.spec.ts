import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { inject, Injectable } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { ApiBase } from './api';
import { ApiError, ErrorNotifierBase } from './errors';
import { I18nBase, Lang } from './i18n';

// An app as the OPAC and the console build one: its dictionary, notifier and Api.
const MESSAGES: Record<Lang, Record<'error.network' | 'error.unexpected' | 'error.close', string>> = {
  ja: { 'error.network': 'サーバーに接続できません。ネットワークをご確認ください。', 'error.unexpected': '予期しないエラーが発生しました。', 'error.close': '閉じる' },
  en: { 'error.network': 'Cannot reach the server. Please check your network.', 'error.unexpected': 'An unexpected error occurred.', 'error.close': 'Close' },
};

@Injectable({ providedIn: 'root' })
class I18n extends I18nBase<keyof (typeof MESSAGES)['ja']> {
  constructor() {
    super(MESSAGES, 'shiori.test.lang');
  }
}

@Injectable({ providedIn: 'root' })
class ErrorNotifier extends ErrorNotifierBase {
  constructor() {
    super(inject(I18n));
  }
}

@Injectable({ providedIn: 'root' })
class Api extends ApiBase {
  constructor() {
    super('/api', inject(I18n), inject(ErrorNotifier));
  }
}

const problem = (code: string, ja: string, en: string, status: number) => ({
  type: `https://shiori.example.jp/problems/${code.toLowerCase()}`,
  title: en,
  status,
  detail: ja,
  code,
  message: { ja, en },
});

describe('ApiBase', () => {
  let api: Api;
  let http: HttpTestingController;
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatSnackBar, useValue: snackBar }],
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
});
