import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_LOCATION } from '../core/api';
import { SearchPage } from './search-page';

describe('search page', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'search', component: SearchPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function search(q: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/search?q=${encodeURIComponent(q)}`);
    return harness;
  }

  it('runs ?q= against the tenant and lists the titles with the total', async () => {
    const harness = await search('こころ');
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('q')).toBe('こころ');
    req.flush({ total: 12, hits: [{ id: 'r1', title: 'こころ' }, { id: 'r2', title: 'こころ（新潮文庫）' }] });
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    expect(page.querySelector('.total')?.textContent).toContain('「こころ」の検索結果：12 件');
    expect([...page.querySelectorAll('.hit')].map((e) => e.textContent?.trim())).toEqual(['こころ', 'こころ（新潮文庫）']);
    expect(page.querySelector<HTMLInputElement>('input[type=search]')?.value).toBe('こころ');
  });

  it('says so kindly when nothing matched', async () => {
    const harness = await search('zzz');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush({ total: 0, hits: [] });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement!.querySelector('.empty')?.textContent).toContain('「zzz」に一致する資料は見つかりませんでした');
  });

  it('shows the API’s message when the search fails', async () => {
    const harness = await search('こころ');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush(
      { code: 'TENANT_SUSPENDED', message: { ja: 'この図書館のサービスは現在停止中です。', en: 'This library’s service is suspended.' } },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await harness.fixture.whenStable();
    const alert = harness.routeNativeElement!.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('検索できませんでした。');
    expect(alert?.textContent).toContain('この図書館のサービスは現在停止中です。');
  });

  it('asks for a query instead of searching for nothing', async () => {
    const harness = await search('  ');
    http.expectNone((r) => r.url === '/api/t/katori/search');
    expect(harness.routeNativeElement!.textContent).toContain('検索語を入れてください。');
  });
});
