import { HttpException, Injectable, Logger } from '@nestjs/common';
import { brandColours } from '@shiori/policy';
import { runInTenant, runTenantRead } from '@shiori/tenancy';
import { DataSource } from 'typeorm';
import { DomainError } from '../../engine/errors/domain-error';
import type { OpacPageRenderer } from '../../engine/http/static-apps';
import { PublicLinks } from '../../engine/http/public-links';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { RecordPageService, RecordSitemapService, SearchService, searchQueryOf, SITEMAP_PAGE_SIZE } from '../catalog';
import { NewsService } from '../news';
import { InfoService } from '../places';
import { RegionsService } from '../region';
import { City, FirstHits, homePage, searchConditions, searchPage, webAppManifest, isPrivatePath, librariesPage, missingRecordPage, Page, privatePage, recordPage } from './pages';
import type { BranchGuide } from './schema-org';
import { robotsTxt, sitemapIndex, urlSet } from './sitemap';

const RECORD_PATH = /^records\/([0-9a-f-]{36})$/i;

/**
 * The OPAC's pages as the server sends them (engine/http/static-apps.ts puts them into the
 * app's index.html): a record, the home page and 館の案内 with their real content, title,
 * description, Open Graph and schema.org data, so search engines and shared links show the
 * book; the app then takes over. Also robots.txt and each city's sitemap.
 */
@Injectable()
export class OpacPagesService implements OpacPageRenderer {
  private readonly log = new Logger('OpacPages');

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly links: PublicLinks,
    private readonly info: InfoService,
    private readonly records: RecordPageService,
    private readonly sitemapRecords: RecordSitemapService,
    private readonly search: SearchService,
    private readonly news: NewsService,
    private readonly regions: RegionsService,
  ) {}

  async page(slug: string, appPath: string, query: Record<string, unknown>): Promise<Page | null> {
    const tenant = await this.activeTenant(slug);
    if (!tenant) return null;
    const record = RECORD_PATH.exec(appPath);
    if (!['', 'libraries', 'search'].includes(appPath) && !record && !isPrivatePath(appPath, query)) return null;
    try {
      if (appPath === 'search' && !isPrivatePath(appPath, query)) {
        const [city, found] = await Promise.all([runInTenant(this.ds, tenant, () => this.city(tenant)), this.firstHits(tenant, query)]);
        return searchPage(city, typeof query['q'] === 'string' ? query['q'] : '', found);
      }
      // the regions the city is in: the home page links to each one's search (as the app's city-region-links)
      const regions = appPath === '' && !isPrivatePath(appPath, query) ? await this.regions.regionsOf(tenant.id) : [];
      return await runInTenant(this.ds, tenant, async () => {
        const city = await this.city(tenant);
        if (isPrivatePath(appPath, query)) return privatePage(city);
        // the app's home shows the five newest (home/news-events.ts)
        if (appPath === '') return homePage(city, await this.news.latest(5), regions.map((r) => ({ ...r, href: `../r/${r.code}/?from=${encodeURIComponent(tenant.slug)}` })));
        if (appPath === 'libraries') return librariesPage(city);
        try {
          return recordPage(city, await this.records.get(record![1]));
        } catch (e) {
          if (e instanceof DomainError) return missingRecordPage(city);
          throw e;
        }
      });
    } catch (e) {
      // the app still works without the server's copy of the page: never fail the page for it
      this.log.warn(`page ${slug}/${appPath} served without its content: ${(e as Error).message}`);
      return null;
    }
  }

  /**
   * The first page of a search page's hits: the JSON search's own answer (its validation, then
   * SearchService.searchJson in the city's read, as SearchRoute runs it), for the conditions
   * the app would ask for. Null when the app would not search, or when the JSON search refuses
   * the query (too long, a year range backwards…): the page then comes without hits and the
   * app asks the API, which answers with its own problem.
   */
  private async firstHits(tenant: TenantRow, query: Record<string, unknown>): Promise<FirstHits | null> {
    const asked = searchConditions(query);
    if (!asked) return null;
    try {
      const dto = await searchQueryOf(asked);
      const json = await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () => this.search.searchJson(dto));
      return { asked, json };
    } catch (e) {
      if (!(e instanceof DomainError) && !(e instanceof HttpException && e.getStatus() < 500)) throw e;
      return null;
    }
  }

  async robots(): Promise<string> {
    const tenants = (await this.registry.list()).filter((t) => t.status !== 'suspended');
    return robotsTxt(tenants.map((t) => `${this.links.opacBase(t)}sitemap.xml`));
  }

  /** `sitemap` (the index), `sitemap-pages`, `sitemap-records-N` (N from 0). */
  async sitemap(slug: string, part: string): Promise<string | null> {
    const tenant = await this.activeTenant(slug);
    if (!tenant) return null;
    const base = this.links.opacBase(tenant);
    if (part === 'sitemap-pages') return urlSet([{ loc: base }, { loc: `${base}libraries` }]);
    const records = /^sitemap-records-(\d{1,5})$/.exec(part);
    if (part !== 'sitemap' && !records) return null;
    return runInTenant(this.ds, tenant, async () => {
      if (!records) {
        const files = Math.max(1, Math.ceil((await this.sitemapRecords.count()) / SITEMAP_PAGE_SIZE));
        return sitemapIndex([`${base}sitemap-pages.xml`, ...Array.from({ length: files }, (_, i) => `${base}sitemap-records-${i}.xml`)]);
      }
      const rows = await this.sitemapRecords.page(Number(records[1]));
      if (!rows.length && Number(records[1]) > 0) return null;
      return urlSet(rows.map((r) => ({ loc: `${base}records/${r.id}`, lastmod: new Date(r.updatedAt) })));
    });
  }

  /** The city's web app manifest (add to home screen): its name, its OPAC as start and scope. */
  async manifest(slug: string): Promise<object | null> {
    const tenant = await this.activeTenant(slug);
    if (!tenant) return null;
    const city = await runInTenant(this.ds, tenant, () => this.city(tenant));
    return webAppManifest(city);
  }

  private async activeTenant(slug: string): Promise<TenantRow | null> {
    const tenant = await this.registry.findBySlug(slug);
    return tenant && tenant.status !== 'suspended' ? tenant : null;
  }

  private async city(tenant: TenantRow): Promise<City> {
    const info = (await this.info.info(tenant.slug, tenant.name)) as { name: string; branches: BranchGuide[]; theme?: { primary?: string | null } | null };
    return { name: info.name, branches: info.branches, base: this.links.opacBase(tenant), brand: brandColours(info.theme?.primary) };
  }
}
