/**
 * Title sections: the 五十音 order of titles (records.title_sort, C collation, i.e. code
 * point order) cut into TITLE_SECTIONS consecutive ranges by the first character, each
 * record carrying its section as one more token of its `search` tsvector (`o<n>`).
 *
 * Why: a broad query sorted by title (桜: 7,600 of a million records) must find the first
 * titles among ALL its matches, and a title can only be read from the record row, so the
 * search read every match (26 ms). With the section in the index, the search counts its
 * matches section by section, あ before い, in the GIN index, and reads only the sections
 * up to the one that fills the page: a few hundred rows instead of thousands
 * (search-query.ts). Order inside the page is still the full title_sort order; sections only
 * bound which rows are read.
 *
 * Sections, by the first code point of title_sort (empty title_sort: section 0):
 *   0          before ぁ (digits, Latin letters, punctuation)
 *   1 … 86     one per hiragana ぁ (U+3041) … ゖ (U+3096); title_sort folds readings to hiragana
 *   87         after ゖ, before the CJK ideographs (katakana left unfolded, CJK symbols)
 *   88 … 108   the CJK ideographs U+4E00 … U+9FFF (titles without a reading) in 21 blocks of 1,024
 *   109        everything after
 *
 * titleSectionSql() is the same in SQL (the search reads the sections of its sample with it);
 * migration 0010 has its own copy for the records stored before it. A test holds all three to agree.
 */
export const TITLE_SECTIONS = 110;

const HIRAGANA_FIRST = 0x3041;
const HIRAGANA_LAST = 0x3096;
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;
const CJK_BLOCK = 1024;

/** The section (0 … TITLE_SECTIONS - 1) of a title_sort key. */
export function titleSection(titleSort: string): number {
  const cp = titleSort.codePointAt(0) ?? 0;
  if (cp < HIRAGANA_FIRST) return 0;
  if (cp <= HIRAGANA_LAST) return cp - HIRAGANA_FIRST + 1;
  if (cp < CJK_FIRST) return 87;
  if (cp <= CJK_LAST) return 88 + Math.floor((cp - CJK_FIRST) / CJK_BLOCK);
  return 109;
}

/** The section's token in records.search (token alphabet of text.ts: `o` is no other kind's prefix). */
export function titleSectionToken(section: number): string {
  return `o${section}`;
}

/** titleSection() in SQL, over a text expression (ascii() is the first code point in a UTF-8 database, 0 for ''). */
export function titleSectionSql(expr: string): string {
  const cp = `ascii(${expr})`;
  return `(CASE WHEN ${cp} < ${HIRAGANA_FIRST} THEN 0
        WHEN ${cp} <= ${HIRAGANA_LAST} THEN ${cp} - ${HIRAGANA_FIRST - 1}
        WHEN ${cp} < ${CJK_FIRST} THEN 87
        WHEN ${cp} <= ${CJK_LAST} THEN 88 + (${cp} - ${CJK_FIRST}) / ${CJK_BLOCK}
        ELSE 109 END)`;
}
