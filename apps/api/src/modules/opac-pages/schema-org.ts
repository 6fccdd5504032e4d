/**
 * schema.org data for the OPAC's server-rendered pages: a record as a `Book` whose `offers`
 * say, per library, whether a copy can be borrowed now; each library as a `Library` with its
 * address and opening hours (館の案内).
 */
import type { RecordCopy as ContractCopy, RecordDetail } from '@shiori/contracts';

export interface BranchGuide {
  code: string;
  name: string;
  nameEn?: string | null;
  isBookmobile: boolean;
  address?: string | null;
  phone?: string | null;
  hours?: { ja: string; en?: string | null } | null;
  /** 0 = Sunday … 6 = Saturday */
  weeklyClosed?: number[] | null;
}

/** A copy of the record page (GET /records/{id}) as the page's offers read it. */
export type RecordCopy = Pick<ContractCopy, 'branchCode' | 'branchName' | 'status' | 'loanable' | 'shelfLocation'>;

/** The record page's answer (GET /records/{id}, @shiori/contracts RecordDetail) as the server-rendered page reads it. */
export type PublicRecord = Pick<
  RecordDetail,
  'id' | 'title' | 'subtitle' | 'authors' | 'publisher' | 'publishedYear' | 'isbn' | 'materialType' | 'series' | 'volume' | 'ndc'
> & { copies: RecordCopy[]; reservable?: RecordDetail['reservable'] };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Author names, whatever shape the record keeps them in (strings or `{ name }`). */
export function authorNames(authors: unknown): string[] {
  if (!Array.isArray(authors)) return [];
  return authors
    .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' && 'name' in a ? String((a as { name: unknown }).name ?? '') : ''))
    .filter((n) => n.trim() !== '');
}

/**
 * Opening hours as schema.org wants them, when the library's own words hold exactly one time
 * range (「9:00〜19:00」): every day but the weekly closing days. Anything more complex (late
 * opening on Fridays, …) is left to the words, which the page shows as they are.
 */
export function openingHours(branch: BranchGuide): object[] | undefined {
  const text = branch.hours?.ja ?? '';
  const ranges = [...text.normalize('NFKC').matchAll(/(\d{1,2}):(\d{2})\s*[〜~\-–—]\s*(\d{1,2}):(\d{2})/g)];
  if (ranges.length !== 1) return undefined;
  const [, h1, m1, h2, m2] = ranges[0];
  const closed = new Set(branch.weeklyClosed ?? []);
  const days = DAYS.filter((_, i) => !closed.has(i)).map((d) => `https://schema.org/${d}`);
  return [{ '@type': 'OpeningHoursSpecification', dayOfWeek: days, opens: `${h1.padStart(2, '0')}:${m1}`, closes: `${h2.padStart(2, '0')}:${m2}` }];
}

export function libraryLd(branch: BranchGuide, cityName: string, url: string): object {
  return {
    '@type': 'Library',
    '@id': `${url}#library-${branch.code}`,
    name: branch.name,
    ...(branch.nameEn ? { alternateName: branch.nameEn } : {}),
    url,
    parentOrganization: { '@type': 'GovernmentOrganization', name: cityName },
    ...(branch.address ? { address: { '@type': 'PostalAddress', streetAddress: branch.address, addressCountry: 'JP' } } : {}),
    ...(branch.phone ? { telephone: branch.phone } : {}),
    ...(openingHours(branch) ? { openingHoursSpecification: openingHours(branch) } : {}),
  };
}

/** Per library holding copies: InStock when one may be borrowed now, InStoreOnly for reference-only copies, else OutOfStock (all on loan). */
export function offerAvailability(copies: RecordCopy[]): string {
  if (copies.some((c) => c.loanable && c.status === 'on-shelf')) return 'https://schema.org/InStock';
  if (copies.every((c) => !c.loanable) && copies.some((c) => c.status === 'on-shelf')) return 'https://schema.org/InStoreOnly';
  return 'https://schema.org/OutOfStock';
}

export function bookLd(record: PublicRecord, branches: BranchGuide[], cityName: string, pageUrl: string, opacBase: string): object {
  const byBranch = new Map<string, RecordCopy[]>();
  for (const c of record.copies) byBranch.set(c.branchCode, [...(byBranch.get(c.branchCode) ?? []), c]);
  const guide = new Map(branches.map((b) => [b.code, b]));
  const authors = authorNames(record.authors);
  const isBook = !record.materialType || /book|図書/.test(record.materialType);
  return {
    '@context': 'https://schema.org',
    '@type': isBook ? 'Book' : 'CreativeWork',
    '@id': pageUrl,
    url: pageUrl,
    name: record.title,
    ...(record.subtitle ? { alternativeHeadline: record.subtitle } : {}),
    ...(authors.length ? { author: authors.map((name) => ({ '@type': 'Person', name })) } : {}),
    ...(record.publisher ? { publisher: { '@type': 'Organization', name: record.publisher } } : {}),
    ...(record.publishedYear ? { datePublished: String(record.publishedYear) } : {}),
    ...(record.isbn && isBook ? { isbn: record.isbn } : {}),
    ...(record.series ? { isPartOf: { '@type': 'CreativeWorkSeries', name: record.series } } : {}),
    inLanguage: 'ja',
    offers: [...byBranch].map(([code, copies]) => ({
      '@type': 'Offer',
      price: 0,
      priceCurrency: 'JPY',
      // lending, not selling (GoodRelations' LeaseOut)
      businessFunction: 'http://purl.org/goodrelations/v1#LeaseOut',
      availability: offerAvailability(copies),
      availableAtOrFrom: libraryLd(guide.get(code) ?? { code, name: copies[0].branchName, isBookmobile: false }, cityName, opacBase + 'libraries'),
    })),
  };
}
