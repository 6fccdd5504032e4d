/**
 * The Aozora Bunko demo catalogue (「青空文庫」(Aozora Bunko) https://www.aozora.gr.jp/ ,
 * catalogue data under CC BY; see CREDITS.md). Built by build-aozora.ts into
 * aozora-catalogue.json next to this file.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface AozoraPerson {
  /** Family and given name separated by a space, as Aozora writes them ("芥川 竜之介"). */
  name: string;
  /** Katakana reading, same spacing ("アクタガワ リュウノスケ"): from the names dictionary (person-readings.ts), else kuromoji's. */
  reading: string;
  /** The reading (or its given name) is kuromoji's guess, not from the names dictionary. */
  readingGuessed?: true;
}

export interface AozoraWork {
  /** 作品ID, 6 digits. */
  workId: string;
  /** 作品名 (a subtitle, if any, follows after a space). */
  title: string;
  /** Katakana reading generated with kuromoji; machine-made, so occasionally wrong. */
  titleReading: string;
  authors: AozoraPerson[];
  /** Translators (翻訳者名等) who have their own person entry in the list. */
  translators?: AozoraPerson[];
  /** Publisher of the source book (the part of 出版社名 after the series name). */
  publisher?: string;
  /** Year of the edition used for input (入力に使用した版), when it states one. */
  publishedYear?: number;
  /** Date the work was published on Aozora Bunko (状態の開始日), YYYY-MM-DD. */
  receivedAt: string;
  /** 仮名遣い種別: 新字新仮名, 新字旧仮名, 旧字旧仮名, 旧字新仮名, その他. */
  orthography: string;
}

export const AOZORA_CATALOGUE_FILE = path.join(__dirname, 'aozora-catalogue.json');

let cache: AozoraWork[] | undefined;

/** All ~14,000 works, read once from aozora-catalogue.json. */
export function loadAozoraCatalogue(): AozoraWork[] {
  if (!cache) cache = JSON.parse(fs.readFileSync(AOZORA_CATALOGUE_FILE, 'utf8')) as AozoraWork[];
  return cache;
}
