import { Inject, Injectable } from '@nestjs/common';
import type { RegionSearchResult } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { PublicLinks } from '../../../engine/http/public-links';
import type { TenantRow } from '../../../engine/tenancy/tenant-registry.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { CatalogErrors, type SearchQueryDto, SearchService } from '../../catalog';
import type { RegionSearchQueryDto } from '../dto/region-search.dto';
import { RegionsService } from '../regions.service';
import { fanOut, missingCity } from './fan-out';
import { groupWorks } from './grouping';

/**
 * Most hits read from each city (a city's search pages up to 100). A page reads each city's
 * first page × size hits: the works of a smaller window are the first works of a larger one
 * in the same order (grouping.ts ranks by best position, then key), so paging neither repeats
 * nor skips a work, and the first page costs each city what its own first page does. Beyond
 * the cap the answer says `exact: false`.
 */
export const HITS_PER_CITY = 100;

/** Adds up one facet of every city (records, not works: each city counts its own). */
function sumFacet<F extends { count: number }>(lists: F[][], key: (f: F) => string): F[] {
  const sums = new Map<string, F>();
  for (const list of lists) {
    for (const f of list) {
      const k = key(f);
      const s = sums.get(k);
      if (s) s.count += f.count;
      else sums.set(k, { ...f });
    }
  }
  return [...sums.values()];
}

/**
 * 横断検索: the query runs as the city's catalogue search (SearchService.regionalPart: the
 * same Japanese matching and relevance order a city's OPAC uses, in its regional shape) in every
 * member city at once, each in its own
 * tenant context and statement, within the configured deadline; the hits are grouped into
 * works with each city's holdings and a link to that city's record page.
 */
@Injectable()
export class RegionalSearchService {
  constructor(
    private readonly ds: DataSource,
    private readonly regions: RegionsService,
    private readonly search: SearchService,
    private readonly links: PublicLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  recordUrl(city: Pick<TenantRow, 'slug' | 'publicUrl'>, recordId: string): string {
    return `${this.links.opacBase(city)}records/${encodeURIComponent(recordId)}`;
  }

  async searchRegion(code: string, q: RegionSearchQueryDto): Promise<RegionSearchResult> {
    // the city search's own rule and code, once for the region rather than once per city
    if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo) throw new DomainError(CatalogErrors.SEARCH_YEAR_RANGE);
    const region = await this.regions.withCities(code);
    const page = q.page ?? 1;
    const size = q.size ?? 20;
    const head = {
      region: { code: region.code, name: region.name, nameEn: region.nameEn },
      members: region.cities.map((c) => ({ city: c.slug, cityName: c.name, opacUrl: this.links.opacBase(c) })),
    };
    // no words: nothing to search (a city's search would list its whole catalogue); the
    // region and its libraries only, for the page's heading
    if (![q.q, q.title, q.author, q.isbn].some((v) => v?.trim())) {
      return {
        ...head,
        total: 0,
        exact: true,
        page,
        size,
        works: [],
        cities: [],
        missing: region.cities.filter((c) => c.status !== 'active').map((c) => missingCity(c, 'suspended')),
        facets: { city: [], availability: [], materialType: [], year: [] },
      };
    }
    const cityQuery: SearchQueryDto = {
      q: q.q,
      title: q.title,
      author: q.author,
      isbn: q.isbn,
      materialType: q.materialType,
      notMaterialType: q.notMaterialType,
      available: q.available,
      // the city search's own filters (catalog filterConditions), in each city's own statement
      availability: q.availability,
      notAvailability: q.notAvailability,
      authorName: q.authorName,
      notAuthorName: q.notAuthorName,
      // 予約可 under each city's own hold rules: its statement reads its own policy (catalog reservableCondition)
      reservable: q.reservable,
      yearFrom: q.yearFrom,
      yearTo: q.yearTo,
      sort: 'relevance',
      page: 1,
      size: Math.min(HITS_PER_CITY, page * size),
    };
    // each city's search in the regional shape (SearchService.regionalPart): its hits and the facets added up
    // here, not the branch, NDC and author facets or もしかして of a city's own search
    const { answers, missing } = await fanOut(this.ds, region.cities, this.config.regionSearchDeadlineMs, () => this.search.regionalPart(cityQuery));

    let works = groupWorks(
      answers.map(({ city, value }) => ({ city: { slug: city.slug, name: city.name }, recordUrl: (id) => this.recordUrl(city, id), hits: value.hits })),
    );
    if (q.city?.length) {
      const wanted = new Set(q.city);
      works = works.filter((w) => w.holdings.some((h) => wanted.has(h.city)));
    }
    const facets = answers.map((a) => a.value.facets);
    return {
      ...head,
      total: works.length,
      exact: answers.every((a) => a.value.exact !== false && a.value.total <= cityQuery.size!),
      page,
      size,
      works: works.slice((page - 1) * size, page * size),
      cities: answers.map(({ city, value }) => ({ city: city.slug, cityName: city.name, total: value.total, exact: value.exact !== false, opacUrl: this.links.opacBase(city) })),
      missing,
      facets: {
        city: answers.map(({ city, value }) => ({ value: city.slug, label: city.name, count: value.total })),
        availability: sumFacet(facets.map((f) => f.availability), (f) => String(f.value)).sort((a, b) => b.count - a.count),
        materialType: sumFacet(facets.map((f) => f.materialType), (f) => String(f.value)).sort((a, b) => b.count - a.count),
        year: sumFacet(facets.map((f) => f.year), (f) => String(f.from)).sort((a, b) => b.from - a.from),
      },
    };
  }
}
