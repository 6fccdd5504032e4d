/**
 * SRU responses (searchRetrieve, explain, diagnostics) in the two versions clients speak:
 *
 *   1.1 / 1.2  namespace http://www.loc.gov/zing/srw/ (prefix srw), diagnostics in
 *              http://www.loc.gov/zing/srw/diagnostic/, records packed as `xml` or `string`
 *   2.0        namespace http://docs.oasis-open.org/ns/search-ws/sruResponse (prefix sruResponse),
 *              diagnostics in http://docs.oasis-open.org/ns/search-ws/diagnostic, recordXMLEscaping
 *
 * A diagnostic is always an HTTP 200 answer with the diagnostic in the body (SRU's rule:
 * the client asked a valid HTTP question; the answer is that the query cannot be run).
 */
import { el, text, XML_DECLARATION, xmlText } from '../xml/xml';

export type SruVersion = '1.1' | '1.2' | '2.0';

const NS: Record<'1' | '2', { response: string; diagnostic: string; prefix: string }> = {
  '1': { response: 'http://www.loc.gov/zing/srw/', diagnostic: 'http://www.loc.gov/zing/srw/diagnostic/', prefix: 'srw' },
  '2': { response: 'http://docs.oasis-open.org/ns/search-ws/sruResponse', diagnostic: 'http://docs.oasis-open.org/ns/search-ws/diagnostic', prefix: 'sruResponse' },
};

function ns(version: SruVersion) {
  return NS[version === '2.0' ? '2' : '1'];
}

export interface SruDiagnostic {
  code: number;
  details?: string;
  message: string;
}

function diagnostics(version: SruVersion, list: SruDiagnostic[]): string {
  if (!list.length) return '';
  const n = ns(version);
  const p = n.prefix;
  return el(
    `${p}:diagnostics`,
    undefined,
    ...list.map((d) =>
      el('diag:diagnostic', { 'xmlns:diag': n.diagnostic }, text('diag:uri', `info:srw/diagnostic/1/${d.code}`), text('diag:details', d.details), text('diag:message', d.message)),
    ),
  );
}

export interface SruRecord {
  schema: string;
  /** the record's XML */
  data: string;
  position: number;
  /** extraRecordData (availability), XML */
  extra?: string;
}

export interface SearchRetrieveAnswer {
  version: SruVersion;
  numberOfRecords: number;
  records: SruRecord[];
  nextRecordPosition?: number;
  /** `string`: the record XML escaped as text (SRU 1.x recordPacking / 2.0 recordXMLEscaping) */
  packing: 'xml' | 'string';
  diagnostics: SruDiagnostic[];
  /** SRU 2.0: whether the count is exact */
  resultCountPrecision?: 'exact' | 'estimate' | 'minimum';
}

export function searchRetrieveResponse(a: SearchRetrieveAnswer): string {
  const n = ns(a.version);
  const p = n.prefix;
  const packingTag = a.version === '2.0' ? 'recordXMLEscaping' : 'recordPacking';
  const records = a.records.map((r) =>
    el(
      `${p}:record`,
      undefined,
      text(`${p}:recordSchema`, r.schema),
      text(`${p}:${packingTag}`, a.packing),
      `<${p}:recordData>${a.packing === 'string' ? xmlText(r.data) : r.data}</${p}:recordData>`,
      text(`${p}:recordPosition`, r.position),
      r.extra ? `<${p}:extraRecordData>${r.extra}</${p}:extraRecordData>` : '',
    ),
  );
  return (
    XML_DECLARATION +
    el(
      `${p}:searchRetrieveResponse`,
      { [`xmlns:${p}`]: n.response },
      text(`${p}:version`, a.version),
      text(`${p}:numberOfRecords`, a.numberOfRecords),
      records.length ? el(`${p}:records`, undefined, ...records) : '',
      a.nextRecordPosition ? text(`${p}:nextRecordPosition`, a.nextRecordPosition) : '',
      diagnostics(a.version, a.diagnostics),
      a.version === '2.0' && a.resultCountPrecision ? text(`${p}:resultCountPrecision`, `info:srw/vocabulary/resultCountPrecision/1/${a.resultCountPrecision}`) : '',
    )
  );
}

/** A searchRetrieve that could not run: no records, the diagnostic. */
export function diagnosticResponse(version: SruVersion, d: SruDiagnostic, operation: 'searchRetrieve' | 'explain' = 'searchRetrieve'): string {
  if (operation === 'searchRetrieve') return searchRetrieveResponse({ version, numberOfRecords: 0, records: [], packing: 'xml', diagnostics: [d] });
  const n = ns(version);
  const p = n.prefix;
  return XML_DECLARATION + el(`${p}:explainResponse`, { [`xmlns:${p}`]: n.response }, text(`${p}:version`, version), diagnostics(version, [d]));
}

/** explainResponse around a ZeeRex explain record. */
export function explainResponse(version: SruVersion, explainRecord: string, packing: 'xml' | 'string'): string {
  const n = ns(version);
  const p = n.prefix;
  const packingTag = version === '2.0' ? 'recordXMLEscaping' : 'recordPacking';
  return (
    XML_DECLARATION +
    el(
      `${p}:explainResponse`,
      { [`xmlns:${p}`]: n.response },
      text(`${p}:version`, version),
      el(
        `${p}:record`,
        undefined,
        text(`${p}:recordSchema`, 'http://explain.z3950.org/dtd/2.0/'),
        text(`${p}:${packingTag}`, packing),
        `<${p}:recordData>${packing === 'string' ? xmlText(explainRecord) : explainRecord}</${p}:recordData>`,
      ),
    )
  );
}
