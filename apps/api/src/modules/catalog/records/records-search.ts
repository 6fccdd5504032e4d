/**
 * The librarians' catalogue search (`GET /t/{slug}/admin/records`): finds records to edit,
 * withdrawn (除籍) ones too when asked, which the public search never shows.
 *
 * `q` matches a record when any of these holds:
 *
 *   - the words, as the OPAC reads them (search/document.ts textCriterion: bigram tsquery on
 *     `records.search`, CJK runs of three or more characters re-checked on `search_text`),
 *     so kanji, kana readings and Latin words work alike; or, when `q` is an ISBN (10 or 13
 *     digits, hyphens or not), the record's ISBN, as in the OPAC;
 *   - the barcode of one of its copies, exactly (withdrawn copies too);
 *   - its control number (MARC 001), exactly.
 *
 * Staff searches are few, so the total is an exact count (no match cap as in the OPAC), and
 * results are in change order (newest first) or 五十音順 (`title_sort`), never ranked.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { StaffRecordHit, StaffRecordSearchResult } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { columnsSql, jsonObjectSql } from '../../../engine/database/sql';
import { likePattern, textCriterion } from '../search/document';
import { normalizeIsbn } from '../search/text';

export const WITHDRAWN_FILTERS = ['exclude', 'include', 'only'] as const;
export type WithdrawnFilter = (typeof WITHDRAWN_FILTERS)[number];

export const RECORD_SEARCH_SORTS = ['updated', 'title'] as const;
export type RecordSearchSort = (typeof RECORD_SEARCH_SORTS)[number];

export const RECORD_SEARCH_DEFAULT_SIZE = 20;

export class RecordSearchQueryDto {
  @ApiPropertyOptional({ description: 'words or a title reading (as in the OPAC), an ISBN, a copy barcode or a control number', example: '吾輩は猫' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: WITHDRAWN_FILTERS, default: 'exclude', description: 'withdrawn (除籍) records: exclude, include, or only them' })
  @IsOptional() @IsIn(WITHDRAWN_FILTERS) withdrawn?: WithdrawnFilter;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
  @ApiPropertyOptional({ default: RECORD_SEARCH_DEFAULT_SIZE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) size?: number;
  @ApiPropertyOptional({ enum: RECORD_SEARCH_SORTS, default: 'updated', description: 'updated (newest change first) or title (五十音順)' })
  @IsOptional() @IsIn(RECORD_SEARCH_SORTS) sort?: RecordSearchSort;
}

/** A hit of the staff search (@shiori/contracts). */
export type RecordSearchHit = StaffRecordHit;

/** The staff search's answer (@shiori/contracts): the total is exact. */
export type RecordSearchResult = StaffRecordSearchResult;

export interface RecordSearchParams {
  q?: string;
  withdrawn: WithdrawnFilter;
  sort: RecordSearchSort;
  page: number;
  size: number;
}

export interface BuiltRecordSearch {
  /** SELECT count(*) of every match */
  countSql: string;
  /** the page of hits, in order */
  pageSql: string;
  /** values of the count statement; the page statement takes two more: $n+1 limit, $n+2 offset */
  values: unknown[];
}

export function toRecordSearchParams(dto: RecordSearchQueryDto): RecordSearchParams {
  return {
    q: dto.q,
    withdrawn: dto.withdrawn ?? 'exclude',
    sort: dto.sort ?? 'updated',
    page: dto.page ?? 1,
    size: dto.size ?? RECORD_SEARCH_DEFAULT_SIZE,
  };
}

const HIT_COLUMNS = columnsSql<StaffRecordHit>({
  id: 'r.id',
  title: 'r.title',
  titleReading: 'r.title_reading',
  volume: 'r.volume',
  authors: 'r.authors',
  publisher: 'r.publisher',
  year: 'r.published_year',
  isbn: 'r.isbn',
  controlNumber: 'r.control_number',
  materialType: 'r.material_type',
  withdrawnAt: 'r.withdrawn_at',
  updatedAt: 'r.updated_at',
  copies: jsonObjectSql<StaffRecordHit['copies']>({ total: 'r.copies_total', available: 'r.copies_available' }),
});

/** A code as typed and as an IME may send it (full-width ＡＢ１２３ → AB123), for exact matches. */
function exactForms(input: string): string[] {
  const typed = input.trim();
  return [...new Set([typed, typed.normalize('NFKC').trim()])].filter(Boolean);
}

/** The two statements (count, page) of a staff search. */
export function buildRecordSearch(p: RecordSearchParams): BuiltRecordSearch {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (p.withdrawn === 'exclude') where.push('r.withdrawn_at IS NULL');
  else if (p.withdrawn === 'only') where.push('r.withdrawn_at IS NOT NULL');

  const q = p.q?.trim();
  if (q) {
    // any of: the words (or the ISBN), a copy's barcode, the control number
    const anyOf: string[] = [];
    const isbn = normalizeIsbn(q);
    if (isbn) {
      anyOf.push(`r.isbn = ${param(isbn)}`);
    } else {
      const c = textCriterion(q);
      if (c) {
        const text = [`r.search @@ ${param(c.tsquery)}::tsquery`, ...c.recheck.map((run) => `r.search_text LIKE ${param(likePattern(run))}`)];
        anyOf.push(text.length > 1 ? `(${text.join(' AND ')})` : text[0]);
      }
    }
    const codes = param(exactForms(q));
    // an array of ids (an InitPlan) keeps the barcode arm an index condition on the primary key
    anyOf.push(`r.id = ANY(ARRAY(SELECT i.record_id FROM items i WHERE i.barcode = ANY(${codes}::text[])))`);
    anyOf.push(`r.control_number = ANY(${codes}::text[])`);
    where.push(`(${anyOf.join('\n       OR ')})`);
  }

  const conds = where.length ? where.join('\n   AND ') : 'true';
  const orderBy = p.sort === 'title' ? 'r.title_sort, r.volume_sort NULLS LAST, r.id' : 'r.updated_at DESC, r.id';
  const n = values.length;
  return {
    countSql: `SELECT count(*)::int AS total FROM records r WHERE ${conds}`,
    pageSql: `SELECT ${HIT_COLUMNS}
  FROM records r
 WHERE ${conds}
 ORDER BY ${orderBy}
 LIMIT $${n + 1} OFFSET $${n + 2}`,
    values,
  };
}

/** Runs a staff search in the current tenant. */
export async function searchRecords(dto: RecordSearchQueryDto): Promise<RecordSearchResult> {
  const p = toRecordSearchParams(dto);
  const built = buildRecordSearch(p);
  const counted: { total: number }[] = await tenantManager().query(built.countSql, built.values);
  const total = counted[0].total;
  const offset = (p.page - 1) * p.size;
  const hits: RecordSearchHit[] = total > offset ? await tenantManager().query(built.pageSql, [...built.values, p.size, offset]) : [];
  return { total, page: p.page, size: p.size, hits };
}
