/**
 * The catalogue's words for suggestions as you type and for もしかして: each distinct title,
 * author and series of a city, once under its folded reading (なつめそうせき) and once under
 * its folded label (夏目漱石), in `search_terms` (migration 0020). A prefix of either key is a
 * range scan of one B-tree index (keys are COLLATE "C"), so a suggestion costs a few index
 * pages whatever the catalogue's size; the reversed key (`rkey`) finds the terms that end
 * like a mistyped query (the typo is then in its first half).
 *
 * `records` counts the records that brought a term when they were added (the popularity that
 * orders suggestions); edits add new terms without counting again, and a withdrawn record
 * leaves its terms (a suggestion is always re-checked by a search before it is offered as
 * もしかして).
 *
 * Pure: no framework, no I/O.
 */
import type { SuggestionKind } from '@shiori/contracts';
import { compactFold } from './text';
import type { SearchableRecord } from './document';

/** What a term names; suggestions as you type go out with it (GET /suggest). */
export type TermKind = SuggestionKind;

export interface SearchTerm {
  kind: TermKind;
  /** As the catalogue writes it: 夏目 漱石, 吾輩は猫である */
  label: string;
  /** As catalogued (katakana), when the term has one */
  reading: string | null;
  /** compactFold of the reading or of the label */
  key: string;
}

/** Longest key stored: suggestions and typos look at the beginning of a term. */
export const MAX_KEY_CHARS = 60;
const MAX_LABEL_CHARS = 200;

function keyOf(text: string | null | undefined): string {
  return Array.from(compactFold(text)).slice(0, MAX_KEY_CHARS).join('');
}

/** A term under each of its keys (reading and label; one row when they fold alike). */
function termRows(kind: TermKind, label: string | null | undefined, reading: string | null | undefined): SearchTerm[] {
  const l = label?.trim();
  if (!l) return [];
  const shown = Array.from(l).slice(0, MAX_LABEL_CHARS).join('');
  const r = reading?.trim() || null;
  const keys = new Set([keyOf(r), keyOf(l)].filter(Boolean));
  return [...keys].map((key) => ({ kind, label: shown, reading: r, key }));
}

/** The terms a record brings: its title, each author, its series. */
export function recordTerms(r: SearchableRecord): SearchTerm[] {
  return [
    ...termRows('title', r.title, r.titleReading),
    ...(r.authors ?? []).flatMap((a) => termRows('author', a.name, a.reading)),
    ...termRows('series', r.series, null),
  ];
}

/** Terms of many records, each once with the number of records that brought it. */
export function countTerms(records: SearchableRecord[]): (SearchTerm & { records: number })[] {
  return countTermLists(records.map(recordTerms));
}

/** countTerms of records whose terms were listed already (recordTerms of each, e.g. by an import's reader). */
export function countTermLists(lists: SearchTerm[][]): (SearchTerm & { records: number })[] {
  const byKey = new Map<string, SearchTerm & { records: number }>();
  for (const terms of lists) {
    const seen = new Set<string>();
    for (const t of terms) {
      const id = `${t.kind}\u0000${t.label}\u0000${t.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const had = byKey.get(id);
      if (had) had.records++;
      else byKey.set(id, { ...t, records: 1 });
    }
  }
  return [...byKey.values()];
}

/** Reversed code points (the `rkey` column): the terms ending like a query share its prefix. */
export function reverseKey(key: string): string {
  return Array.from(key).reverse().join('');
}

/**
 * One statement that adds terms (as unnest arrays): new ones with their count, known ones
 * counted up when `count` (records added), left as they are otherwise (records edited).
 * No function in the conflict clause: it runs as such on Citus.
 */
export function upsertTermsSql(schema: string, count: boolean): string {
  return `INSERT INTO ${schema}.search_terms (kind, label, reading, key, rkey, records)
SELECT kind, label, reading, key, rkey, records
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS t(kind, label, reading, key, rkey, records)
    ON CONFLICT ON CONSTRAINT search_terms_pkey DO ${count ? 'UPDATE SET records = search_terms.records + EXCLUDED.records' : 'NOTHING'}`;
}

/** The unnest parameters of upsertTermsSql. */
export function upsertTermsValues(terms: (SearchTerm & { records?: number })[]): unknown[] {
  return [
    terms.map((t) => t.kind),
    terms.map((t) => t.label),
    terms.map((t) => t.reading),
    terms.map((t) => t.key),
    terms.map((t) => reverseKey(t.key)),
    terms.map((t) => t.records ?? 1),
  ];
}
