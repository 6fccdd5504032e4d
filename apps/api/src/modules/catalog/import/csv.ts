/**
 * CSV catalogue import: an RFC 4180 reader and the mapping of Japanese or English
 * column names to RecordInput (+ items).
 *
 * Reader: UTF-8 (BOM optional) or, when the bytes are not valid UTF-8, Shift_JIS
 * (what Japanese spreadsheet software still writes); CRLF, LF or CR line ends;
 * quoted fields with "" escapes and line breaks; comma or tab separated (tab when the
 * header has tabs and no commas). An unterminated quote fails the rest of the file
 * from that row on (reported once), not the rows before it.
 *
 * Mapping: one data row = one record with at most one item (バーコード). Consecutive
 * rows whose bibliographic columns are identical are one record with several items,
 * so a one-row-per-copy export imports naturally. Several authors in one cell are
 * separated by ／ / ; ； or |, and their readings likewise, in the same order.
 */
import { extractIsbn } from '../search/text';
import { ImportRecord, ItemInput, ParsedEntry, RecordInput } from './types';
import { parseYear } from './year';
import { mappingFailed } from './mapping-failed';

export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  cells: string[];
  /** Set when the row could not be read (then cells holds what was read). */
  error?: string;
  warning?: string;
}

/** Decodes CSV bytes: UTF-8 (BOM stripped) or Shift_JIS when not valid UTF-8. */
export function decodeCsvBytes(input: Uint8Array | string): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(input), encoding: 'shift_jis' };
  }
}

/** Guesses the separator from the first line: tab if it has tabs and no commas. */
export function guessDelimiter(text: string): ',' | '\t' {
  const first = text.slice(0, text.search(/\r|\n|$/));
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/** RFC 4180 rows. Empty lines are skipped. */
export function* readCsvRows(text: string, delimiter: string = guessDelimiter(text)): Generator<CsvRow> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let warning: string | undefined;
    let endOfRow = false;
    let quotedCell = false;
    while (!endOfRow) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const c = text[i];
      if (c === '"' && cell === '' && !quotedCell) {
        // Quoted field.
        quotedCell = true;
        i++;
        let closed = false;
        while (i < n) {
          const q = text[i];
          if (q === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
          cell += q;
          i++;
        }
        if (!closed) {
          yield { line: startLine, cells: [...cells, cell], error: `unterminated quoted field starting on line ${startLine}` };
          return;
        }
        continue;
      }
      if (c === delimiter) {
        cells.push(cell);
        cell = '';
        quotedCell = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        cells.push(cell);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRow = true;
        continue;
      }
      if (quotedCell) warning = `line ${startLine}: text after a closing quote`;
      cell += c;
      i++;
    }
    if (cells.length === 1 && cells[0] === '' ) continue; // blank line
    yield warning ? { line: startLine, cells, warning } : { line: startLine, cells };
  }
}

// ---------------------------------------------------------------------------
// Column mapping

export type CsvColumn =
  | 'title'
  | 'titleReading'
  | 'subtitle'
  | 'authors'
  | 'authorReadings'
  | 'publisher'
  | 'year'
  | 'isbn'
  | 'ndc'
  | 'materialType'
  | 'volume'
  | 'series'
  | 'controlNumber'
  | 'receivedAt'
  | 'barcode'
  | 'branchCode'
  | 'loanable'
  | 'shelfLocation';

const HEADER_NAMES: Record<CsvColumn, string[]> = {
  title: ['タイトル', '書名', '標題', '本タイトル', '作品名', 'title'],
  titleReading: ['ヨミ', 'よみ', '読み', 'タイトルヨミ', '書名ヨミ', '書名よみ', 'タイトルよみ', 'titlereading', 'reading', 'titlekana'],
  subtitle: ['副書名', 'サブタイトル', '副タイトル', 'subtitle'],
  authors: ['著者', '著者名', '著者等', '作者', '責任表示', 'author', 'authors', 'creator'],
  authorReadings: ['著者ヨミ', '著者よみ', '著者名ヨミ', '著者読み', 'authorreading', 'authorreadings', 'authorkana'],
  publisher: ['出版者', '出版社', '出版社名', '発行者', '発行所', 'publisher'],
  year: ['出版年', '発行年', '出版年月', '出版年月日', '刊行年', 'year', 'publishedyear', 'date'],
  isbn: ['isbn', 'isbnコード', 'isbn13', 'isbn10'],
  ndc: ['ndc', '分類', '分類記号', 'ndc分類', '日本十進分類'],
  materialType: ['資料種別', '資料区分', '種別', 'materialtype', 'type'],
  volume: ['巻次', '巻', '巻号', 'volume', 'vol'],
  series: ['シリーズ', 'シリーズ名', '叢書名', '双書名', 'series'],
  controlNumber: ['書誌id', '書誌番号', '書誌コード', '管理番号', 'controlnumber', 'recordid', 'bibid'],
  receivedAt: ['受入日', '受入年月日', 'receivedat', 'received'],
  barcode: ['バーコード', '資料id', '資料番号', '登録番号', 'barcode', 'itembarcode'],
  branchCode: ['所蔵館', '所蔵館コード', '所蔵館名', '館コード', 'branch', 'branchcode', 'library'],
  loanable: ['帯出区分', '貸出区分', '貸出可否', '禁帯出', 'loanable'],
  shelfLocation: ['請求記号', '配架場所', '別置記号', 'callnumber', 'shelflocation', 'location'],
};

function headerKey(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[\s_\-・.()（）]/g, '');
}

const HEADER_LOOKUP: ReadonlyMap<string, CsvColumn> = (() => {
  const m = new Map<string, CsvColumn>();
  for (const [col, names] of Object.entries(HEADER_NAMES) as Array<[CsvColumn, string[]]>) {
    for (const name of names) m.set(headerKey(name), col);
  }
  return m;
})();

export interface HeaderMapping {
  columns: Map<CsvColumn, number>;
  unknown: string[];
}

export function mapCsvHeader(header: string[]): HeaderMapping {
  const columns = new Map<CsvColumn, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const col = HEADER_LOOKUP.get(headerKey(h));
    if (col && !columns.has(col)) columns.set(col, i);
    else if (h.trim()) unknown.push(h.trim());
  });
  return { columns, unknown };
}

const LOANABLE_YES = new Set(['可', '貸出可', '帯出可', '○', '〇', '1', 'true', 'yes', 'y', 'ok', '通常', '一般']);
const LOANABLE_NO = new Set(['不可', '貸出不可', '帯出不可', '禁帯出', '禁帯', '×', '0', 'false', 'no', 'n', '館内', '館内のみ', '参考']);

/** 帯出区分 cell → boolean; undefined when empty or not understood. */
export function parseLoanable(cell: string): boolean | undefined | 'unknown' {
  const v = cell.normalize('NFKC').trim().toLowerCase();
  if (!v) return undefined;
  if (LOANABLE_YES.has(v)) return true;
  if (LOANABLE_NO.has(v)) return false;
  return 'unknown';
}

const LIST_SEPARATOR = /\s*[／/;；|｜]\s*/;

function normalizeDate(cell: string): string | undefined {
  const t = cell.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface RowResult {
  record?: RecordInput;
  item?: ItemInput;
  error?: string;
  warnings: string[];
  /** Bibliographic cells, to group consecutive rows of the same record. */
  key: string;
}

function mapRow(cells: string[], h: HeaderMapping): RowResult {
  const get = (c: CsvColumn) => {
    const i = h.columns.get(c);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const warnings: string[] = [];
  const bibColumns: CsvColumn[] = ['title', 'titleReading', 'subtitle', 'authors', 'authorReadings', 'publisher', 'year', 'isbn', 'ndc', 'materialType', 'volume', 'series', 'controlNumber', 'receivedAt'];
  const key = bibColumns.map(get).join('\u0000');

  const title = get('title');
  if (!title) return { error: 'no title', warnings, key };

  const names = get('authors') ? get('authors').split(LIST_SEPARATOR).filter(Boolean) : [];
  const readings = get('authorReadings') ? get('authorReadings').split(LIST_SEPARATOR) : [];
  if (readings.length && readings.length !== names.length) {
    warnings.push(`${names.length} authors but ${readings.length} author readings; readings matched in order`);
  }
  const authors = names.map((name, i) => (readings[i]?.trim() ? { name, reading: readings[i].trim() } : { name }));

  const record: RecordInput = { title, authors };
  const set = <K extends keyof RecordInput>(k: K, v: RecordInput[K] | undefined | '') => {
    if (v !== undefined && v !== '') record[k] = v as RecordInput[K];
  };
  set('titleReading', get('titleReading'));
  set('subtitle', get('subtitle'));
  set('publisher', get('publisher'));
  const yearCell = get('year');
  if (yearCell) {
    const y = parseYear(yearCell);
    if (y) set('publishedYear', y);
    else warnings.push(`year "${yearCell}" not understood`);
  }
  const isbnCell = get('isbn');
  if (isbnCell) {
    const isbn = extractIsbn(isbnCell);
    if (isbn) set('isbn', isbn);
    else warnings.push(`ISBN "${isbnCell}" is not valid; ignored`);
  }
  set('ndc', get('ndc'));
  set('materialType', get('materialType'));
  set('volume', get('volume'));
  set('series', get('series'));
  set('controlNumber', get('controlNumber'));
  const received = get('receivedAt');
  if (received) {
    const d = normalizeDate(received);
    if (d) set('receivedAt', d);
    else warnings.push(`received date "${received}" not understood`);
  }

  let item: ItemInput | undefined;
  const barcode = get('barcode');
  if (barcode) {
    item = { barcode };
    if (get('branchCode')) item.branchCode = get('branchCode');
    const loanCell = get('loanable');
    const loanable = parseLoanable(loanCell);
    if (loanable === 'unknown') warnings.push(`帯出区分/loanable "${loanCell}" not understood; left to the default`);
    else if (loanable !== undefined) item.loanable = loanable;
    if (record.materialType) item.materialType = record.materialType;
    if (get('shelfLocation')) item.shelfLocation = get('shelfLocation');
  } else if (get('branchCode') || get('loanable')) {
    warnings.push('item columns without a barcode; no item created');
  }
  return { record, item, warnings, key };
}

/**
 * CSV bytes or text → parsed entries. Entry index = 0-based data row (header excluded)
 * of the record's first row.
 */
export function* parseCsvCatalogue(input: Uint8Array | string): Generator<ParsedEntry> {
  const { text, encoding } = decodeCsvBytes(input);
  const rows = readCsvRows(text);
  const first = rows.next();
  if (first.done) return;
  const header = mapCsvHeader(first.value.cells);
  if (!header.columns.has('title')) {
    yield { index: 0, error: `the CSV header has no title column (タイトル / 書名 / title): ${first.value.cells.join(', ')}` };
    return;
  }
  const fileWarnings: string[] = [];
  if (encoding === 'shift_jis') fileWarnings.push('file is not UTF-8; read as Shift_JIS');
  if (header.unknown.length) fileWarnings.push(`columns ignored: ${header.unknown.join(', ')}`);

  let pending: { entry: ParsedEntry; key: string } | null = null;
  let index = 0;
  const flush = function* () {
    if (pending) {
      if (pending.entry.warnings && pending.entry.warnings.length === 0) delete pending.entry.warnings;
      yield pending.entry;
      pending = null;
    }
  };

  for (const row of rows) {
    const i = index++;
    if (row.error) {
      yield* flush();
      yield { index: i, error: `line ${row.line}: ${row.error}` };
      continue;
    }
    let r: RowResult;
    try {
      r = mapRow(row.cells, header);
    } catch (e) {
      // a mapping failure is this row's, never the file's
      yield* flush();
      yield { index: i, error: `line ${row.line}: ${mappingFailed(e)}` };
      continue;
    }
    const warnings = [...(row.warning ? [row.warning] : []), ...r.warnings.map((w) => `line ${row.line}: ${w}`)];
    if (fileWarnings.length) warnings.unshift(...fileWarnings.splice(0));
    if (r.error || !r.record) {
      yield* flush();
      yield { index: i, error: `line ${row.line}: ${r.error}` };
      continue;
    }
    const p = pending as { entry: ParsedEntry; key: string } | null;
    if (p && r.item && p.key === r.key && p.entry.record?.items) {
      p.entry.record.items.push(r.item);
      p.entry.warnings!.push(...warnings);
      continue;
    }
    yield* flush();
    const record: ImportRecord = r.item ? { ...r.record, items: [r.item] } : r.record;
    pending = { entry: { index: i, record, warnings }, key: r.key };
  }
  yield* flush();
}
