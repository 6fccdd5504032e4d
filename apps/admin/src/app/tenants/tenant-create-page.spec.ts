import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_LOCATION } from '../core/api';
import { I18n } from '../core/i18n';
import { debounce, Subject } from 'rxjs';
import { SLUG_TYPING_PAUSE, TenantCreatePage } from './tenant-create-page';

@Component({ template: 'list' })
class List {}

const presets = [
  { slug: 'default', name: { ja: '標準', en: 'Standard' } },
  { slug: 'katori', name: { ja: '香取市（移動図書館あり）', en: 'Katori (with bookmobile)' } },
];

describe('TenantCreatePage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;
  let snackBar: { open: jest.Mock };
  /** The typing pause ends when the test says so (pause()), never by a timer on a busy machine. */
  let typingPause: Subject<void>;

  beforeEach(async () => {
    localStorage.clear();
    snackBar = { open: jest.fn() };
    typingPause = new Subject<void>();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'tenants/new', component: TenantCreatePage },
          { path: 'tenants', component: List },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
        { provide: SLUG_TYPING_PAUSE, useValue: debounce<string>(() => typingPause) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/tenants/new', TenantCreatePage);
    http.expectOne('/api/platform/presets').flush(presets);
    await harness.fixture.whenStable();
    page = harness.routeNativeElement!;
  });

  afterEach(() => http.verify());

  async function type(name: string, value: string) {
    const input = page.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await harness.fixture.whenStable();
  }

  async function submit() {
    page.querySelector('form')!.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
  }

  it('validates the slug while it is typed, against ^[a-z][a-z0-9-]{1,30}$', async () => {
    await type('slug', 'Katori');
    expect(page.querySelector('mat-error')?.textContent).toContain('半角英小文字で始まり');
    await type('slug', 'k');
    expect(page.querySelector('mat-error')?.textContent).toContain('半角英小文字で始まり');
    await type('slug', '1katori');
    expect(page.querySelector('mat-error')?.textContent).toContain('半角英小文字で始まり');
    await type('slug', 'katori-2');
    expect(page.querySelector('mat-error')).toBeNull();
    expect(page.textContent).toContain('/opac/katori-2/');
  });

  async function pause() {
    typingPause.next();
    await harness.fixture.whenStable();
  }

  it('checks after a typing pause whether the slug is free (404 = free)', async () => {
    await type('slug', 'kog');
    await type('slug', 'koga');
    await pause();
    const req = http.expectOne('/api/platform/tenants/koga'); // one lookup for the pause, not one per key
    req.flush({ code: 'TENANT_NOT_FOUND', message: { ja: '見つかりません。', en: 'Not found.' } }, { status: 404, statusText: 'Not Found' });
    await harness.fixture.whenStable();
    expect(page.querySelector('mat-hint')?.textContent).toContain('「koga」は使用できます');
    expect(page.querySelector('mat-error')).toBeNull();
  });

  it('marks a slug in use as soon as the lookup finds it', async () => {
    await type('slug', 'katori');
    await pause();
    http.expectOne('/api/platform/tenants/katori').flush({ slug: 'katori', name: '香取市立図書館', status: 'active', createdAt: '2026-04-01T00:00:00Z' });
    await harness.fixture.whenStable();
    expect(page.querySelector('mat-error')?.textContent).toContain('そのスラッグは使用中です');
  });

  it('does not look up a slug that breaks the rule', async () => {
    await type('slug', 'Koga');
    await pause();
    http.expectNone((r) => r.url.startsWith('/api/platform/tenants/'));
  });

  it('creates the tenant with the chosen preset and returns to the list', async () => {
    await type('slug', 'katori');
    await type('name', '香取市立図書館');
    await submit();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne('/api/platform/tenants');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ slug: 'katori', name: '香取市立図書館', preset: 'default' });
    expect(req.request.headers.get('X-CSRF-Token')).toBe('csrf');
    req.flush({ slug: 'katori', name: '香取市立図書館', status: 'active', createdAt: '2026-04-01T00:00:00Z' });
    await harness.fixture.whenStable();
    expect(snackBar.open).toHaveBeenCalledWith('香取市立図書館 を作成しました。', '閉じる', expect.anything());
    expect(TestBed.inject(Router).url).toBe('/tenants');
  });

  it('says そのスラッグは使用中です on the slug field when the API answers 409', async () => {
    await type('slug', 'katori');
    await type('name', '香取市立図書館');
    await submit();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne('/api/platform/tenants').flush(
      { code: 'TENANT_EXISTS', message: { ja: 'そのスラッグの図書館は既にあります。', en: 'A tenant with this slug already exists.' } },
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();
    expect(page.querySelector('mat-error')?.textContent).toContain('そのスラッグは使用中です');
    expect(document.activeElement?.getAttribute('name')).toBe('slug');
    expect(TestBed.inject(Router).url).toBe('/tenants/new');
  });

  it('shows other API errors with the API’s message, following the language', async () => {
    await type('slug', 'katori');
    await type('name', '香取市立図書館');
    await submit();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne('/api/platform/tenants').flush(
      { code: 'UNKNOWN_PRESET', message: { ja: '指定されたプリセットはありません。', en: 'No such preset.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await harness.fixture.whenStable();
    const alert = () => page.querySelector('[role=alert]')?.textContent;
    expect(alert()).toContain('指定されたプリセットはありません。');
    TestBed.inject(I18n).setLang('en');
    await harness.fixture.whenStable();
    expect(alert()).toContain('No such preset.');
  });

  it('puts VALIDATION field errors on their fields', async () => {
    await type('slug', 'katori');
    await type('name', '香取市立図書館');
    await submit();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne('/api/platform/tenants').flush(
      {
        code: 'VALIDATION',
        message: { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
        errors: [{ path: 'name', code: 'maxLength', message: 'name must be shorter than or equal to 100 characters' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();
    expect(page.querySelector('mat-error')?.textContent).toContain('name must be shorter than or equal to 100 characters');
  });
});
