import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api, API_LOCATION, apiLocationFrom } from './api';

describe('apiLocationFrom', () => {
  it('reads the tenant from the base href the API wrote', () => {
    expect(apiLocationFrom('https://lib.example.jp/opac/katori/')).toEqual({ base: '/api', tenant: 'katori' });
    expect(apiLocationFrom('https://lib.example.jp/opac/sawara-city/search?q=x')).toEqual({ base: '/api', tenant: 'sawara-city' });
  });

  it('keeps a path prefix in front of /api', () => {
    expect(apiLocationFrom('https://city.example.jp/shiori/opac/katori/')).toEqual({ base: '/shiori/api', tenant: 'katori' });
  });

  it('has no tenant outside /opac/{slug}/', () => {
    expect(apiLocationFrom('http://localhost:4200/')).toEqual({ base: '/api', tenant: null });
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
        { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    api = TestBed.inject(Api);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  // cookies, CSRF and problem+json are @shiori/web-core's (libs/web-core/src/lib/api.spec.ts)
  it('builds tenant paths from the slug', () => {
    expect(api.tenantPath('/info')).toBe('/t/katori/info');
  });
});
