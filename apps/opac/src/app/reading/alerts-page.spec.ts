import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { AlertsPage } from './alerts-page';
import type { AlertView } from '@shiori/contracts';

jest.setTimeout(20_000);

/** My page's alerts: a saved search with filters reads with names and opens that very search again. */
describe('alerts page: saved searches with filters', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  const filtered: AlertView = {
    id: 'a1',
    name: '草枕',
    query: {
      q: '草枕',
      yearFrom: 1960,
      yearTo: 2000,
      ndc: ['913'],
      materialType: ['book'],
      reservable: true,
      authorName: ['夏目 漱石'],
      notMaterialType: ['magazine'],
      notAvailability: ['unavailable'],
    },
    createdAt: '2026-12-06T12:00:00Z',
    lastCheckedAt: null,
    active: true,
  };

  async function open() {
    http = setUpOpac(presetInfo('kushiro'), [{ path: 'my/alerts', component: AlertsPage }, { path: 'search', children: [] }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/my/alerts');
    http.expectOne('/api/t/kushiro/me/alerts').flush([filtered, { ...filtered, id: 'a2', name: '猫', query: { q: '猫', ndc: '913' } }]);
    await harness.fixture.whenStable();
    harness.detectChanges();
    return harness;
  }

  it('describes the filters by name (予約可, 除外, the year range, the class name), not by code', async () => {
    const page = (await open()).routeNativeElement!;
    const text = page.querySelector('.entries li .meta')!.textContent!;
    expect(text).toContain('予約可');
    expect(text).toContain('除外：雑誌');
    expect(text).toContain('除外：利用できません');
    expect(text).toContain('1960–2000');
    expect(text).toContain('分類（NDC）: 913 小説・物語');
    expect(text).toContain('夏目 漱石');
    expect(text).not.toContain('notMaterialType');
  });

  it('「今すぐ検索」 opens the search page with every saved filter, as the search page writes its URL', async () => {
    const page = (await open()).routeNativeElement!;
    const links = [...page.querySelectorAll<HTMLAnchorElement>('.row-actions a')];
    const url = TestBed.inject(Router).parseUrl(links[0].getAttribute('href')!);
    expect(url.root.children['primary'].segments.map((s) => s.path)).toEqual(['search']);
    expect(url.queryParams).toEqual({
      q: '草枕',
      yearFrom: '1960',
      yearTo: '2000',
      ndc: '913',
      materialType: 'book',
      reservable: 'true',
      authorName: '夏目 漱石',
      notMaterialType: 'magazine',
      notAvailability: 'unavailable',
    });
    // an alert saved before lists (ndc as one string) opens as well
    expect(TestBed.inject(Router).parseUrl(links[1].getAttribute('href')!).queryParams).toEqual({ q: '猫', ndc: '913' });
  });
});
