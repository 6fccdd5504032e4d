import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { RegionSearchResult } from '@shiori/contracts';
import { REGION_LOCATION } from './region-catalog';
import { RegionSearchPage } from './region-search-page';

jest.setTimeout(20_000);

const SEARCH = '/api/r/fukuoka/search';

const answer = (over: Partial<RegionSearchResult> = {}): RegionSearchResult => ({
  region: { code: 'fukuoka', name: '福岡県', nameEn: 'Fukuoka Prefecture' },
  members: [{ city: 'kitakyushu', cityName: '北九州市立図書館', opacUrl: '/opac/kitakyushu/' }],
  total: 1,
  exact: true,
  page: 1,
  size: 20,
  works: [
    {
      key: 'k1',
      isbn: null,
      title: '坊っちゃん',
      titleReading: null,
      authors: [{ name: '夏目 漱石' }],
      year: 1906,
      publisher: null,
      materialType: 'book',
      volume: null,
      status: 'available',
      holdings: [{ city: 'kitakyushu', cityName: '北九州市立図書館', recordUrl: '/opac/kitakyushu/records/r1', recordId: 'r1', copies: 1, available: 1, onLoan: 0, status: 'available' }],
    },
  ],
  cities: [{ city: 'kitakyushu', cityName: '北九州市立図書館', total: 1, exact: true, opacUrl: '/opac/kitakyushu/' }],
  missing: [],
  facets: { city: [{ value: 'kitakyushu', label: '北九州市立図書館', count: 1 }], availability: [{ value: 'available', count: 1 }], materialType: [], year: [{ from: 1900, to: 1909, count: 1 }] },
  ...over,
});

/** 横断検索's new filters: 予約可 (each library's own rules) and a publication-year range, carried to the API in the URL. */
describe('regional search page: 予約可 and the year range', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '', component: RegionSearchPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: REGION_LOCATION, useValue: { apiBase: '/api', region: 'fukuoka' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function open(url: string) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const req = http.expectOne((r) => r.url === SEARCH);
    req.flush(answer());
    await harness.fixture.whenStable();
    return req;
  }
  const page = () => harness.routeNativeElement!;
  const params = (req: { request: { params: { keys(): string[]; get(k: string): string | null } } }) =>
    Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));

  it('sends 予約可 and the years of the URL to the regional search', async () => {
    const req = await open('/?q=%E5%9D%8A&reservable=true&yearFrom=1900&yearTo=1910');
    expect(params(req)).toEqual({ q: '坊', reservable: 'true', yearFrom: '1900', yearTo: '1910' });
    const link = page().querySelector<HTMLAnchorElement>('.facets .reservable a')!;
    expect(link.getAttribute('aria-current')).toBe('true');
    expect(page().querySelector('.facets .reservable .note')?.textContent).toContain('各図書館の予約のきまり');
    // choosing it again removes it; the chosen years can be removed too
    expect(TestBed.inject(Router).parseUrl(link.getAttribute('href')!).queryParams).toEqual({ q: '坊', yearFrom: '1900', yearTo: '1910' });
    const years = page().querySelector<HTMLAnchorElement>('.year-chosen a')!;
    expect(years.textContent).toContain('出版年 1900–1910');
    expect(TestBed.inject(Router).parseUrl(years.getAttribute('href')!).queryParams).toEqual({ q: '坊', reservable: 'true' });
  });

  it('貸出可のみ, once chosen, is marked and removed under its own name (not 「すべての図書館」)', async () => {
    await open('/?q=%E5%9D%8A&available=true');
    const link = page().querySelector<HTMLAnchorElement>('.facets .available-only a')!;
    expect(link.textContent).toContain('貸出可のみ');
    expect(link.getAttribute('aria-current')).toBe('true');
    expect(TestBed.inject(Router).parseUrl(link.getAttribute('href')!).queryParams).toEqual({ q: '坊' });
  });

  it('offers 予約可 when it is not chosen', async () => {
    await open('/?q=%E5%9D%8A');
    const link = page().querySelector<HTMLAnchorElement>('.facets .reservable a')!;
    expect(link.textContent).toContain('予約できる資料のみ');
    expect(link.getAttribute('aria-current')).toBeNull();
    expect(TestBed.inject(Router).parseUrl(link.getAttribute('href')!).queryParams).toEqual({ q: '坊', reservable: 'true' });
  });

  it('searches a typed year range from page 1, and says so (without searching) when it is backwards', async () => {
    await open('/?q=%E5%9D%8A&page=2');
    const form = page().querySelector<HTMLFormElement>('form.year-range')!;
    const set = (name: string, v: string) => (form.querySelector<HTMLInputElement>(`input[name=${name}]`)!.value = v);
    set('regionYearFrom', '1950');
    set('regionYearTo', '1900');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    expect(page().querySelector('#region-year-invalid')?.textContent).toContain('「何年から」は「何年まで」より前の年にしてください。');
    http.expectNone((r) => r.url === SEARCH);

    set('regionYearTo', '1960');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    const req = http.expectOne((r) => r.url === SEARCH);
    expect(params(req)).toEqual({ q: '坊', yearFrom: '1950', yearTo: '1960' });
    req.flush(answer());
    await harness.fixture.whenStable();
    expect(page().querySelector('#region-year-invalid')).toBeNull();
  });

  it('several availability states and material types (any of them), values left out, and a work’s author as a filter', async () => {
    const router = TestBed.inject(Router);
    const href = (a: Element | null) => router.parseUrl(a!.getAttribute('href')!).queryParams;
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/?q=%E5%9D%8A&availability=available&notMaterialType=magazine&author=%E5%A4%8F%E7%9B%AE%20%E6%BC%B1%E7%9F%B3');
    const req = http.expectOne((r) => r.url === SEARCH);
    expect(params(req)).toEqual({ q: '坊', availability: 'available', notMaterialType: 'magazine', author: '夏目 漱石' });
    req.flush(
      answer({
        facets: {
          city: [{ value: 'kitakyushu', label: '北九州市立図書館', count: 1 }],
          availability: [{ value: 'available', count: 1 }, { value: 'on-loan', count: 2 }],
          materialType: [{ value: 'book', count: 3 }],
          year: [],
        },
      }),
    );
    await harness.fixture.whenStable();
    // the rows of values that can also be left out (availability, material type)
    const rows = [...page().querySelectorAll('.facets li')].filter((li) => li.querySelector('a.exclude'));
    const row = (text: string) => rows.find((li) => li.querySelector('a')!.textContent!.endsWith(text))!;
    // 貸出可 is chosen: choosing it again takes it away; 貸出中 is added beside it
    const available = row('貸出可').querySelector('a')!;
    expect(available.getAttribute('aria-current')).toBe('true');
    expect(href(available)).toEqual({ q: '坊', notMaterialType: 'magazine', author: '夏目 漱石' });
    expect(href(row('貸出中').querySelector('a'))).toMatchObject({ availability: 'available,on-loan' });
    // leaving 貸出中 out
    const leaveOut = row('貸出中').querySelector('a.exclude')!;
    expect(leaveOut.getAttribute('aria-label')).toBe('「貸出中」を除く');
    expect(href(leaveOut)).toMatchObject({ availability: 'available', notAvailability: 'on-loan' });
    // what the lists cannot show, in words, each removable
    const chosen = [...page().querySelectorAll('.removable a')];
    expect(chosen.map((a) => a.textContent?.trim())).toEqual(['close著者：夏目 漱石', 'close資料の種類：除外 雑誌']);
    expect(href(chosen[0])).toEqual({ q: '坊', availability: 'available', notMaterialType: 'magazine' });
    expect(href(chosen[1])).toEqual({ q: '坊', availability: 'available', author: '夏目 漱石' });
    // 貸出可のみ (on the shelf somewhere) is offered under its own name, and removed under it once chosen
    const availableOnly = page().querySelector<HTMLAnchorElement>('.facets .available-only a')!;
    expect(availableOnly.textContent).toContain('貸出可のみ');
    expect(href(availableOnly)).toMatchObject({ available: 'true' });
    // a work's author searches that author's works in every library
    const author = page().querySelector('.work a.author-link')!;
    expect(author.textContent).toBe('夏目 漱石');
    expect(href(author)).toEqual({ q: '坊', availability: 'available', notMaterialType: 'magazine', author: '夏目 漱石' });
  });
});
