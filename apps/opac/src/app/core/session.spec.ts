import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_LOCATION } from './api';
import { Session } from './session';

describe('session: /me only with the API’s session hint', () => {
  let http: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } }] });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
  });
  afterEach(() => {
    document.cookie = 'shiori_signed_in=1; path=/';
    http.verify();
  });

  it('an anonymous visitor (no hint cookie): anonymous at once, no request that could only answer 401', async () => {
    document.cookie = 'shiori_signed_in=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    expect(await session.ensureLoaded()).toBeNull();
    expect(session.known()).toBe(true);
    expect(session.signedIn()).toBe(false);
    http.expectNone('/api/t/katori/me');
  });

  it('with the hint: asks /me once and is signed in', async () => {
    const loaded = session.ensureLoaded();
    http.expectOne('/api/t/katori/me').flush({ id: 'p1', name: '香取 太郎', counts: {}, mustChangePassword: false });
    expect((await loaded)?.name).toBe('香取 太郎');
    expect(session.signedIn()).toBe(true);
  });
});
