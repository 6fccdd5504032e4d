import { randomUUID } from 'node:crypto';
import { tenantManager } from '@shiori/tenancy';
// Demo mode only: the Aozora sample and its loader live with the other demo data in tools/.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadAozoraCatalogue, AozoraWork } from '../../../../../../tools/demo-data/aozora';
import { addDays } from '@shiori/policy';
import { tokyoDate } from '../../../engine/time';
import { buildSearchDocument } from '../search/document';
import { refreshSearchIndex } from '../search/maintenance';
import { fillSearchTermsIfEmpty } from '../search/search-terms.store';

/** FNV-1a, for a deterministic per-city choice of works and copies. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function isbn13(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return twelve + String((10 - (sum % 10)) % 10);
}

const BATCH = 500;

/** A work's search columns are the same in every city: built once per process. */
const documents = new Map<string, ReturnType<typeof buildSearchDocument>>();

/** A text[] literal of branch codes (letters, digits, - and _ only: no quoting needed). */
function pgArray(values: string[]): string {
  return `{${values.join(',')}}`;
}

/**
 * The demo catalogue of one city: 1,500–3,000 works of Aozora Bunko (a different sample per
 * city), 1–3 copies each over the city's branches, about one in twenty 禁帯出, received
 * over the past years with a fifth in the last six months so the new-arrivals list fills.
 * Idempotent: a tenant that has records is left alone. Multi-row INSERTs, so the five
 * cities take a couple of seconds.
 */
export async function seedDemoCatalogue(slug: string, today = tokyoDate()): Promise<string | void> {
  const m = tenantManager();
  const existing = await m.query(`SELECT 1 FROM records LIMIT 1`);
  if (existing.length) {
    // a demo database from before search_terms (migration 0020): its suggestions
    const terms = await fillSearchTermsIfEmpty();
    return terms ? `search terms: ${terms}` : undefined;
  }
  const branches: string[] = (await m.query(`SELECT code FROM branches WHERE active ORDER BY sort, code`)).map((b: { code: string }) => b.code);
  if (!branches.length) return 'no branches: catalogue not seeded';

  const works = loadAozoraCatalogue();
  const target = 1500 + (hash(slug) % 1501);
  // every work gets a per-city score; the lowest `target` scores form the city's sample
  const sample = works
    .map((w) => ({ w, score: hash(`${slug}:${w.workId}`) }))
    .sort((a, b) => a.score - b.score)
    .slice(0, target)
    .map((x) => x.w);
  const thisYear = Number(today.slice(0, 4));

  let barcode = 1;
  const barcodePrefix = String(2 + (hash(slug) % 7)); // a city's labels start with its own digit
  let copies = 0;
  for (let start = 0; start < sample.length; start += BATCH) {
    const batch = sample.slice(start, start + BATCH);
    const cols = {
      id: [] as string[], title: [] as string[], reading: [] as (string | null)[], authors: [] as string[], publisher: [] as (string | null)[],
      year: [] as (number | null)[], isbn: [] as (string | null)[], ndc: [] as string[], received: [] as string[],
      search: [] as string[], searchText: [] as string[], titleSort: [] as string[],
      // the copy summary the availability trigger would compute, so it finds nothing to change
      total: [] as number[], available: [] as number[], availability: [] as string[], holding: [] as string[], availableAt: [] as string[],
    };
    const items = { record: [] as string[], barcode: [] as string[], branch: [] as string[], loanable: [] as boolean[] };
    for (const w of batch as AozoraWork[]) {
      const h = hash(`${slug}/${w.workId}`);
      const id = randomUUID();
      const authors = [...w.authors, ...(w.translators ?? [])];
      // a fifth received in the last 180 days (new editions: published this or last year)
      const recent = h % 5 === 0;
      const received = recent ? addDays(today, -(h % 180)) : addDays(today, -(180 + (h % 3650)));
      const year = recent && h % 180 < 60 ? thisYear - (h % 2) : (w.publishedYear ?? null);
      let doc = documents.get(w.workId);
      if (!doc) documents.set(w.workId, (doc = buildSearchDocument({ title: w.title, titleReading: w.titleReading, authors, publisher: w.publisher })));
      cols.id.push(id);
      cols.title.push(w.title);
      cols.reading.push(w.titleReading || null);
      cols.authors.push(JSON.stringify(authors));
      cols.publisher.push(w.publisher ?? null);
      cols.year.push(year);
      cols.isbn.push(h % 10 < 6 ? isbn13(`97849${w.workId}${h % 10}`) : null);
      cols.ndc.push(w.translators?.length ? '933' : '913');
      cols.received.push(received);
      cols.search.push(doc.search);
      cols.searchText.push(doc.searchText);
      cols.titleSort.push(doc.titleSort);
      const n = 1 + (h % 3);
      const held = new Set<string>();
      const availableAt = new Set<string>();
      for (let k = 0; k < n; k++) {
        const branch = branches[(h + k * 7919) % branches.length];
        const loanable = hash(`${h}:${k}`) % 20 !== 0;
        items.record.push(id);
        items.barcode.push(`${barcodePrefix}${String(barcode++).padStart(9, '0')}`);
        items.branch.push(branch);
        items.loanable.push(loanable);
        held.add(branch);
        if (loanable) availableAt.add(branch);
      }
      cols.total.push(n);
      cols.available.push([...items.loanable.slice(-n)].filter(Boolean).length);
      cols.availability.push(availableAt.size ? 'available' : 'reference-only');
      cols.holding.push(pgArray([...held].sort()));
      cols.availableAt.push(pgArray([...availableAt].sort()));
    }
    await m.query(
      `INSERT INTO records (id, title, title_reading, authors, publisher, published_year, isbn, material_type, ndc, received_at,
                            search, search_text, title_sort, copies_total, copies_available, availability, holding_branches, available_branches)
       SELECT id, title, reading, authors::jsonb, publisher, year, isbn, 'book', ndc, received::date, search::tsvector, search_text, title_sort,
              total, available, availability, holding::text[], available_at::text[]
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::text[], $16::text[], $17::text[])
           AS x(id, title, reading, authors, publisher, year, isbn, ndc, received, search, search_text, title_sort,
                total, available, availability, holding, available_at)`,
      [cols.id, cols.title, cols.reading, cols.authors, cols.publisher, cols.year, cols.isbn, cols.ndc, cols.received, cols.search, cols.searchText, cols.titleSort,
        cols.total, cols.available, cols.availability, cols.holding, cols.availableAt],
    );
    await m.query(
      `INSERT INTO items (record_id, barcode, branch_code, loanable)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`,
      [items.record, items.barcode, items.branch, items.loanable],
    );
    copies += items.record.length;
  }
  await fillSearchTermsIfEmpty();
  await refreshSearchIndex();
  return `catalogue: ${sample.length} records, ${copies} copies (Aozora Bunko)`;
}
