/**
 * Catalogue file import, pure: bytes in, one entry per record out.
 *
 *   for (const entry of parseCatalogueFile(buffer)) {
 *     if (entry.error) report.rejected.push({ index: entry.index, reason: entry.error });
 *     else await save(entry.record!);   // entry.warnings: repaired problems
 *   }
 *
 * A broken record yields `{ index, error }` and never stops the records after it.
 * The result is a synchronous iterable (works with `for … of` and `for await … of`);
 * records are produced lazily, so large files are not held as objects all at once.
 */
import { parseCsvCatalogue } from './csv';
import { detectFormat } from './detect';
import { countIso2709, readIso2709 } from './iso2709';
import { MapResult, mapMarcRecord } from './map-marc';
import { MarcReadResult, MarcRecord } from './marc-record';
import { mappingFailed } from './mapping-failed';
import { readMarcXml } from './marcxml';
import { CatalogueFormat, ParsedEntry } from './types';

export * from './types';
export { detectFormat } from './detect';
export { readIso2709, readIso2709All, repairDoubleUtf8 } from './iso2709';
export { readMarcXml, readMarcXmlAll } from './marcxml';
export { decodeMarc8, marc8ToUnicode } from './marc8';
export { mapMarcRecord, cleanMarcText } from './map-marc';
export type { MapResult } from './map-marc';
export { parseCsvCatalogue, readCsvRows, mapCsvHeader, parseLoanable, decodeCsvBytes } from './csv';
export { parseYear } from './year';
export { mappingFailed } from './mapping-failed';
export * from './marc-record';

export interface ParseOptions {
  /** The MARC mapper (tests put one in that fails on a chosen record). */
  mapMarc?: (record: MarcRecord) => MapResult;
}

function* fromMarc(results: Iterable<MarcReadResult>, mapMarc: (record: MarcRecord) => MapResult): Generator<ParsedEntry> {
  for (const r of results) {
    if (!r.record) {
      yield { index: r.index, error: r.error ?? 'unreadable record' };
      continue;
    }
    let mapped: MapResult;
    try {
      mapped = mapMarc(r.record);
    } catch (e) {
      // a mapper failure is this record's, never the file's
      yield { index: r.index, error: mappingFailed(e) };
      continue;
    }
    const warnings = [...r.record.warnings, ...('warnings' in mapped ? mapped.warnings : [])];
    if ('error' in mapped) {
      yield warnings.length ? { index: r.index, error: mapped.error, warnings } : { index: r.index, error: mapped.error };
    } else {
      yield warnings.length ? { index: r.index, record: mapped.record, warnings } : { index: r.index, record: mapped.record };
    }
  }
}

/** Parses a MARC 21 (ISO 2709), MARCXML or CSV catalogue file; the format is detected when not given. */
export function* parseCatalogueFile(input: Uint8Array | string, format?: CatalogueFormat, options: ParseOptions = {}): Generator<ParsedEntry> {
  const fmt = format ?? detectFormat(input);
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const mapMarc = options.mapMarc ?? mapMarcRecord;
  switch (fmt) {
    case 'iso2709':
      yield* fromMarc(readIso2709(bytes), mapMarc);
      return;
    case 'marcxml':
      yield* fromMarc(readMarcXml(bytes), mapMarc);
      return;
    case 'csv':
      yield* parseCsvCatalogue(bytes);
      return;
    default:
      yield { index: 0, error: 'unrecognised file format (expected MARC 21 ISO 2709, MARCXML or CSV)' };
  }
}

/** parseCatalogueFile collected into an array. */
export function parseCatalogueFileToArray(input: Uint8Array | string, format?: CatalogueFormat): ParsedEntry[] {
  return [...parseCatalogueFile(input, format)];
}

/**
 * How many entries parseCatalogueFile yields for the file, without mapping MARC records to
 * catalogue records (an import's progress total; one MARC read result is one entry).
 */
export function countCatalogueEntries(input: Uint8Array | string, format?: CatalogueFormat): number {
  const fmt = format ?? detectFormat(input);
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (fmt === 'iso2709') return countIso2709(bytes);
  let n = 0;
  const results = fmt === 'marcxml' ? readMarcXml(bytes) : parseCatalogueFile(bytes, fmt ?? undefined);
  for (const _ of results) n++;
  return n;
}
