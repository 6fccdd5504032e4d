/**
 * What a record stores for search, and how a patron's words become SQL conditions.
 *
 * `search` is a tsvector of application-made tokens (text.ts: character bigrams, the last
 * character of each CJK run, Latin words), each tagged with the weight of the field it came
 * from, so one GIN index serves the free query and the field queries (title=, author=,
 * publisher=) and ts_rank favours title matches:
 *
 *   A  title, subtitle, title reading (ヨミ)
 *   B  authors and their readings
 *   C  publisher
 *   D  series
 *
 * plus, without a position, the record's title section (`o<n>`, title-sections.ts), by which
 * a title-ordered search reads its matches section by section.
 *
 * Bigram AND can match a record whose bigrams occur apart (日本茶 in 日本の本茶), so a query
 * run of three or more characters is re-checked against `search_text`: one line per field,
 * `<weight>\t<folded text without spaces>`. Runs of one or two characters are exact in the
 * index (one bigram, or the prefix/unigram pair) and need no re-check.
 *
 * Pure: no framework, no I/O.
 */
import { bigramToken, compactFold, foldText, isCjkChar, queryTokens, searchTokens } from './text';
import { titleSection, titleSectionToken } from './title-sections';

export type FieldWeight = 'A' | 'B' | 'C' | 'D';

export interface SearchableRecord {
  title: string;
  titleReading?: string | null;
  subtitle?: string | null;
  authors?: { name: string; reading?: string | null }[] | null;
  publisher?: string | null;
  series?: string | null;
}

export interface SearchDocument {
  /** tsvector literal, e.g. `b00jp00kq:1A wneko:2B` (cast with ::tsvector). */
  search: string;
  searchText: string;
  titleSort: string;
}

const WEIGHTS: FieldWeight[] = ['A', 'B', 'C', 'D'];
/** tsvector positions run from 1 to 16383. */
const MAX_POSITION = 16383;
/** Gap between two texts, so ts_rank sees no proximity across a field boundary. */
const TEXT_GAP = 8;

function fieldTexts(r: SearchableRecord): Record<FieldWeight, string[]> {
  const authors = r.authors ?? [];
  return {
    A: [r.title, r.subtitle, r.titleReading].filter((x): x is string => !!x),
    B: authors.flatMap((a) => [a.name, a.reading]).filter((x): x is string => !!x),
    C: r.publisher ? [r.publisher] : [],
    D: r.series ? [r.series] : [],
  };
}

/**
 * The values to store in records.search, records.search_text and records.title_sort.
 * Tokens keep their order as positions (consecutive bigrams of a run are neighbours), so
 * ts_rank rewards a query whose bigrams stand together, as in the typed phrase.
 */
export function buildSearchDocument(r: SearchableRecord): SearchDocument {
  const fields = fieldTexts(r);
  const positions = new Map<string, string[]>();
  let next = 1;
  for (const w of WEIGHTS) {
    for (const text of fields[w]) {
      for (const token of searchTokens(text)) {
        let list = positions.get(token);
        if (!list) positions.set(token, (list = []));
        if (list.length < 8) list.push(`${Math.min(next, MAX_POSITION)}${w}`);
        next++;
      }
      next += TEXT_GAP;
    }
  }
  const titleSort = titleSortKey(r.titleReading, r.title);
  // tokens are [a-z0-9]+ (text.ts), so the literal needs no quoting; the title section
  // (title-sections.ts) has no position, so ranking never sees it
  const search = [...[...positions].map(([token, ps]) => `${token}:${ps.join(',')}`), titleSectionToken(titleSection(titleSort))].join(' ');
  const searchText = WEIGHTS.flatMap((w) => fields[w].map((t) => `${w}\t${compactFold(t)}`)).join('\n');
  return { search, searchText, titleSort };
}

/** 五十音順 key: the folded reading (hiragana, no small kana or long marks), else the folded title. */
export function titleSortKey(reading: string | null | undefined, title: string): string {
  const folded = foldText(reading) || foldText(title);
  // spaces in readings (ワガハイ ワ ネコ) must not sort before letters; keep them between Latin words
  return folded.replace(/ (?=\p{sc=Han}|\p{sc=Hiragana}|\p{sc=Katakana})|(?<=\p{sc=Han}|\p{sc=Hiragana}|\p{sc=Katakana}) /gu, '').slice(0, 200);
}

/** A parsed text criterion: a tsquery and the runs that need an exact re-check. */
export interface TextCriterion {
  tsquery: string;
  /** The whole input folded without spaces: equal to a title's search_text line or title_sort on an exact title match. */
  compact: string;
  /** CJK runs of three or more characters (folded, no spaces). */
  recheck: string[];
}

/**
 * tsquery (for `search @@ $::tsquery`) and re-check runs for what a patron typed, limited
 * to one field's weight when given. Null when nothing searchable was typed.
 */
export function textCriterion(input: string | null | undefined, weight?: FieldWeight, frequency?: TokenFrequency): TextCriterion | null {
  const { recheck, tokens, compact } = analysed(input);
  const terms = frequency ? rarestBigrams(tokens, recheck, frequency) : withoutRedundantBigrams(tokens, recheck);
  if (!terms.length) return null;
  const tsquery = terms
    .map((term) => (weight ? term.replace(/\b([a-z][0-9a-z]*)(:\*)?/g, (_m, lexeme: string, prefix?: string) => `${lexeme}:${prefix ? '*' : ''}${weight}`) : term))
    .join(' & ');
  return { tsquery, compact, recheck: [...recheck] };
}

/** Inputs whose folding and tokens are kept (analysed()); the whole memo is dropped when full. */
const ANALYSED_KEPT = 500;
const analysedInputs = new Map<string, { recheck: string[]; tokens: string[]; compact: string }>();

/**
 * What of an input does not depend on a city (folding, re-check runs, query tokens), kept
 * for the latest inputs: a regional search builds the same words' search once per member
 * city, each with the city's token statistics, and the folding is most of the cost of
 * building one (a quarter of a millisecond, ten times for ten cities). Read-only: callers copy.
 */
function analysed(input: string | null | undefined): { recheck: string[]; tokens: string[]; compact: string } {
  const analyse = () => ({ recheck: recheckRuns(input), tokens: queryTokens(input), compact: compactFold(input) });
  if (typeof input !== 'string') return analyse();
  let found = analysedInputs.get(input);
  if (!found) {
    if (analysedInputs.size >= ANALYSED_KEPT) analysedInputs.clear();
    found = analyse();
    analysedInputs.set(input, found);
  }
  return found;
}

/**
 * A run that is re-checked as a whole (three or more characters) needs only enough of its
 * bigrams to cover every character: 夏目漱石 → 夏目 & 漱石 instead of 夏目 & 目漱 & 漱石. Each
 * bigram dropped is one GIN posting list fewer to read for the query.
 */
function withoutRedundantBigrams(terms: string[], rechecked: string[]): string[] {
  const all = new Set<string>();
  const keep = new Set<string>();
  for (const run of rechecked) {
    const ch = Array.from(run);
    const starts: number[] = [];
    for (let i = 0; i + 1 < ch.length; i += 2) starts.push(i);
    if (starts[starts.length - 1] !== ch.length - 2) starts.push(ch.length - 2);
    for (let i = 0; i + 1 < ch.length; i++) all.add(bigramToken(ch[i], ch[i + 1]));
    for (const i of starts) keep.add(bigramToken(ch[i], ch[i + 1]));
  }
  return terms.filter((t) => !all.has(t) || keep.has(t));
}

/**
 * The share of records (0–1) whose search holds a token, when known: PostgreSQL's statistics
 * list the most common ones (pg_stats.most_common_elems of records.search); an unlisted token
 * is rarer than every listed one (undefined).
 */
export type TokenFrequency = (token: string) => number | undefined;

/** Bigrams kept per re-checked run when their frequencies are known. */
const RAREST_PER_RUN = 2;

/**
 * With frequencies known, a re-checked run needs only its rarest bigrams: the re-check
 * makes the match exact, and the GIN index reads every posting list of the query in full,
 * so a common bigram costs much and narrows little. らしょうもん: らし (1 % of the records) and
 * うも (1 %) instead of らし, よう (23 %) and もん (2 %): a third of the index work.
 */
function rarestBigrams(terms: string[], rechecked: string[], frequency: TokenFrequency): string[] {
  const all = new Set<string>();
  const keep = new Set<string>();
  for (const run of rechecked) {
    const ch = Array.from(run);
    const bigrams = [...new Set(Array.from({ length: ch.length - 1 }, (_, i) => bigramToken(ch[i], ch[i + 1])))];
    bigrams.forEach((b) => all.add(b));
    // stable: among equally rare bigrams, the first ones of the run
    const byRarity = bigrams.map((b, i) => ({ b, i, f: frequency(b) ?? 0 })).sort((x, y) => x.f - y.f || x.i - y.i);
    for (const { b } of byRarity.slice(0, RAREST_PER_RUN)) keep.add(b);
  }
  return terms.filter((t) => !all.has(t) || keep.has(t));
}

/** The query's CJK runs of three or more characters, as the index would see them folded. */
export function recheckRuns(input: string | null | undefined): string[] {
  const out = new Set<string>();
  for (const piece of foldText(input).split(' ')) {
    let run = '';
    for (const ch of piece + ' ') {
      if (isCjkChar(ch)) {
        run += ch;
        continue;
      }
      if (Array.from(run).length >= 3) out.add(run);
      run = '';
    }
  }
  return [...out];
}

/** `%run%` for LIKE, with LIKE's own metacharacters escaped (runs are CJK-only, but be exact). */
export function likePattern(run: string): string {
  return `%${run.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The re-check of a criterion's runs as one SQL condition on `r.search_text`, with all runs
 * in one array parameter so that the statement's text does not depend on how many runs were
 * typed (the search runs as a prepared statement per text); null when nothing needs it.
 */
export function recheckCondition(c: TextCriterion, weight: FieldWeight | undefined, param: (v: unknown) => string): string | null {
  if (!c.recheck.length) return null;
  return weight
    ? `r.search_text ~ ALL(${param(c.recheck.map((run) => fieldRegex(run, weight)))}::text[])`
    : `r.search_text LIKE ALL(${param(c.recheck.map(likePattern))}::text[])`;
}

function regexEscaped(run: string): string {
  return run.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}

/** POSIX regex for a run inside one field's line of search_text. */
export function fieldRegex(run: string, weight: FieldWeight): string {
  return `(^|\n)${weight}\t[^\n]*${regexEscaped(run)}`;
}

/**
 * POSIX regex for an author's name in search_text that starts or ends with `compact` (or is
 * it): the whole name or reading, or, as a name is stored without its space, the family name
 * (芥川 of 芥川竜之介, あくたがわ of its reading) or the given name (漱石 of 夏目漱石).
 */
export function authorNameRegex(compact: string): string {
  const run = regexEscaped(compact);
  return `(^|\n)B\t(${run}|[^\n]*${run}(\n|$))`;
}
