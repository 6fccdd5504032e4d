import { Inject, Injectable } from '@nestjs/common';
import type { LibraryAvailability, LibraryAvailabilityCode, RegionAvailability } from '@shiori/contracts';
import { DataSource } from 'typeorm';
import { currentTenantSchema, tenantStatement } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { DomainError } from '../../../engine/errors/domain-error';
import { normalizeIsbn } from '../../catalog';
import { RegionsService } from '../regions.service';
import { fanOut } from './fan-out';
import { RegionalSearchService } from './regional-search.service';

/** The status of a book in one library, in the words 横断検索 services (カーリル) use, with a stable code. */
export type AvailabilityCode = LibraryAvailabilityCode;

const LABELS: Record<AvailabilityCode, { ja: string; en: string }> = {
  available: { ja: '貸出可', en: 'Available' },
  'on-loan': { ja: '貸出中', en: 'On loan' },
  'reference-only': { ja: '館内のみ', en: 'In-library use only' },
  unavailable: { ja: '貸出不可', en: 'Not available' },
  'not-held': { ja: '蔵書なし', en: 'Not held' },
};

interface HeldRow {
  id: string;
  isbn: string;
  total: number;
  available: number;
  onLoan: number;
  status: Exclude<AvailabilityCode, 'not-held'>;
}

const RANK: Record<string, number> = { available: 0, 'on-loan': 1, 'reference-only': 2, unavailable: 3 };

/**
 * Availability by ISBN across a region's libraries, the shape outside 横断検索 services ask
 * for: per ISBN, per member city, 貸出可 / 貸出中 / 蔵書なし (and 館内のみ, 貸出不可) with
 * the record page. One statement per city, in its own tenant context, within the deadline.
 */
@Injectable()
export class RegionalAvailabilityService {
  constructor(
    private readonly ds: DataSource,
    private readonly regions: RegionsService,
    private readonly search: RegionalSearchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async availability(code: string, isbns: string[]): Promise<RegionAvailability> {
    const asked = isbns.map((query, i) => ({ query, isbn: normalizeIsbn(query), i }));
    const bad = asked.filter((a) => !a.isbn);
    if (bad.length) {
      throw new DomainError(
        'VALIDATION',
        undefined,
        bad.map((b) => ({
          path: `isbn.${b.i}`,
          code: 'ISBN',
          message: { ja: `「${b.query}」は ISBN として正しくありません（10桁または13桁、チェックディジットも確認してください）。`, en: `"${b.query}" is not a valid ISBN-10 or ISBN-13.` },
        })),
      );
    }
    const region = await this.regions.withCities(code);
    const wanted = [...new Set(asked.map((a) => a.isbn!))];
    const { answers, missing } = await fanOut(this.ds, region.cities, this.config.regionSearchDeadlineMs, () =>
      tenantStatement<HeldRow>(
        `SELECT r.id, r.isbn, r.copies_total AS total, r.copies_available AS available, r.copies_on_loan AS "onLoan", r.availability AS status
           FROM ${currentTenantSchema()}.records r
          WHERE r.isbn = ANY($1::text[]) AND r.withdrawn_at IS NULL
          ORDER BY r.isbn, r.id`,
        [wanted],
      ),
    );
    return {
      region: { code: region.code, name: region.name, nameEn: region.nameEn },
      books: asked.map(({ isbn, query }) => ({
        isbn: isbn!,
        query,
        libraries: answers.map(({ city, value }): LibraryAvailability => {
          const held = value.filter((r) => r.isbn === isbn);
          if (!held.length) return { city: city.slug, cityName: city.name, status: 'not-held', label: LABELS['not-held'], copies: 0, available: 0, recordUrl: null };
          const best = held.reduce((a, b) => ((RANK[b.status] ?? 9) < (RANK[a.status] ?? 9) ? b : a));
          return {
            city: city.slug,
            cityName: city.name,
            status: best.status,
            label: LABELS[best.status] ?? LABELS.unavailable,
            copies: held.reduce((n, r) => n + r.total, 0),
            available: held.reduce((n, r) => n + r.available, 0),
            recordUrl: this.search.recordUrl(city, best.id),
          };
        }),
      })),
      missing,
    };
  }
}
