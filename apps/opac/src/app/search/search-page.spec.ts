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
    expect([...page.querySelectorAll('.hit .title')].map((e) => e.textContent?.trim())).toEqual(['こころ', 'こころ（新潮文庫）']);
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

describe('search page: advanced search, facets, sort', () => {
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

  const result = {
    total: 45,
    page: 2,
    size: 20,
    hits: [{ id: 'r1', title: '坊っちゃん', authors: [{ name: '夏目漱石' }], year: 1906, availability: { total: 2, available: 0, onLoan: 2, status: 'on-loan' } }],
    facets: {
      materialType: [{ value: 'book', count: 40 }],
      branch: [{ value: 'sawara', label: '佐原中央図書館', count: 30 }],
      availability: [{ value: 'available', count: 20 }],
      year: [{ from: 1900, to: 1909, count: 5 }],
      ndc: [{ value: '9', count: 40 }],
    },
  };

  it('sends the advanced conditions, page and sort from the URL, and opens the advanced form', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/search?author=%E6%BC%B1%E7%9F%B3&yearFrom=1900&yearTo=1910&ndc=913&sort=newest&page=2');
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('author')).toBe('漱石');
    expect(req.request.params.get('yearFrom')).toBe('1900');
    expect(req.request.params.get('ndc')).toBe('913');
    expect(req.request.params.get('sort')).toBe('newest');
    expect(req.request.params.get('page')).toBe('2');
    expect(req.request.params.has('q')).toBe(false);
    req.flush(result);
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    expect(page.querySelector<HTMLInputElement>('#advanced-search input[name=author]')?.value).toBe('漱石');
    expect(page.querySelector('.total')?.textContent).toContain('45 件');
    expect(page.querySelector('.hit')?.textContent).toContain('夏目漱石');
    expect(page.querySelector('opac-availability')?.textContent).toContain('貸出中');
    // facets link to the same search with the filter added, back to page 1
    const links = [...page.querySelectorAll<HTMLAnchorElement>('.facets a')].map((a) => a.getAttribute('href'));
    expect(links.some((h) => h?.includes('materialType=book') && h.includes('author=') && !h.includes('page='))).toBe(true);
    expect(page.textContent).toContain('9 文学');
  });

  it('switches between list and grid and remembers it', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/search?q=x');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush(result);
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    expect(page.querySelector('.hits.grid')).toBeNull();
    page.querySelector<HTMLButtonElement>('mat-button-toggle[value=grid] button')!.click();
    await harness.fixture.whenStable();
    expect(page.querySelector('.hits.grid')).not.toBeNull();
    expect(localStorage.getItem('shiori.opac.view')).toBe('grid');
  });
});
