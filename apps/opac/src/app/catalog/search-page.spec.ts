import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_LOCATION } from '../core/api';
import { Kiosk } from '../core/kiosk';
import { WHEN_IDLE } from '../core/when-idle';
import { SearchPage } from './search-page';

/** The facets are drawn once the page is idle (WHEN_IDLE, at once in these specs). */
async function showFacets(harness: RouterTestingHarness): Promise<void> {
  await harness.fixture.whenStable();
  await harness.fixture.whenStable();
}

// The search page's first compile (Material's expansion panels, slider, form fields) takes a few
// seconds on a loaded 2-core machine: more than jest's default 5 s for the first test of a file.
jest.setTimeout(20_000);

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
        { provide: WHEN_IDLE, useValue: (work: () => void) => work() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // the result links ask which regions the city is in (none here)
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    http.verify();
  });

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

  function embed(asked: Record<string, unknown>, answer: unknown) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = 'opac-search-answer';
    script.textContent = JSON.stringify({ asked, answer });
    document.head.appendChild(script);
    return script;
  }

  it("uses the server's embedded answer for the first search of the URL it answers (no second search), then asks the API", async () => {
    const script = embed({ q: 'こころ', sort: 'title' }, { total: 30, page: 1, size: 20, hits: [{ id: 'r1', title: 'こころ' }, { id: 'r2', title: 'こころ（岩波文庫）' }] });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/search?sort=title&q=${encodeURIComponent(' こころ ')}`);
    await harness.fixture.whenStable();
    http.expectNone((r) => r.url === '/api/t/katori/search');
    const page = harness.routeNativeElement!;
    expect(page.querySelector('.total')?.textContent).toContain('「こころ」の検索結果：30 件');
    expect([...page.querySelectorAll('.hit .title')].map((e) => e.textContent?.trim())).toEqual(['こころ', 'こころ（岩波文庫）']);
    expect(script.isConnected).toBe(false); // used once
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    await harness.navigateByUrl(`/search?sort=title&q=${encodeURIComponent('こころ')}&page=2`);
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('page')).toBe('2');
    req.flush({ total: 30, page: 2, size: 20, hits: [{ id: 'r21', title: 'こころ 下' }] });
    await harness.fixture.whenStable();
    expect([...page.querySelectorAll('.hit .title')].map((e) => e.textContent?.trim())).toEqual(['こころ 下']);
  });

  it("asks the API when the embedded answer is for other conditions, and drops it", async () => {
    const script = embed({ q: 'こころ' }, { total: 1, hits: [{ id: 'r1', title: 'こころ' }] });
    const harness = await search('それから');
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('q')).toBe('それから');
    req.flush({ total: 1, hits: [{ id: 'r9', title: 'それから' }] });
    await harness.fixture.whenStable();
    expect([...harness.routeNativeElement!.querySelectorAll('.hit .title')].map((e) => e.textContent?.trim())).toEqual(['それから']);
    expect(script.isConnected).toBe(false);
  });

  it('on a kiosk, searches by touch: the 50音 pad types the words (゛ included), the search key runs them', async () => {
    TestBed.inject(Kiosk).active.set(true);
    const harness = await search('ねこ');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush({ total: 0, hits: [] });
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    const keys = page.querySelector<HTMLElement>('opac-kiosk-search-keys')!;
    const tap = async (label: string) => {
      const key = [...keys.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-label') === label || b.textContent!.trim() === label);
      if (!key) throw new Error(`no key ${label}`);
      key.click();
      await harness.fixture.whenStable();
    };
    expect(keys.querySelector('output')!.textContent).toContain('ねこ'); // starts from the current search
    await tap('全部消す');
    for (const k of ['ケ', 'ン', 'シ']) await tap(k);
    await tap('濁点（゛）');
    expect(keys.querySelector('output')!.textContent!.trim()).toBe('ケンジ');
    const go = keys.querySelector<HTMLButtonElement>('button.kiosk-search-go')!;
    expect(go.textContent).toContain('さがす');
    go.click();
    await harness.fixture.whenStable();
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('q')).toBe('ケンジ');
    req.flush({ total: 0, hits: [] });
    TestBed.inject(Kiosk).active.set(false);
  });

  it('says so kindly when nothing matched', async () => {
    const harness = await search('zzz');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush({ total: 0, hits: [] });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement!.querySelector('.empty')?.textContent).toContain('「zzz」に一致する資料は見つかりませんでした');
  });

  it('offers 「もしかして」 as a link that keeps the filters, never replacing the query', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/search?q=${encodeURIComponent('なつめそうせぎ')}&materialType=book`);
    http.expectOne((r) => r.url === '/api/t/katori/search').flush({ total: 0, hits: [], didYouMean: { q: '夏目 漱石', total: 6, reason: 'typo' } });
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement!;
    expect(page.querySelector('.empty')?.textContent).toContain('「なつめそうせぎ」に一致する資料は見つかりませんでした');
    expect(page.querySelector('.did-you-mean')?.textContent).toContain('もしかして：');
    expect(page.querySelector('.did-you-mean')?.textContent).toContain('（6 件）');
    const link = page.querySelector<HTMLAnchorElement>('a.did-you-mean-link')!;
    expect(link.textContent).toBe('夏目 漱石');
    const href = decodeURIComponent(link.getAttribute('href')!);
    expect(href).toContain('q=夏目 漱石');
    expect(href).toContain('materialType=book');
    // the search box still holds what the patron typed
    expect(page.querySelector<HTMLInputElement>('input[type=search]')?.value).toBe('なつめそうせぎ');
  });

  it('lets a patron choose several values of a facet (OR) and 貸出中, each link adding or removing one', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/search?q=${encodeURIComponent('猫')}&materialType=book`);
    const req = http.expectOne((r) => r.url === '/api/t/katori/search');
    expect(req.request.params.get('materialType')).toBe('book');
    req.flush({
      total: 3,
      hits: [{ id: 'r1', title: '吾輩は猫である' }],
      facets: {
        materialType: [{ value: 'book', count: 2 }, { value: 'av', count: 1 }],
        branch: [],
        availability: [{ value: 'available', count: 2 }, { value: 'on-loan', count: 1 }],
        year: [],
        ndc: [],
        author: [],
      },
    });
    await showFacets(harness);
    const page = harness.routeNativeElement!;
    const link = (text: string) => [...page.querySelectorAll<HTMLAnchorElement>('.facets a')].find((a) => a.textContent?.includes(text))!;
    const params = (a: HTMLAnchorElement) => new URLSearchParams(a.getAttribute('href')!.split('?')[1]);
    expect(params(link('視聴覚')).get('materialType')).toBe('book,av');
    expect(link('図書').getAttribute('aria-current')).toBe('true');
    expect(link('図書').textContent).toContain('選択中');
    expect(params(link('図書')).get('materialType')).toBeNull();
    expect(params(link('貸出中')).get('availability')).toBe('on-loan');
    expect(params(link('貸出中')).get('materialType')).toBe('book');
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
        { provide: WHEN_IDLE, useValue: (work: () => void) => work() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // the result links ask which regions the city is in (none here)
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    http.verify();
  });

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
      author: [],
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
    await showFacets(harness);
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
    page.querySelector<HTMLButtonElement>('button[role=radio][data-view=grid]')!.click();
    await harness.fixture.whenStable();
    expect(page.querySelector('.hits.grid')).not.toBeNull();
    expect(localStorage.getItem('shiori.opac.view')).toBe('grid');
  });

  it('marks facet counts 「約」 when the total is an estimate, counts 予約可, and links the same words to the regional search', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/search?q=%E7%8C%AB');
    http.expectOne((r) => r.url === '/api/t/katori/search').flush({
      ...result,
      total: 3200,
      exact: false,
      facets: { ...result.facets, availability: [{ value: 'available', count: 2000 }, { value: 'on-loan', count: 900 }, { value: 'reference-only', count: 300 }], author: [{ value: '夏目 漱石', count: 120 }], reservable: 2900 },
    });
    await harness.fixture.whenStable();
    http.expectOne('/api/t/katori/regions').flush([{ code: 'chiba', name: '千葉県', nameEn: null, opacPath: '/opac/r/chiba/' }]);
    await showFacets(harness);
    const page = harness.routeNativeElement!;
    expect(page.querySelector('.total')?.textContent).toContain('約 3200 件');
    expect(page.querySelector('.estimate-note')?.textContent).toContain('推定');
    // the API's 予約可 count (Katori reserves any loanable copy: 貸出可 and 貸出中, 2,900), an estimate too
    expect(page.querySelector('.facets .reservable')?.textContent).toContain('(約 2900)');
    expect(page.querySelector('.facets')?.textContent).toContain('夏目 漱石');
    const exclude = page.querySelector<HTMLAnchorElement>('.facets a.exclude[aria-label="「夏目 漱石」を除く"]');
    expect(decodeURIComponent(exclude?.getAttribute('href') ?? '')).toContain('notAuthorName=夏目 漱石');
    const region = page.querySelector<HTMLAnchorElement>('opac-result-links a.region-search');
    expect(region?.textContent).toContain('千葉県の図書館でも探す');
    expect(region?.getAttribute('href')).toBe('/opac/r/chiba/?q=%E7%8C%AB&from=katori');
  });
});
