/**
 * 請求記号 (call number) as a Japanese library prints it on the spine label, three tiers:
 * the NDC class, the author mark (著者記号: the first kana of the first author's reading,
 * as most public libraries write it), the volume. 913.6 / ナ / 1.
 *
 * A copy's own call number comes first, then the record's as catalogued (MARC 090 / 852),
 * then the one made from the record's class, author and volume.
 *
 * Pure: no framework, no I/O.
 */

export interface CallNumberSource {
  ndc?: string | null;
  authors?: { name: string; reading?: string | null }[] | null;
  volume?: string | null;
}

const toKatakana = (s: string) => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/** 著者記号: the first kana of the first author's reading, else the first character of the name. */
export function authorMark(authors: CallNumberSource['authors']): string | null {
  const first = authors?.[0];
  if (!first) return null;
  const reading = first.reading?.normalize('NFKC').trim();
  const kana = reading ? /[\p{sc=Katakana}\p{sc=Hiragana}]/u.exec(reading)?.[0] : undefined;
  if (kana) return toKatakana(kana);
  const ch = Array.from(first.name.normalize('NFKC').trim())[0];
  return ch ? ch.toUpperCase() : null;
}

/**
 * The call number made from the record: class / author mark / volume, the missing tiers left
 * out; none without a class (an author mark alone finds no shelf).
 */
export function derivedCallNumber(r: CallNumberSource): string | null {
  const ndc = r.ndc?.trim();
  if (!ndc) return null;
  return [ndc, authorMark(r.authors), r.volume?.trim() || null].filter((x): x is string => !!x).join('/');
}

/** A copy's call number: its own, else the record's, else the one made from the record. */
export function copyCallNumber(copy: { callNumber?: string | null }, record: CallNumberSource & { callNumber?: string | null }): string | null {
  return copy.callNumber?.trim() || record.callNumber?.trim() || derivedCallNumber(record);
}
