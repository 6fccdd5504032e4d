import type { AvailabilityStatus } from '@shiori/policy';
import type { CityHolding, RegionWork } from '@shiori/contracts';
import { compactFold, normalizeIsbn } from '../../catalog';

/** A hit of one city's catalogue search (the fields grouping and the answer use). */
export interface CityHit {
  id: string;
  title: string;
  titleReading: string | null;
  subtitle?: string | null;
  authors: { name: string; reading?: string | null }[] | null;
  year: number | null;
  publisher: string | null;
  materialType: string;
  volume: string | null;
  isbn: string | null;
  availability: { total: number; available: number; onLoan: number; status: AvailabilityStatus };
}

/** One city's answer to the query: its hits in its own relevance order. */
export interface CityHits {
  city: { slug: string; name: string };
  recordUrl: (recordId: string) => string;
  hits: CityHit[];
}

/** What one member city holds of a work; the same work across member cities (the contract's). */
export type { CityHolding };
export type WorkGroup = RegionWork;

/**
 * Which work a record is: its ISBN (ISBN-10 and -13 alike), else its title, volume and
 * first author folded as search folds them (NFKC, kana, case, spacing), so two cities'
 * catalogue entries of one book meet whichever way each typed it.
 */
export function workKey(hit: Pick<CityHit, 'isbn' | 'title' | 'volume' | 'authors'>): string {
  const isbn = normalizeIsbn(hit.isbn);
  if (isbn) return `isbn:${isbn}`;
  return `title:${compactFold(hit.title)}|${compactFold(hit.volume)}|${compactFold(hit.authors?.[0]?.name)}`;
}

const STATUS_ORDER: readonly AvailabilityStatus[] = ['available', 'on-loan', 'reference-only', 'unavailable'];

function mergeStatus(a: AvailabilityStatus, b: AvailabilityStatus): AvailabilityStatus {
  return STATUS_ORDER.indexOf(a) <= STATUS_ORDER.indexOf(b) ? a : b;
}

/** Items of one work from several ordered lists: each list's items in their order, the lists in theirs. */
export interface RankedWork<C, T> {
  key: string;
  entries: { city: C; item: T }[];
}

/**
 * The one order of works across cities (the regional search and the regional SRU): a work
 * ranks by the best position any city gave one of its items (each city's list is in that
 * city's relevance order), then by its key; the cities of a work keep the order of the lists.
 * Nothing else enters the order, so the works of each city's first n items are, in the same
 * order, the first works of its first m > n items (what paging relies on).
 */
export function rankWorks<C, T>(lists: { city: C; items: T[] }[], key: (item: T) => string): RankedWork<C, T>[] {
  const works = new Map<string, { rank: number; work: RankedWork<C, T> }>();
  for (const { city, items } of lists) {
    items.forEach((item, position) => {
      const k = key(item);
      const found = works.get(k);
      if (found) {
        found.rank = Math.min(found.rank, position);
        found.work.entries.push({ city, item });
      } else {
        works.set(k, { rank: position, work: { key: k, entries: [{ city, item }] } });
      }
    });
  }
  return [...works.values()].sort((x, y) => x.rank - y.rank || (x.work.key < y.work.key ? -1 : x.work.key > y.work.key ? 1 : 0)).map((w) => w.work);
}

/**
 * Groups the cities' hits into works (in rankWorks' order), each with every city's holding:
 * the copies of all its records of the work in that city, added up.
 */
export function groupWorks(cities: CityHits[]): WorkGroup[] {
  const ranked = rankWorks(
    cities.map((c) => ({ city: c, items: c.hits })),
    workKey,
  );
  return ranked.map(({ key, entries }) => {
    const first = entries[0].item;
    const group: WorkGroup = {
      key,
      isbn: normalizeIsbn(first.isbn),
      title: first.title,
      titleReading: first.titleReading,
      authors: (first.authors ?? []).map((a) => ({ name: a.name })),
      year: first.year,
      publisher: first.publisher,
      materialType: first.materialType,
      volume: first.volume,
      status: 'unavailable',
      holdings: [],
    };
    for (const { city: c, item: hit } of entries) {
      const a = hit.availability;
      const held = group.holdings.find((h) => h.city === c.city.slug);
      if (held) {
        held.copies += a.total;
        held.available += a.available;
        held.onLoan += a.onLoan;
        held.status = mergeStatus(held.status, a.status);
      } else {
        group.holdings.push({
          city: c.city.slug,
          cityName: c.city.name,
          recordUrl: c.recordUrl(hit.id),
          recordId: hit.id,
          copies: a.total,
          available: a.available,
          onLoan: a.onLoan,
          status: a.status,
        });
      }
    }
    group.status = group.holdings.some((h) => h.available > 0) ? 'available' : group.holdings.some((h) => h.onLoan > 0) ? 'on-loan' : 'unavailable';
    return group;
  });
}
