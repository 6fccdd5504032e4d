import { Injectable } from '@nestjs/common';
import type { DidYouMean, SearchHit, Suggestion } from '@shiori/contracts';
import { currentTenant, currentTenantSchema, tenantStatement } from '@shiori/tenancy';
import { SharedVersionProbe, UNDEFINED_TABLE } from '../../../engine/database/table-version';
import {
  DidYouMeanReason,
  isbnWithCheckDigitFixed,
  nearestTerms,
  romajiCandidate,
  scriptRuns,
  TermCandidate,
  typoProbes,
} from './did-you-mean';
import { MAX_KEY_CHARS, reverseKey } from './search-terms';
import { compactFold } from './text';

/** Suggestions returned per request. */
export const SUGGEST_LIMIT = 8;
/** Terms read in key order before ranking by use: a bound on the work of a one-character prefix. */
const PREFIX_WINDOW = 200;
/** Terms read per typo probe. */
const PROBE_WINDOW = 300;
/** The highest code point: `key < prefix || MAX_CHAR` is "key starts with prefix" (keys are COLLATE "C"). */
const MAX_CHAR = '\u{10FFFF}';

/**
 * Terms whose key lies in [$1, $2) (a prefix: $2 is $1 followed by the highest code point), the
 * first PREFIX_WINDOW in key order, the most used first. `schema` is the tenant's quoted schema.
 */
export function suggestSql(schema: string): string {
  return `SELECT s.kind, s.label, s.reading, s.records FROM (${windowSql(schema)}) s
        ORDER BY s.records DESC, s.key, s.kind, s.label LIMIT ${SUGGEST_LIMIT * 3}`;
}

/** The first PREFIX_WINDOW terms in key order whose key lies in [$1, $2). */
function windowSql(schema: string): string {
  return `SELECT t.kind, t.label, t.reading, t.records, t.key FROM ${schema}.search_terms t
          WHERE t.key >= $1 AND t.key < $2 ORDER BY t.key LIMIT ${PREFIX_WINDOW}`;
}

/** Most suggestion lists one instance keeps (all cities together; the least recently asked leave first). */
export const MAX_CACHED_LISTS = 20_000;

/** A suggestion list as JSON text and the city's `terms_version` it was read at. */
interface CachedList {
  version: string;
  json: string;
}

/**
 * suggestSql with the city's `terms_version` read in the same statement (one snapshot), on
 * every row and on a single row without a term when none matches (kind null).
 */
export function suggestWithVersionSql(schema: string): string {
  return `SELECT v.version::text AS version, s.kind, s.label, s.reading, s.records FROM ${schema}.terms_version v
          LEFT JOIN LATERAL (SELECT w.* FROM (${windowSql(schema)}) w
                              ORDER BY w.records DESC, w.key, w.kind, w.label LIMIT ${SUGGEST_LIMIT * 3}) s ON true
         ORDER BY s.records DESC, s.key, s.kind, s.label`;
}

type SuggestRow = { kind: Suggestion['kind'] | null; label: string; reading: string | null; records: number };

/** The first SUGGEST_LIMIT distinct (kind, label) of rows in their order (rows without a term skipped). */
function firstSuggestions(rows: SuggestRow[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const r of rows) {
    if (r.kind === null) continue;
    const id = `${r.kind}\u0000${r.label}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ kind: r.kind, label: r.label, reading: r.reading } as Suggestion);
    if (out.length === SUGGEST_LIMIT) break;
  }
  return out;
}

/** What was typed as a search_terms key prefix (folded, at most MAX_KEY_CHARS). */
function suggestKey(q: string): string {
  return Array.from(compactFold(q)).slice(0, MAX_KEY_CHARS).join('');
}

/** Counts what a candidate query finds (the search's own statement, one row). */
export type CountQuery = (q: string) => Promise<{ total: number; hits: Pick<SearchHit, 'title' | 'titleReading'>[] }>;

/**
 * Suggestions as you type and もしかして, both from `search_terms` (search-terms.ts), each
 * one or two index range scans (index-only for suggestions: search_terms_key_cover, 0030).
 * What patrons type repeats, so the suggestion lists are kept per (city, folded prefix),
 * exactly as fresh as the catalogue: each request reads the city's `terms_version` (0030,
 * moved in every transaction that writes search_terms; one unprepared statement as /info's
 * probe, shared by the city's requests that arrive while one is on its way:
 * SharedVersionProbe) and a kept list serves only when it was read at that same version, so a
 * record catalogued through any instance (or any SQL) is in the very next suggestion everywhere.
 */
@Injectable()
export class SuggestService {
  /** Suggestion lists by city id and folded prefix, least recently asked first (an LRU of MAX_CACHED_LISTS). */
  private readonly lists = new Map<string, CachedList>();
  /** The city's terms_version, one probe shared by the requests that arrive while one is on its way. */
  private readonly terms = new SharedVersionProbe('terms_version');

  /**
   * suggest() as JSON text (SuggestRoute). A prefix this instance keeps a list of: the city's
   * `terms_version` is read (the shared probe) and the list serves when it was read at that
   * version. Otherwise (never asked, or the version moved) the list and the version are read
   * in one statement (one snapshot: the list is exactly that version's) and kept.
   */
  async suggestJson(q: string): Promise<string> {
    const key = suggestKey(q);
    if (!key) return '[]';
    const id = `${currentTenant().id}\u0000${key}`;
    const kept = this.lists.get(id);
    if (kept) {
      this.lists.delete(id); // the most recently asked last
      const version = await this.terms.version();
      if (version !== null && kept.version === version) {
        this.lists.set(id, kept);
        return kept.json;
      }
    }
    let rows: (SuggestRow & { version: string })[];
    try {
      rows = await tenantStatement<SuggestRow & { version: string }>(suggestWithVersionSql(currentTenantSchema()), [key, key + MAX_CHAR]);
    } catch (e) {
      if ((e as { code?: unknown }).code === UNDEFINED_TABLE) return JSON.stringify(await this.read(key)); // migrations stopped before 0030 (terms_version)
      throw e;
    }
    const json = JSON.stringify(firstSuggestions(rows));
    if (this.lists.size >= MAX_CACHED_LISTS) this.lists.delete(this.lists.keys().next().value as string);
    this.lists.set(id, { version: rows[0].version, json });
    return json;
  }

  /** Titles, authors and series whose reading or label begins with what was typed, the most used first. */
  async suggest(q: string): Promise<Suggestion[]> {
    const key = suggestKey(q);
    return key ? this.read(key) : [];
  }

  /** The suggestions of a folded prefix, read from search_terms. */
  private async read(key: string): Promise<Suggestion[]> {
    return firstSuggestions(await tenantStatement<SuggestRow>(suggestSql(currentTenantSchema()), [key, key + MAX_CHAR]));
  }

  /**
   * The nearest query that finds more than `total` records, or null. Tried in order: the
   * ISBN's check digit, romaji, mixed kanji and kana, then typos of catalogue terms.
   */
  async didYouMean(q: string, total: number, count: CountQuery): Promise<DidYouMean | null> {
    const better = async (candidate: string, reason: DidYouMeanReason): Promise<DidYouMean | null> => {
      if (compactFold(candidate) === compactFold(q)) return null;
      const found = await count(candidate);
      return found.total > total ? { q: candidate, total: found.total, reason } : null;
    };
    const isbn = isbnWithCheckDigitFixed(q);
    if (isbn) return better(isbn, 'isbn');

    const kana = romajiCandidate(q);
    if (kana) {
      const hit = await better(kana, 'romaji');
      if (hit) return hit;
      // romaji for a name or title with a typo of its own: the typo of its kana
      return this.typo(kana, total, better);
    }

    const runs = scriptRuns(q);
    if (runs) {
      const spaced = [...runs.kanji, ...runs.kana].join(' ');
      const found = await count(spaced);
      const title = found.hits.find(
        (h) => runs.kanji.every((k) => compactFold(h.title).includes(k)) && runs.kana.every((k) => compactFold(h.titleReading).includes(k)),
      )?.title;
      if (title) {
        const hit = await better(title, 'script');
        if (hit) return hit;
      }
      if (found.total > total) return { q: spaced, total: found.total, reason: 'script' };
    }
    return this.typo(q, total, better);
  }

  private async typo(
    q: string,
    total: number,
    better: (candidate: string, reason: DidYouMeanReason) => Promise<DidYouMean | null>,
  ): Promise<DidYouMean | null> {
    const key = Array.from(compactFold(q)).slice(0, MAX_KEY_CHARS).join('');
    const { prefixes, suffixes } = typoProbes(key);
    if (!prefixes.length) return null;
    const candidates = await tenantStatement<TermCandidate>(
      `SELECT x.label, x.key, x.records FROM unnest($1::text[]) p(v)
         CROSS JOIN LATERAL (SELECT t.label, t.key, t.records FROM ${currentTenantSchema()}.search_terms t
                              WHERE t.key >= p.v AND t.key < p.v || $3 ORDER BY t.key LIMIT ${PROBE_WINDOW}) x
       UNION ALL
       SELECT x.label, x.key, x.records FROM unnest($2::text[]) p(v)
         CROSS JOIN LATERAL (SELECT t.label, t.key, t.records FROM ${currentTenantSchema()}.search_terms t
                              WHERE t.rkey >= p.v AND t.rkey < p.v || $3 ORDER BY t.rkey LIMIT ${PROBE_WINDOW}) x`,
      [prefixes, suffixes.map(reverseKey), MAX_CHAR],
    );
    for (const c of nearestTerms(key, candidates)) {
      const hit = await better(c.label, 'typo');
      if (hit) return hit;
    }
    return null;
  }
}
