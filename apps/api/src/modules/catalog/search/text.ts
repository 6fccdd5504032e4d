/**
 * Japanese-first text folding and search tokens for catalogue search.
 *
 * Pure functions, no framework and no I/O. The same code folds what is indexed
 * (title, title reading, authors, publisher, series) and what a patron types, so the
 * two always agree.
 *
 * How search uses this (see DESIGN.md "Search" and STACK.md "Japanese search"):
 *
 *   index:  search_vector = array_to_tsvector($tokens::text[])   -- tokens = searchTokens(...)
 *           (or to_tsvector('simple', tokens.join(' ')): the tokens survive any parser)
 *           GIN index on search_vector
 *   query:  search_vector @@ to_tsquery('simple', queryTokens(q).join(' & '))
 *           then re-check the candidates with matchesAllTerms() (or a LIKE on
 *           compactFold() text) to drop bigram false positives.
 *
 * Token alphabet. Every token is `[a-z0-9]+` with a one-letter kind prefix, so it is
 * safe inside to_tsquery / ::tsquery without quoting and whatever the database
 * locale (with a plain `C` locale the text-search parser does not treat kanji as
 * letters and would split or drop them). Non-ASCII characters are written as their
 * code point in base 36, fixed width 4 (36^4 > 0x10FFFF), which keeps the encoding
 * prefix-preserving: the encoding of "猫" is a prefix of the encoding of every bigram
 * that starts with 猫, so a tsquery prefix match `b<猫>:*` finds them.
 *
 *   b + enc(c1) + enc(c2)   bigram of two CJK/kana characters (9 chars)
 *   u + enc(c)              unigram: only the LAST character of each CJK run
 *   w + word                Latin/digit word made only of [a-z0-9]
 *   x + enc(chars...)       any other word (Cyrillic, Greek, Hebrew, accented
 *                           letters that do not fold to ASCII, ...)
 *
 * One-character queries (猫). Every character of a CJK run except the last is the
 * first character of some bigram; the last one is indexed as a `u` unigram. So a
 * one-character query becomes `(b<猫>:* | u<猫>)` and finds every record that
 * contains 猫 anywhere. We deliberately do NOT index every character as a unigram:
 * that roughly doubles the postings per record (a 10-character title has 9 bigrams;
 * full unigrams would add up to 10 more lexemes) for the benefit of one query shape,
 * while the GIN prefix scan over `b<猫>*` lexemes is cheap (measured ~0.2 ms at 200k
 * rows on this machine class, see STACK.md), except for the commonest characters (の, い:
 * thousands of bigrams, 80 ms at 1M records), whose sample search-query.ts reads by scanning
 * the table instead (SCAN_SHARE). Both ways are exact (no false
 * negatives); bigram AND can give false positives (the bigrams of 日本茶 also occur
 * in 日本の本茶), which the re-check removes.
 */

// ---------------------------------------------------------------------------
// Old (旧字体) and variant kanji folded to the common modern form. Deliberately a
// small table of pairs that occur in names and titles; both sides of every pair are
// still valid characters, so folding only widens matches. 斉/齊/齋 all fold to 斎 so
// that 斎藤/斉藤/齋藤/齊藤 find each other (a name-search convention, broader than a
// strict 旧字→新字 mapping).
const VARIANT_PAIRS =
  '龍竜國国學学澤沢邊辺邉辺齋斎齊斎斉斎髙高﨑崎嵜崎櫻桜藝芸體体圖図舊旧廣広濱浜' +
  '眞真與与實実萬万黑黒鷗鴎會会來来傳伝變変讀読歐欧聲声賣売驛駅對対發発繪絵譯訳' +
  '辯弁辨弁瓣弁醫医氣気假仮佛仏兒児圓円壽寿寫写將将戀恋惡悪數数斷断樂楽榮栄歸帰' +
  '歷歴殘残滿満燈灯爭争獨独當当盡尽禮礼禪禅稻稲絲糸經経繼継續続缺欠聽聴莊荘藏蔵' +
  '處処號号螢蛍觀観覺覚證証豐豊轉転輕軽遲遅遙遥鄕郷鐵鉄鑛鉱關関險険隨随雜雑靈霊' +
  '顏顔顯顕餘余髮髪鬪闘鷄鶏麥麦齒歯龜亀乘乗亞亜僞偽兩両劍剣勞労區区卷巻參参嚴厳' +
  '團団圍囲壓圧壞壊壯壮奧奥孃嬢寢寝寶宝專専屆届嶽岳峽峡巖巌廳庁彈弾從従德徳應応' +
  '戰戦拜拝擇択擧挙擴拡攝摂敎教晝昼曉暁條条檢検樣様權権歡歓步歩每毎淺浅溪渓澁渋' +
  '濕湿燒焼狀状獸獣畫画畵画疊畳盜盗碎砕祕秘稅税穗穂窗窓粹粋絕絶總総臟臓舍舎莖茎' +
  '蟲虫衞衛裝装觸触讓譲豫予賴頼贊賛踐践遞逓醉酔釋釈錢銭錄録鎭鎮隱隠雙双靜静飮飲' +
  '驗験騷騒鹽塩默黙點点黨党齡齢嶋島冨富晉晋槇槙濵浜邨村桒桑曾曽淸清靑青' +
  '𠮷吉';

const VARIANTS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = Array.from(VARIANT_PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    if (chars[i] !== chars[i + 1]) m.set(chars[i], chars[i + 1]);
  }
  return m;
})();

/** Small kana and historical kana folded to one form (legacy MARC readings such as
 *  ｷﾖｳﾄ have no small kana; 旧仮名 titles use ゐ/ゑ). Applied after katakana→hiragana. */
const KANA_FOLD: Readonly<Record<string, string>> = {
  'ぁ': 'あ', 'ぃ': 'い', 'ぅ': 'う', 'ぇ': 'え', 'ぉ': 'お', 'っ': 'つ', 'ゃ': 'や', 'ゅ': 'ゆ',
  'ょ': 'よ', 'ゎ': 'わ', 'ゕ': 'か', 'ゖ': 'け', 'ゐ': 'い', 'ゑ': 'え', 'ぢ': 'じ', 'づ': 'ず',
};

/** Characters that lengthen the previous kana (ー and what people type instead). */
const PROLONG = new Set(Array.from('ー-‐‑‒–—―−─～〜~'));

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const IGNORABLE_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

export function isCjkChar(ch: string): boolean {
  return CJK_RE.test(ch);
}

function isWordChar(ch: string): boolean {
  return WORD_RE.test(ch) && !CJK_RE.test(ch);
}

/**
 * Fold text for search: NFKC (full-width ASCII and half-width katakana become
 * ordinary), lower case, Latin diacritics removed, katakana → hiragana, small kana →
 * large, old kanji → new, prolonged-sound marks after kana removed (コンピューター and
 * コンピュータ fold alike), punctuation, brackets (「」『』【】…) and every kind of space
 * → one ASCII space. The result holds only CJK/kana characters, letters, digits and
 * single spaces, trimmed.
 */
export function foldText(input: string | null | undefined): string {
  if (!input) return '';
  if (!foldMemo) return foldUncached(input);
  let out = foldMemo.get(input);
  if (out === undefined) foldMemo.set(input, (out = foldUncached(input)));
  return out;
}

/** Texts folded while withFoldMemo runs (null otherwise). */
let foldMemo: Map<string, string> | null = null;

/**
 * Runs `fn` with each distinct text folded once: a record's search columns and its search terms
 * fold the same title, reading and authors several times over (an import's reader, per record).
 */
export function withFoldMemo<T>(fn: () => T): T {
  const outer = foldMemo;
  foldMemo = outer ?? new Map();
  try {
    return fn();
  } finally {
    foldMemo = outer;
  }
}

function foldUncached(input: string): string {
  // Spacing voiced marks (゛゜) become combining ones so that か゛ composes to が.
  let s = input.replace(/\u309B/g, '\u3099').replace(/\u309C/g, '\u309A').replace(IGNORABLE_RE, '');
  s = s.normalize('NFKC');
  // Latin diacritics (Römbke → rombke) without touching kana voicing marks.
  s = s.normalize('NFD').replace(/(\p{Script=Latin})[\u0300-\u036F]+/gu, '$1').normalize('NFC');
  s = s.toLowerCase();

  let out = '';
  let last = ''; // last character appended ('' or ' ' at a boundary)
  for (const raw of s) {
    let ch = VARIANTS.get(raw) ?? raw;
    const cp = ch.codePointAt(0)!;
    // Katakana → hiragana (ァ..ヶ → ぁ..ゖ, ヽヾ → ゝゞ).
    if (cp >= 0x30a1 && cp <= 0x30f6) ch = String.fromCodePoint(cp - 0x60);
    else if (cp === 0x30fd || cp === 0x30fe) ch = String.fromCodePoint(cp - 0x60);
    ch = KANA_FOLD[ch] ?? ch;

    if (PROLONG.has(ch)) {
      if (last && KANA_RE.test(last)) continue; // long vowel: drop
      if (last !== ' ' && out) { out += ' '; last = ' '; }
      continue;
    }
    if (CJK_RE.test(ch) || WORD_RE.test(ch)) {
      out += ch;
      last = ch;
    } else if (out && last !== ' ') {
      out += ' ';
      last = ' ';
    }
  }
  return out.trimEnd();
}

/** foldText without spaces: for substring re-checks of CJK candidates
 *  (「日本の茶書」 and 「日本 の 茶書」 compact alike). */
export function compactFold(input: string | null | undefined): string {
  return foldText(input).replace(/ /g, '');
}

// ---------------------------------------------------------------------------
// Tokens

const ENC_WIDTH = 4;

function enc(ch: string): string {
  return ch.codePointAt(0)!.toString(36).padStart(ENC_WIDTH, '0');
}

const MAX_WORD_CHARS = 64; // PostgreSQL lexemes must stay < 2 KB; titles never need more

function wordToken(word: string): string {
  const w = Array.from(word).slice(0, MAX_WORD_CHARS);
  const plain = w.join('');
  if (/^[a-z0-9]+$/.test(plain)) return 'w' + plain;
  return 'x' + w.map(enc).join('');
}

export function bigramToken(a: string, b: string): string {
  return 'b' + enc(a) + enc(b);
}

export function unigramToken(c: string): string {
  return 'u' + enc(c);
}

interface Segments {
  /** CJK runs, each an array of characters; runs separated only by spaces are joined. */
  cjk: string[][];
  words: string[];
}

/** Split folded text into CJK runs and words. A CJK run continues across spaces
 *  (日本 の 茶書 is one run) but not across a word (日本 the 茶 is two runs). */
function segment(folded: string, bridgeSpaces: boolean): Segments {
  const cjk: string[][] = [];
  const words: string[] = [];
  let run: string[] | null = null;
  let word = '';
  const flushWord = () => {
    if (word) { words.push(word); word = ''; }
  };
  for (const ch of folded) {
    if (ch === ' ') {
      flushWord();
      if (!bridgeSpaces) run = null;
      continue;
    }
    if (CJK_RE.test(ch)) {
      flushWord();
      if (!run) { run = []; cjk.push(run); }
      run.push(ch);
    } else if (isWordChar(ch)) {
      run = null;
      word += ch;
    } else {
      flushWord();
      run = null;
    }
  }
  flushWord();
  return { cjk, words };
}

/**
 * Tokens to index for a text (title, reading, author names...). Deduplicated.
 * Several texts of one record may be indexed by concatenating their token arrays.
 */
export function searchTokens(text: string | null | undefined): string[] {
  const folded = foldText(text);
  if (!folded) return [];
  const out = new Set<string>();
  const { cjk, words } = segment(folded, true);
  for (const run of cjk) {
    for (let i = 0; i + 1 < run.length; i++) out.add(bigramToken(run[i], run[i + 1]));
    out.add(unigramToken(run[run.length - 1]));
  }
  for (const w of words) out.add(wordToken(w));
  return [...out];
}

/**
 * tsquery terms for what a patron typed; AND them: `terms.join(' & ')`.
 * Each term is either a plain lexeme or a parenthesised alternative such as
 * `(b00jp:* | u00jp)` for a one-character query, built only from `[a-z0-9():*| ]`,
 * so the joined string is a valid to_tsquery('simple', …) / ::tsquery input.
 * Space-separated query words are separate terms (日本 茶書 finds 日本の茶書).
 * An empty array means "nothing searchable" (e.g. only punctuation).
 */
export function queryTokens(query: string | null | undefined): string[] {
  const folded = foldText(query);
  if (!folded) return [];
  const terms = new Set<string>();
  const { cjk, words } = segment(folded, false);
  for (const run of cjk) {
    if (run.length === 1) {
      terms.add(`(${bigramPrefix(run[0])}:* | ${unigramToken(run[0])})`);
    } else {
      for (let i = 0; i + 1 < run.length; i++) terms.add(bigramToken(run[i], run[i + 1]));
    }
  }
  for (const w of words) terms.add(wordToken(w));
  return [...terms];
}

function bigramPrefix(c: string): string {
  return 'b' + enc(c);
}

/** The full tsquery text for a query, or null when nothing is searchable. */
export function toTsQuery(query: string | null | undefined): string | null {
  const terms = queryTokens(query);
  return terms.length ? terms.join(' & ') : null;
}

/**
 * Exact re-check of a candidate: every query term (folded, spaces removed for CJK)
 * occurs in the folded haystack. Latin words must match whole words.
 */
export function matchesAllTerms(haystack: string | string[], query: string): boolean {
  const texts = Array.isArray(haystack) ? haystack : [haystack];
  const folded = texts.map(foldText);
  const compact = folded.map((t) => t.replace(/ /g, ''));
  const wordSets = folded.map((t) => new Set(segment(t, true).words));
  const { cjk, words } = segment(foldText(query), false);
  for (const run of cjk) {
    const term = run.join('');
    if (!compact.some((c) => c.includes(term))) return false;
  }
  for (const w of words) {
    if (!wordSets.some((s) => s.has(w))) return false;
  }
  return cjk.length + words.length > 0;
}

// ---------------------------------------------------------------------------
// ISBN

function isbn10CheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(nine[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

function isbn13CheckDigit(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** Digits (and a final X) of an ISBN as typed: full-width digits, hyphens, spaces and
 *  an `ISBN` label are ignored. */
function isbnChars(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/^\s*ISBN(?:-1[03])?:?/, '').replace(/[\s\-‐‑–—―−ー.]/g, '');
}

/** ISBN-10 (valid check digit) → ISBN-13 digits, or null. */
export function isbn10to13(isbn10: string): string | null {
  const s = isbnChars(isbn10);
  if (!/^\d{9}[\dX]$/.test(s)) return null;
  if (isbn10CheckDigit(s.slice(0, 9)) !== s[9]) return null;
  const twelve = '978' + s.slice(0, 9);
  return twelve + isbn13CheckDigit(twelve);
}

/** ISBN-13 starting with 978 → ISBN-10, or null (979 ISBNs have no ISBN-10). */
export function isbn13to10(isbn13: string): string | null {
  const s = normalizeIsbn(isbn13);
  if (!s || !s.startsWith('978')) return null;
  const nine = s.slice(3, 12);
  return nine + isbn10CheckDigit(nine);
}

/**
 * ISBN-10 or ISBN-13, with or without hyphens/spaces (full-width too), to the 13
 * digits of the ISBN-13; null if it is not a valid ISBN (wrong length, bad check
 * digit, 13 digits not starting 978/979).
 */
export function normalizeIsbn(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = isbnChars(input);
  if (/^\d{9}[\dX]$/.test(s)) return isbn10to13(s);
  if (/^97[89]\d{10}$/.test(s)) return isbn13CheckDigit(s.slice(0, 12)) === s[12] ? s : null;
  return null;
}

/** The ISBN found at the start of a MARC 020 $a or a free-text cell
 *  ("4101092052 (pbk.) : ¥400" → "9784101092058"); null if none is valid. */
export function extractIsbn(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.normalize('NFKC');
  for (const m of t.matchAll(/\d[\d\s\-‐‑–]{8,16}[\dXx]/g)) {
    const n = normalizeIsbn(m[0]);
    if (n) return n;
    for (const piece of m[0].split(/\s+/)) {
      const p = normalizeIsbn(piece);
      if (p) return p;
    }
  }
  return null;
}
