import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { PublicLinks } from '../../../engine/http/public-links';
import type { TenantRow } from '../../../engine/tenancy/tenant-registry.service';
import { RegionsService, RegionWithCities } from '../regions.service';
import { fanOut, MissingCity } from './fan-out';
import { workKey } from './grouping';

export type { MissingCity } from './fan-out';

/**
 * What other modules use to work over a region's member cities the way the regional search
 * does (e.g. the regional SRU of the interop module): the region and its members, the per-city
 * fan-out (each city in its own tenant context and statement, the configured deadline, missing
 * cities named with why), the work key that groups two cities' records of one book, and a
 * city's own record page.
 */
@Injectable()
export class RegionMembers {
  constructor(
    private readonly ds: DataSource,
    private readonly regions: RegionsService,
    private readonly links: PublicLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The region and its member libraries; REGION_NOT_FOUND when unknown. */
  region(code: string): Promise<RegionWithCities> {
    return this.regions.withCities(code);
  }

  /** Runs `work` in every active member city at once, within REGION_SEARCH_DEADLINE_MS. */
  inEachCity<T>(cities: TenantRow[], work: (city: TenantRow) => Promise<T>): Promise<{ answers: { city: TenantRow; value: T }[]; missing: MissingCity[] }> {
    return fanOut(this.ds, cities, this.config.regionSearchDeadlineMs, work);
  }

  /** Which work a record is (ISBN, else folded title, volume and first author), as the regional search groups. */
  workKey(record: { isbn: string | null; title: string; volume: string | null; authors: { name: string }[] | null }): string {
    return workKey(record);
  }

  /** The record's page in the city's own OPAC (the city's public URL when it has one). */
  recordUrl(city: Pick<TenantRow, 'slug' | 'publicUrl'>, recordId: string): string {
    return `${this.links.opacBase(city)}records/${encodeURIComponent(recordId)}`;
  }
}
