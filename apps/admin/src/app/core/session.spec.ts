import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Api, API_LOCATION } from './api';
import { Session, SessionState } from './session';

const librarian: SessionState = { kind: 'librarian', username: 'tanaka', displayName: '田中 花子', tenant: { slug: 'katori', name: '香取市立図書館' } };

describe('Session', () => {
  let http: HttpTestingController;
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('restores the signed-in user after a reload', () => {
    sessionStorage.setItem('shiori.admin.session', JSON.stringify(librarian));
    const session = TestBed.inject(Session);
    expect(session.isLibrarian()).toBe(true);
    expect(session.displayName()).toBe('田中 花子');
    expect(session.homeUrl()).toBe('/dashboard');
  });

  it('ignores stored junk', () => {
    sessionStorage.setItem('shiori.admin.session', '{"kind":"root"}');
    expect(TestBed.inject(Session).signedIn()).toBe(false);
  });

  it('logs a librarian out of the tenant: POST /api/t/{slug}/staff/logout', async () => {
    sessionStorage.setItem('shiori.admin.session', JSON.stringify(librarian));
    const session = TestBed.inject(Session);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const done = firstValueFrom(session.logout(), { defaultValue: undefined });
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne('/api/t/katori/staff/logout');
    expect(req.request.headers.get('X-CSRF-Token')).toBe('csrf');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(session.signedIn()).toBe(false);
    expect(sessionStorage.getItem('shiori.admin.session')).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('logs the regional admin out of the platform: POST /api/platform/logout', async () => {
    sessionStorage.setItem('shiori.admin.session', JSON.stringify({ ...librarian, kind: 'platform', tenant: null }));
    const session = TestBed.inject(Session);
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    TestBed.inject(Api).setCsrfToken('known');
    const done = firstValueFrom(session.logout(), { defaultValue: undefined });
    http.expectOne('/api/platform/logout').flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(session.signedIn()).toBe(false);
  });

  it('signs out and says so when the API reports the session gone', async () => {
    sessionStorage.setItem('shiori.admin.session', JSON.stringify(librarian));
    const session = TestBed.inject(Session);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const call = firstValueFrom(TestBed.inject(Api).get('/t/katori/info')).catch(() => undefined);
    http
      .expectOne('/api/t/katori/info')
      .flush({ code: 'UNAUTHENTICATED', message: { ja: 'ログインしてください。', en: 'Please sign in.' } }, { status: 401, statusText: 'Unauthorized' });
    await call;
    expect(session.signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/login');
    expect(snackBar.open).toHaveBeenCalledWith('ログインの有効期限が切れました。もう一度ログインしてください。', '閉じる', expect.anything());
  });
});
