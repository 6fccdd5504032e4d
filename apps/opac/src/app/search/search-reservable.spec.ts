import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { WHEN_IDLE } from '../core/when-idle';
import { SearchPage } from './search-page';

jest.setTimeout(20_000);

/**
 * 予約可 in the availability facet: its count comes from the availability counts, which cannot
 * tell copies the city owns from others. Where only the city's own copies may be reserved
 * (Kitakyushu, holds.ownedOnly) the choice is offered without a count; elsewhere with it.
 */
describe('search page: the 予約可 choice and holds.ownedOnly', () => {
  let http: HttpTestingController;
  afterEach(() => {
    for (const r of http.match((req) => req.url.endsWith('/regions'))) r.flush([]);
    http.verify();
  });

  async function facetText(city: 'katori' | 'kitakyushu') {
    http = setUpOpac(presetInfo(city), [{ path: 'search', component: SearchPage }], [{ provide: WHEN_IDLE, useValue: (work: () => void) => work() }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/search?q=%E7%8C%AB');
    http.expectOne((r) => r.url === `/api/t/${city}/search`).flush({
      total: 30,
      exact: true,
      page: 1,
      size: 20,
      hits: [],
      facets: { materialType: [], branch: [], year: [], ndc: [], author: [], availability: [{ value: 'available', count: 20 }, { value: 'on-loan', count: 7 }, { value: 'unavailable', count: 3 }] },
    });
    await harness.fixture.whenStable();
    await harness.fixture.whenStable();
    return harness.routeNativeElement!.querySelector('.facets .reservable')?.textContent ?? '';
  }

  it('Katori (any loanable copy): 予約できる資料のみ (27)', async () => {
    const text = await facetText('katori');
    expect(text).toContain('予約できる資料のみ');
    expect(text).toContain('(27)');
  });

  it('Kitakyushu (own copies only): 予約できる資料のみ, without a count the facets cannot know', async () => {
    const text = await facetText('kitakyushu');
    expect(text).toContain('予約できる資料のみ');
    expect(text).not.toMatch(/\(\d+\)/);
  });
});
