import { Injectable } from '@nestjs/common';
import type { TenantRow } from '../../../engine/tenancy/tenant-registry.service';
import { ExportRecord, exportRecordsJsonSql, SearchService } from '../../catalog';
import { rankWorks, RegionMembers } from '../../region';
import { availabilityElement } from '../records/availability';
import { RecordRenderer } from '../records/record-renderer.service';
import { SruDatabase, SruHits, SruRetrieval } from './sru.service';

/**
 * Most hits read from each member city. A searchRetrieve reads each city's first
 * startRecord − 1 + maximumRecords hits (at most this many) and groups them into works, so
 * the works of a smaller window are the first works of a larger one and paging neither repeats
 * nor skips a work (as the regional search, region/search/grouping.ts).
 */
export const REGIONAL_SRU_HITS_PER_CITY = 200;

interface CityRecords {
  records: ExportRecord[];
  total: number;
  exact: boolean;
  typeNames: Map<string, string>;
}

interface Holding {
  city: TenantRow;
  record: ExportRecord;
  typeNames: Map<string, string>;
}

/**
 * A region as an SRU database (GET /api/r/{region}/sru): the CQL query runs as each member
 * city's own catalogue query (SearchService.searchQuery, the city SRU's search), every city in
 * its own tenant context and statement at once within the regional deadline (RegionMembers);
 * records of one work (same ISBN, else folded title, volume and first author) become one SRU
 * record naming every holding city. Cities that are suspended, failed or too slow are named as
 * non-fatal SRU diagnostics (info:srw/diagnostic/1/2) beside the records of the others.
 */
@Injectable()
export class RegionalSruService {
  constructor(
    private readonly members: RegionMembers,
    private readonly search: SearchService,
    private readonly renderer: RecordRenderer,
  ) {}

  /** The region's SRU database; REGION_NOT_FOUND (404) when there is no such region. */
  async database(code: string): Promise<SruDatabase> {
    const region = await this.members.region(code);
    return { name: region.name, retrieve: (r) => this.retrieve(region.cities, r) };
  }

  private async retrieve(cities: TenantRow[], { query, sort, start, maximum, format }: SruRetrieval): Promise<SruHits> {
    const size = Math.min(REGIONAL_SRU_HITS_PER_CITY, start - 1 + maximum);
    const { answers, missing } = await this.members.inEachCity<CityRecords>(cities, async () => {
      const page = await this.search.searchQuery<ExportRecord>(query, {
        sort,
        offset: 0,
        size,
        records: (schema, ids) => exportRecordsJsonSql(schema, ids, { items: true }),
      });
      const byId = new Map(page.records.map((r) => [r.id, r]));
      const records = page.ids.map((id) => byId.get(id)).filter((r): r is ExportRecord => !!r);
      return { records, total: page.total, exact: page.exact, typeNames: await this.renderer.typeNames() };
    });

    // works in the regional search's order; a city's first record of a work stands for it there
    const ordered = rankWorks(
      answers.map(({ city, value }) => ({ city, items: value.records.map((record) => ({ record, typeNames: value.typeNames })) })),
      ({ record }) => this.members.workKey(record),
    ).map(({ entries }) =>
      entries.filter((e, i) => entries.findIndex((x) => x.city.id === e.city.id) === i).map(({ city, item }): Holding => ({ city, record: item.record, typeNames: item.typeNames })),
    );
    const window = ordered.slice(start - 1, start - 1 + maximum);
    const exact = answers.every(({ value }) => value.exact && value.total <= size);
    return {
      // the works grouped from the hits read; when a city has more hits than were read (a count
      // only, maximumRecords=0, as yaz-client's `find` asks), at least the largest city's count
      total: exact ? ordered.length : Math.max(ordered.length, ...answers.map(({ value }) => value.total)),
      exact,
      records: window.map((holdings) => {
        const [main] = holdings;
        const ctx = {
          libraryName: main.city.name,
          recordUrl: (id: string) => this.members.recordUrl(main.city, id),
          liveHoldings: true,
          holdings: holdings.map((h) => ({ libraryName: h.city.name, recordUrl: this.members.recordUrl(h.city, h.record.id), items: h.record.items ?? [] })),
        };
        return {
          data: format.render(main.record, ctx, main.typeNames.get(main.record.materialType) ?? main.record.materialType, 'sru'),
          extra: holdings.map((h) => availabilityElement(h.record, { city: h.city.slug, cityName: h.city.name })).join(''),
        };
      }),
      diagnostics: missing.map((m) => ({ code: 2, details: m.city, message: `${m.cityName}: ${m.message.ja} (${m.message.en})` })),
    };
  }
}
