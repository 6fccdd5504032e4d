/**
 * Builds tools/demo-data/aozora-catalogue.json from the Aozora Bunko works list
 * (aozora_list_person_all_utf8_20170722.csv, 「青空文庫」 https://www.aozora.gr.jp/ ,
 * CC BY; see CREDITS.md).
 *
 *   npx ts-node --transpile-only tools/demo-data/build-aozora.ts
 *
 * - one entry per work (作品ID): a work listed under its author and its translator
 *   appears once, with the author row's data; translators go to `translators`;
 * - katakana readings (ヨミ) for titles come from kuromoji's bundled IPA dictionary
 *   (node_modules/kuromoji/dict); digits and Latin letters are kept as they are,
 *   punctuation is dropped; person names are read from the names dictionary
 *   (person-readings.ts: the whole name, then the family name) before kuromoji's guess,
 *   which reads names as words (萩原 ハギハラ) and is marked `readingGuessed`; titles and words of
 *   titles it reads wrong (山月記 ヤマツキキ) are read from title-readings.ts, and kana
 *   iteration marks are written out first (こゝろ → ココロ);
 * - publisher = the publisher part of 出版社名 ("岩波文庫、岩波書店" → 岩波書店);
 * - publishedYear = the year of 入力に使用した版 when it has one;
 * - output: a JSON array, one work per line (diff-friendly), sorted by 作品ID.
 *
 * Deterministic: the same CSV and dictionary always give the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AozoraPerson, AozoraWork } from './aozora';
import { FAMILY_NAME_READINGS, PERSON_READINGS } from './person-readings';
import { TITLE_READINGS, TITLE_WORD_READINGS } from './title-readings';

interface KuromojiToken {
  surface_form: string;
  pos: string;
  reading?: string;
  word_type: 'KNOWN' | 'UNKNOWN';
}
interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
}
interface KuromojiModule {
  builder(opts: { dicPath: string }): { build(cb: (err: Error | null, t: KuromojiTokenizer) => void): void };
}

const HERE = __dirname;
const CSV_FILE = path.join(HERE, 'aozora_list_person_all_utf8_20170722.csv');
const OUT_FILE = path.join(HERE, 'aozora-catalogue.json');

/** One CSV line (the Aozora file has no line breaks inside fields). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      cells.push(v);
      i++; // the comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

/** "岩波文庫、岩波書店" → "岩波書店"; "東京地學協會【近代デジタルライブラリー利用】" → "東京地學協會". */
export function publisherPart(s: string): string | undefined {
  const t = s.replace(/【[^】]*】/g, '').trim();
  const parts = t.split('、').map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : undefined;
}

/** First plausible year: "1968（昭和43）年8月25日初版第1刷" → 1968, "昭和11（1936）年" → 1936. */
export function yearOf(s: string): number | undefined {
  const m = /(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)/.exec(s.normalize('NFKC'));
  return m ? Number(m[1]) : undefined;
}

const toKatakana = (s: string) => s.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/**
 * Kana iteration marks written out, which the dictionary does not read: ゝ repeats the kana
 * unvoiced (こゝろ → こころ, 男ごゝろ → 男ごころ), ゞ voiced (いすゞ → いすず).
 */
const expandKanaRepeats = (s: string) =>
  s.replace(/([\u3041-\u3096\u30A1-\u30FA])([ゝヽゞヾ])/g, (_, c: string, mark: string) => {
    const plain = c.normalize('NFD').replace(/[\u3099\u309A]/g, '').normalize('NFC');
    return c + (mark === 'ゝ' || mark === 'ヽ' ? plain : `${plain}\u3099`.normalize('NFC'));
  });

/** Katakana reading of a text: kuromoji readings for known words, kana as katakana,
 *  digits and Latin letters (NFKC) kept, punctuation dropped, spaces kept single. */
export function readingOf(tokenizer: KuromojiTokenizer, text: string): string {
  const out: string[] = [];
  for (const part of text.normalize('NFKC').split(/\s+/).filter(Boolean)) {
    let r = '';
    for (const t of tokenizer.tokenize(expandKanaRepeats(part))) {
      const s = t.surface_form;
      if (/^[0-9A-Za-z]+$/.test(s)) r += s;
      else if (t.pos === '記号' || /^[\p{P}\p{S}]+$/u.test(s)) continue;
      else if (t.reading && t.reading !== '*') r += t.reading;
      else if (/^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(s)) r += toKatakana(s);
      else r += s; // unknown kanji: keep (better than inventing a reading)
    }
    if (r) out.push(r);
  }
  return out.join(' ');
}

function buildTokenizer(): Promise<KuromojiTokenizer> {
  const kuromoji: KuromojiModule = require('kuromoji');
  const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) =>
    kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
}

const COL = {
  personId: 0,
  personName: 1,
  workId: 2,
  title: 3,
  orthography: 4,
  translators: 5,
  startDate: 9,
  publisher: 11,
  inputEdition: 12,
} as const;

export async function buildAozoraCatalogue(): Promise<AozoraWork[]> {
  const text = fs.readFileSync(CSV_FILE, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  if (header[COL.workId] !== '作品ID' || header[COL.title] !== '作品名') {
    throw new Error(`unexpected CSV header: ${header.join(',')}`);
  }
  const byWork = new Map<string, string[][]>();
  for (const line of lines.slice(1)) {
    const cells = splitCsvLine(line);
    const id = cells[COL.workId];
    if (!byWork.has(id)) byWork.set(id, []);
    byWork.get(id)!.push(cells);
  }

  const tokenizer = await buildTokenizer();
  const readings = new Map<string, string>();
  const reading = (s: string) => {
    let r = readings.get(s);
    if (r === undefined) {
      r = readingOf(tokenizer, s);
      readings.set(s, r);
    }
    return r;
  };
  /** A title's reading, with the names of the names dictionary read as there (萩原朔太郎 → ハギワラサクタロウ, not ハギハラ…). */
  const titleReading = (title: string): string => {
    const whole = TITLE_READINGS[title];
    if (whole) return whole;
    let r = reading(title);
    const known = [...Object.entries(PERSON_READINGS), ...Object.entries(TITLE_WORD_READINGS)];
    for (const [word, wordReading] of known) {
      const compact = word.replace(/ /g, '');
      if (!title.includes(compact)) continue;
      const guessed = reading(compact).replace(/ /g, '');
      if (guessed) r = r.split(guessed).join(wordReading.replace(/ /g, ''));
    }
    return r;
  };
  const person = (name: string): AozoraPerson => {
    const known = PERSON_READINGS[name];
    if (known) return { name, reading: known };
    const [family, ...given] = name.split(' ');
    const familyReading = FAMILY_NAME_READINGS[family];
    if (familyReading && given.length) return { name, reading: [familyReading, ...given.map(reading)].join(' '), readingGuessed: true };
    return { name, reading: reading(name), readingGuessed: true };
  };

  const works: AozoraWork[] = [];
  for (const [workId, rows] of [...byWork.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const isTranslatorRow = (r: string[]) =>
      r[COL.translators]
        .split('、')
        .map((x) => x.trim())
        .includes(r[COL.personName].trim());
    const authorRows = rows.filter((r) => !isTranslatorRow(r));
    const translatorRows = rows.filter(isTranslatorRow);
    const main = authorRows[0] ?? rows[0];
    const authors = (authorRows.length ? authorRows : rows).map((r) => person(r[COL.personName].trim()));
    const translators = authorRows.length ? translatorRows.map((r) => person(r[COL.personName].trim())) : [];
    const work: AozoraWork = {
      workId,
      title: main[COL.title],
      titleReading: titleReading(main[COL.title]),
      authors,
      receivedAt: main[COL.startDate],
      orthography: main[COL.orthography],
    };
    if (translators.length) work.translators = translators;
    const publisher = publisherPart(main[COL.publisher]);
    if (publisher) work.publisher = publisher;
    const year = yearOf(main[COL.inputEdition]);
    if (year) work.publishedYear = year;
    works.push(work);
  }
  return works;
}

/** A JSON array with one work per line. */
export function serialize(works: AozoraWork[]): string {
  return '[\n' + works.map((w) => JSON.stringify(w)).join(',\n') + '\n]\n';
}

async function main(): Promise<void> {
  const started = Date.now();
  const works = await buildAozoraCatalogue();
  const json = serialize(works);
  fs.writeFileSync(OUT_FILE, json);
  console.log(
    `wrote ${works.length} works to ${path.relative(process.cwd(), OUT_FILE)} ` +
      `(${(Buffer.byteLength(json) / 1024 / 1024).toFixed(2)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
