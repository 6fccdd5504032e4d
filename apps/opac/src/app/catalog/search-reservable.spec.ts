import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { WHEN_IDLE } from '../core/when-idle';
import { SearchPage } from './search-page';

jest.setTimeout(20_000);

/**
 * 予約可 in the availability facet: its count is the API's (facets.reservable, counted with the
 * filter's own condition), not a sum of availability counts, which cannot tell copies the city
 * owns from others: where only the city's own copies may be reserved (Kitakyushu,
 * holds.ownedOnly) they would say more than the filter finds.
 */
describe('search page: the 予約可 choice and holds.ownedOnly', () => {
  let http: HttpTestingController;
  afterEach(() => {
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    http.verify();
  });

  async function facetText(city: 'katori' | 'kitakyushu', reservable: number) {
    http = setUpOpac(presetInfo(city), [{ path: 'search', component: SearchPage }], [{ provide: WHEN_IDLE, useValue: (work: () => void) => work() }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/search?q=%E7%8C%AB');
    http.expectOne((r) => r.url === `/api/t/${city}/search`).flush({
      total: 30,
      exact: true,
      page: 1,
      size: 20,
      hits: [],
      facets: { materialType: [], branch: [], year: [], ndc: [], author: [], availability: [{ value: 'available', count: 20 }, { value: 'on-loan', count: 7 }, { value: 'unavailable', count: 3 }], reservable, years: null },
    });
    await harness.fixture.whenStable();
    await harness.fixture.whenStable();
    return harness.routeNativeElement!.querySelector('.facets .reservable')?.textContent ?? '';
  }

  it('Katori (any loanable copy): 予約できる資料のみ with the API’s count', async () => {
    const text = await facetText('katori', 27);
    expect(text).toContain('予約できる資料のみ');
    expect(text).toContain('(27)');
  });

  it('Kitakyushu (own copies only): the API’s count, not the 27 the availability counts add up to', async () => {
    const text = await facetText('kitakyushu', 9);
    expect(text).toContain('予約できる資料のみ');
    expect(text).toContain('(9)');
  });

  it('nothing to reserve: the choice is not offered', async () => {
    expect(await facetText('kitakyushu', 0)).toBe('');
  });
});
