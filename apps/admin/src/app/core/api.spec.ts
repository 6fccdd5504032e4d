import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { Api, API_LOCATION, ApiError, apiLocationFrom, tenantPath } from './api';

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

  // cookies, CSRF and problem+json are @shiori/web-core's (libs/web-core/src/lib/api.spec.ts)
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
