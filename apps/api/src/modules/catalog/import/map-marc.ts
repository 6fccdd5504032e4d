/**
 * MARC 21 bibliographic record → RecordInput.
 *
 *   title / subtitle   245 $a (+ $n $p) / $b, ISBD punctuation (" /", " :", " ;", " =", ".") stripped
 *   authors            100, 110, 111, then 700, 710, 711 ($a, with $b units of corporate names)
 *   publisher / year   264 (second indicator 1) or 260 $b; year from 008/07-10, else 264/260 $c
 *   isbn               first valid 020 $a (price and qualifiers ignored), as ISBN-13
 *   series / volume    490 $a / $v, else 830; volume else 245 $n
 *   ndc                084 $a whose $2 is an NDC scheme (njb, ndc…)
 *   callNumber         090 $a / $b (local call number), else 852 $h / $i: 請求記号 tiers joined with /
 *   coverUrl           856 $u of a cover image (an image address, or $3/$y/$z saying cover / 表紙)
 *   controlNumber      001, else the first 035 $a
 *   materialType       leader/06-07: serials → magazine; video, sound, computer files → av; else book
 *
 * Alternate script (880): a field linked by $6 (e.g. 245 $6 880-01 ↔ 880 $6 245-01/$1)
 * or an unlinked 880 ($6 260-00) supplies the original-script form. The original
 * script becomes the value (日本の茶書, 林屋 辰三郎) and the romanized field its
 * reading (Nihon no chasho, Hayashiya, Tatsusaburō). When the 880 is kana only (a
 * Japanese reading, as in NDL records), the regular field stays the value and the
 * kana become the reading. In Japanese records (008/35-37 = jpn), the word-division
 * spaces that romanization practice puts between kanji (日本 の 茶書) are removed from
 * titles, series and publishers; person names keep their family/given-name space.
 *
 * Readings are kana, never romaji: in a Japanese record a romanized regular field (the
 * reading of an 880 in kanji) becomes katakana (Hayashiya, Tatsusaburō → ハヤシヤ
 * タツサブロウ; ALA-LC romanization is Hepburn) or, when it does not read as romaji, no
 * reading at all. A kana 880 (NDL, JAPAN/MARC) is taken as it is.
 */
import { romajiToKana } from '../search/romaji';
import { extractIsbn } from '../search/text';
import { controlField, dataFields, MarcDataField, MarcRecord, subfield, subfields } from './marc-record';
import { AuthorInput, RecordInput } from './types';
import { parseYear } from './year';

export type MapResult = { record: RecordInput; warnings: string[] } | { error: string };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_SPACE = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ー・])\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ー・])/gu;
const KANA_ONLY = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s\p{P}0-9A-Za-z]+$/u;
const LATIN_ONLY = /^[\p{Script=Latin}\p{Script=Common}\p{M}\s]+$/u;

const ABBREVIATION =
  /(?:^|[\s.(])(?:Dept|Off|Co|Inc|Ltd|Jr|Sr|Corp|Govt|Bros|Univ|Assoc|Inst|Soc|Acad|Pub|Pubs|Dr|St|Mr|Mrs|Ms|etc|ed|eds|comp|Mfg|Natl|Intl|Print|Cie|Hnos|Verl)\.$/;

/** Strips ISBD trailing punctuation, surrounding spaces and MARC non-sort markers. */
export function cleanMarcText(s: string | undefined): string {
  if (!s) return '';
  let t = s
    .replace(/[\u0098\u009C\u0088\u0089]/g, '') // non-sort begin/end markers
    .replace(/\s+/g, ' ')
    .trim();
  for (;;) {
    const before = t;
    t = t.replace(/\s*[/:;=,،؛]+$/u, '').trim();
    // A final period is ISBD punctuation unless it ends an initial ("Robert N."),
    // an abbreviation made of initials ("U.S."), a common abbreviation ("Dept.") or
    // an ellipsis.
    if (t.endsWith('.') && !/(?:^|[\s.])\p{Lu}\.$/u.test(t) && !/\.\.\.$/.test(t) && !ABBREVIATION.test(t)) {
      t = t.slice(0, -1).trim();
    }
    if (t === before) break;
  }
  return t;
}

function joinSpaces(s: string, japanese: boolean): string {
  return japanese ? s.replace(CJK_SPACE, '$1') : s;
}

interface Linked {
  field: MarcDataField;
  alt?: MarcDataField;
}

/** Pairs each field of `tag` with its 880 alternate-script field. */
function linkedFields(rec: MarcRecord, tag: string): Linked[] {
  const alts = dataFields(rec, '880');
  const occurrence = (f: MarcDataField) => subfield(f, '6') ?? '';
  const used = new Set<MarcDataField>();
  const out: Linked[] = dataFields(rec, tag).map((field) => {
    const link = /^880-(\d+)/.exec(occurrence(field).trim());
    if (!link || link[1] === '00') return { field };
    const alt = alts.find((a) => new RegExp(`^${tag}-${link[1]}(?:\\s*/|\\s*$)`).test(occurrence(a)));
    if (alt) used.add(alt);
    return { field, alt };
  });
  // Unlinked 880s (occurrence 00) for this tag: the alternate of the first field of
  // the tag that has none, or a field of their own.
  for (const a of alts) {
    if (used.has(a) || !new RegExp(`^${tag}-00(?:\\s*/|\\s*$)`).test(occurrence(a))) continue;
    const target = out.find((l) => !l.alt);
    if (target) target.alt = a;
    else out.push({ field: a });
  }
  return out;
}

interface ValueAndReading {
  value: string;
  reading?: string;
}

/** Chooses between the regular (often romanized) text and its 880 alternate. */
function pick(regular: string, alt: string | undefined): ValueAndReading {
  if (!alt) return { value: regular };
  if (!regular) return { value: alt };
  if (KANA_ONLY.test(alt) && CJK.test(regular) && !KANA_ONLY.test(regular)) return { value: regular, reading: alt };
  if (LATIN_ONLY.test(regular) && !LATIN_ONLY.test(alt)) return { value: alt, reading: regular };
  return { value: alt, reading: regular !== alt ? regular : undefined };
}

/** A reading as stored: in a Japanese record, romaji as katakana or nothing (see above). */
function readingOf(reading: string | undefined, japanese: boolean): string | undefined {
  if (!reading || !japanese || !LATIN_ONLY.test(reading)) return reading;
  const kana = romajiToKana(reading.replace(/[,.;:()[\]"!?/=]/g, ' ').replace(/\s+/g, ' '));
  return kana ? kana.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60)) : undefined;
}

function text(f: MarcDataField | undefined, codes: string): string {
  if (!f) return '';
  return cleanMarcText(
    f.subfields
      .filter((s) => codes.includes(s.code))
      .map((s) => cleanMarcText(s.value))
      .filter(Boolean)
      .join(' '),
  );
}

function nameOf(f: MarcDataField | undefined, corporate: boolean): string {
  if (!f) return '';
  if (!corporate) return cleanMarcText([subfield(f, 'a'), subfield(f, 'b'), subfield(f, 'c')].filter(Boolean).map((x) => cleanMarcText(x)).join(' '));
  // Corporate names: "United States. Congress. House."
  return f.subfields
    .filter((s) => s.code === 'a' || s.code === 'b')
    .map((s) => cleanMarcText(s.value))
    .filter(Boolean)
    .join('. ');
}

function materialTypeOf(leader: string): string {
  const type = leader[6];
  const level = leader[7];
  if ('gijm'.includes(type) && type !== ' ') return 'av';
  if (level === 's' || level === 'b' || level === 'i') return 'magazine';
  return 'book';
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) {
    const v = o[k];
    if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) delete o[k];
  }
  return o;
}

export function mapMarcRecord(rec: MarcRecord): MapResult {
  const warnings: string[] = [];
  const f008 = controlField(rec, '008') ?? '';
  const japanese = f008.slice(35, 38) === 'jpn';

  // Title
  const titles = linkedFields(rec, '245');
  const titleField = titles.find((l) => subfield(l.field, 'a') || (l.alt && subfield(l.alt, 'a')));
  if (!titleField) {
    if (titles.length === 0) {
      const unimarc = dataFields(rec, '200').some((f) => subfield(f, 'a'));
      return {
        error: unimarc
          ? 'no title: no 245 field (this looks like UNIMARC, field 200; only MARC 21 is supported)'
          : 'no title: the record has no 245 field',
      };
    }
    return { error: 'no title: 245 has no $a' };
  }
  if (titles.length > 1) warnings.push(`${titles.length} title fields (245); the first with $a is used`);
  const t = pick(text(titleField.field, 'anp'), titleField.alt ? text(titleField.alt, 'anp') : undefined);
  const title = joinSpaces(t.value, japanese);
  if (!title) return { error: 'no title: 245 $a is empty' };
  const sub = pick(text(titleField.field, 'b'), titleField.alt ? text(titleField.alt, 'b') : undefined);

  // Authors
  const authors: AuthorInput[] = [];
  const seen = new Set<string>();
  for (const tag of ['100', '110', '111', '700', '710', '711']) {
    const corporate = tag.endsWith('10');
    for (const l of linkedFields(rec, tag)) {
      const a = pick(nameOf(l.field, corporate), l.alt ? nameOf(l.alt, corporate) : undefined);
      if (!a.value || seen.has(a.value)) continue;
      seen.add(a.value);
      authors.push(compact({ name: a.value, reading: readingOf(a.reading, japanese) }));
    }
  }

  // Publication
  const pub264 = linkedFields(rec, '264');
  const pubFields = [...pub264.filter((l) => l.field.ind2 === '1'), ...linkedFields(rec, '260'), ...pub264];
  const pubField = pubFields.find((l) => subfield(l.field, 'b') || (l.alt && subfield(l.alt, 'b')));
  let publisher: string | undefined;
  if (pubField) {
    const p = pick(cleanPublisher(subfield(pubField.field, 'b')), pubField.alt ? cleanPublisher(subfield(pubField.alt, 'b')) : undefined);
    publisher = joinSpaces(p.value, japanese) || undefined;
  }
  // Year: 008/07-10 (Date 1: the publication date of this edition, also for reprints)
  // when the 008 is well formed, else the first year in 264/260 $c.
  let publishedYear: number | undefined;
  if (f008.length >= 15 && /^[bcdeikmnpqrstu|]$/.test(f008[6]) && /^(1\d{3}|20\d{2})$/.test(f008.slice(7, 11))) {
    publishedYear = Number(f008.slice(7, 11));
  }
  for (const l of publishedYear ? [] : pubFields) {
    publishedYear = parseYear(subfield(l.field, 'c')) ?? (l.alt ? parseYear(subfield(l.alt, 'c')) : undefined);
    if (publishedYear) break;
  }

  // ISBN
  let isbn: string | undefined;
  for (const f of dataFields(rec, '020')) {
    for (const a of subfields(f, 'a')) {
      const n = extractIsbn(a);
      if (n) {
        isbn = n;
        break;
      }
      warnings.push(`020 $a "${a}" is not a valid ISBN`);
    }
    if (isbn) break;
  }

  // Series and volume
  let series: string | undefined;
  let volume: string | undefined;
  for (const tag of ['490', '830']) {
    const l = linkedFields(rec, tag).find((x) => subfield(x.field, 'a') || (x.alt && subfield(x.alt, 'a')));
    if (!l) continue;
    series = joinSpaces(pick(text(l.field, 'a'), l.alt ? text(l.alt, 'a') : undefined).value, japanese);
    volume = cleanMarcText(subfield(l.alt ?? l.field, 'v') ?? subfield(l.field, 'v'));
    break;
  }
  if (!volume) volume = cleanMarcText(subfield(titleField.field, 'n')) || undefined;

  // NDC
  let ndc: string | undefined;
  for (const f of dataFields(rec, '084')) {
    if (/^(njb|ndc)/i.test(subfield(f, '2') ?? '')) {
      ndc = cleanMarcText(subfield(f, 'a')) || undefined;
      if (ndc) break;
    }
  }

  // 請求記号: the local call number (090), else the holdings' (852 $h classification, $i item part)
  let callNumber: string | undefined;
  for (const [tag, codes] of [['090', ['a', 'b']], ['852', ['h', 'i']]] as const) {
    for (const f of dataFields(rec, tag)) {
      const tiers = f.subfields.filter((s) => (codes as readonly string[]).includes(s.code)).map((s) => cleanMarcText(s.value)).filter(Boolean);
      if (tiers.length) {
        callNumber = tiers.join('/').slice(0, 60);
        break;
      }
    }
    if (callNumber) break;
  }

  // Cover image
  let coverUrl: string | undefined;
  for (const f of dataFields(rec, '856')) {
    const url = subfield(f, 'u')?.trim();
    const note = [subfield(f, '3'), subfield(f, 'y'), subfield(f, 'z')].filter(Boolean).join(' ');
    if (url && /^https?:\/\/[^\s"'<>]+$/i.test(url) && url.length <= 500 && (/\.(jpe?g|png|gif|webp)(\?|$)/i.test(url) || /cover|表紙|書影/i.test(note))) {
      coverUrl = url;
      break;
    }
  }

  // Control number
  const controlNumber =
    controlField(rec, '001')?.trim() ||
    dataFields(rec, '035')
      .map((f) => subfield(f, 'a')?.trim())
      .find(Boolean);

  const record: RecordInput = compact({
    title,
    titleReading: readingOf(t.reading, japanese),
    subtitle: joinSpaces(sub.value, japanese) || undefined,
    authors,
    publisher,
    publishedYear,
    isbn,
    materialType: materialTypeOf(rec.leader),
    series: series || undefined,
    volume: volume || undefined,
    ndc,
    controlNumber: controlNumber || undefined,
    callNumber,
    coverUrl,
  });
  return { record, warnings };
}

function cleanPublisher(s: string | undefined): string {
  const t = cleanMarcText(s).replace(/^\[(.*)\]$/, '$1');
  return /^s\.\s?n\.?$/i.test(t) ? '' : t; // [s.n.] = publisher unknown
}
