/**
 * もしかして: the queries worth trying when a search finds nothing or very little. Each is
 * tried (SuggestService) and the nearest one that finds more is offered as a link; the
 * patron's own query is never replaced.
 *
 *   isbn     an ISBN with a wrong check digit (4900176808): the one the other digits make
 *   romaji   natsume → なつめ (Hepburn and 訓令式, romaji.ts)
 *   script   kanji and kana mixed as no record writes them (青ねこ): the kanji in the title,
 *            the kana in its reading; answered with the title found (青猫)
 *   typo     kana typos, a long vowel dropped or added (なつめそうせぎ, そせき): the nearest
 *            title, author or series reading of the city's catalogue (search_terms) by
 *            edit distance
 *
 * Old and new kanji (萩原朔太郞 / 萩原朔太郎) need no suggestion: text.ts folds them alike in
 * the index and in the query, so both find the book.
 *
 * Pure: no framework, no I/O.
 */
import type { DidYouMeanReason } from '@shiori/contracts';
import { romajiToKana } from './romaji';
import { compactFold, foldText, normalizeIsbn } from './text';

// the reasons go out with the suggestion (GET /search's didYouMean.reason)
export type { DidYouMeanReason };

/** ISBN-10 or -13 digits whose check digit is wrong → the valid ISBN-13 of the same digits; else null. */
export function isbnWithCheckDigitFixed(input: string): string | null {
  const s = input.normalize('NFKC').toUpperCase().replace(/^\s*ISBN(?:-1[03])?:?/, '').replace(/[\s\-‐‑–—―−ー.]/g, '');
  if (normalizeIsbn(s)) return null;
  if (/^\d{9}[\dX]$/.test(s)) return normalizeIsbn(fixIsbn10(s.slice(0, 9)));
  if (/^97[89]\d{10}$/.test(s)) {
    for (let d = 0; d <= 9; d++) {
      const candidate = s.slice(0, 12) + d;
      if (normalizeIsbn(candidate)) return candidate;
    }
  }
  return null;
}

function fixIsbn10(nine: string): string {
  for (const c of '0123456789X') if (normalizeIsbn(nine + c)) return nine + c;
  return nine;
}

/** Kanji runs and kana runs of a query mixing both (青ねこ → {kanji:['青'], kana:['ねこ']}); null otherwise. */
export function scriptRuns(input: string): { kanji: string[]; kana: string[] } | null {
  const folded = compactFold(input);
  const kanji = folded.match(/[\p{sc=Han}々〆ヶ]+/gu) ?? [];
  const kana = folded.match(/[\p{sc=Hiragana}]+/gu) ?? [];
  if (!kanji.length || !kana.length) return null;
  // the whole query must be kanji and kana: a run of Latin letters or digits is not this case
  if (kanji.join('').length + kana.join('').length !== Array.from(folded).length) return null;
  return { kanji, kana };
}

/** Hiragana of a romaji query, when it is one and differs from what was typed. */
export function romajiCandidate(input: string): string | null {
  const kana = romajiToKana(input);
  return kana && kana !== foldText(input) ? kana : null;
}

/** Most edits a typo may differ by: one for short words, two from six characters. */
export function maxTypoDistance(key: string): number {
  const n = Array.from(key).length;
  return n < 3 ? 0 : n < 6 ? 1 : 2;
}

/**
 * Levenshtein distance over code points, or `max + 1` as soon as it must exceed `max`
 * (a candidate too far is dropped without finishing the table).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[y.length];
}

/**
 * The halves of a folded query by which search_terms finds typo candidates: a term within
 * one edit begins with the first half or ends with the second (two edits: the thirds).
 */
export function typoProbes(key: string): { prefixes: string[]; suffixes: string[] } {
  const ch = Array.from(key);
  const max = maxTypoDistance(key);
  if (!max) return { prefixes: [], suffixes: [] };
  const parts = max + 1;
  const size = Math.ceil(ch.length / parts);
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  // the first part as a prefix, the last part as a suffix; with thirds, the first two and last two as well
  prefixes.push(ch.slice(0, size).join(''));
  suffixes.push(ch.slice(ch.length - size).join(''));
  if (parts === 3) {
    prefixes.push(ch.slice(0, Math.min(ch.length, 2 * size)).join(''));
    suffixes.push(ch.slice(Math.max(0, ch.length - 2 * size)).join(''));
  }
  return { prefixes: [...new Set(prefixes)], suffixes: [...new Set(suffixes)] };
}

export interface TermCandidate {
  label: string;
  key: string;
  records: number;
}

/**
 * The nearest terms to a mistyped key: within maxTypoDistance of the whole term, or of its
 * beginning as long as the query (a title typed in part), nearest first, then the most used.
 */
export function nearestTerms(key: string, candidates: TermCandidate[], limit = 3): (TermCandidate & { distance: number })[] {
  const max = maxTypoDistance(key);
  const n = Array.from(key).length;
  const scored: (TermCandidate & { distance: number })[] = [];
  for (const c of candidates) {
    if (c.key === key) continue;
    const whole = editDistance(key, c.key, max);
    const head = Array.from(c.key).length > n + max ? editDistance(key, Array.from(c.key).slice(0, n).join(''), max) : max + 1;
    const distance = Math.min(whole, head);
    if (distance <= max && distance > 0) scored.push({ ...c, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || b.records - a.records || a.label.localeCompare(b.label));
  const seen = new Set<string>();
  return scored.filter((c) => !seen.has(c.label) && seen.add(c.label)).slice(0, limit);
}
