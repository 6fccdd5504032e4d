/**
 * A record in DC-NDL (Simple), the schema NDL Search exchanges with partner libraries
 * (recordSchema / metadataPrefix `dcndl_simple`; root `dcndl_simple:dc`). Readings are
 * NDL's transcription elements: dcndl:titleTranscription beside dc:title,
 * dcndl:creatorTranscription beside each dc:creator, dcndl:seriesTitleTranscription.
 *
 *   dc:title / dcndl:titleTranscription        title : subtitle / its reading (ヨミ)
 *   dcndl:volume                               volume
 *   dcndl:seriesTitle                          series
 *   dc:creator / dcndl:creatorTranscription    each author / the reading
 *   dc:publisher                               publisher
 *   dcterms:issued xsi:type="dcterms:W3CDTF"   year of publication
 *   dc:subject xsi:type="dcndl:NDC"            NDC class
 *   dc:identifier xsi:type="dcndl:ISBN"        ISBN
 *   dc:language xsi:type="dcterms:ISO639-2"    jpn
 *   dcndl:materialType                         図書 (ndltype/Book), 雑誌 (ndltype/Periodical), or the city's name for the type
 *   rdfs:seeAlso rdf:resource                  the record's page in the OPAC (in a region's record, each holding city's, rdfs:label the city)
 */
import type { ExportRecord } from '../../catalog';
import { el, text } from '../xml/xml';
import { fullTitle, languageOf, RecordContext } from './record-context';

export const DCNDL_SIMPLE_NS = 'http://ndl.go.jp/dcndl/dcndl_simple/';

const NDL_TYPES: Record<string, string> = {
  book: 'http://ndl.go.jp/ndltype/Book',
  magazine: 'http://ndl.go.jp/ndltype/Periodical',
};

/** `<dcndl_simple:dc>` with every namespace it uses declared. */
export function dcndlRecord(r: ExportRecord, ctx: RecordContext, typeName: string): string {
  const title = fullTitle(r);
  return el(
    'dcndl_simple:dc',
    {
      'xmlns:dcndl_simple': DCNDL_SIMPLE_NS,
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:dcterms': 'http://purl.org/dc/terms/',
      'xmlns:dcndl': 'http://ndl.go.jp/dcndl/terms/',
      'xmlns:rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      'xmlns:rdfs': 'http://www.w3.org/2000/01/rdf-schema#',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    },
    ...(ctx.holdings
      ? ctx.holdings.map((h) => el('rdfs:seeAlso', { 'rdf:resource': h.recordUrl, 'rdfs:label': h.libraryName }))
      : [el('rdfs:seeAlso', { 'rdf:resource': ctx.recordUrl(r.id) })]),
    text('dc:title', title),
    text('dcndl:titleTranscription', r.titleReading),
    text('dcndl:volume', r.volume),
    text('dcndl:seriesTitle', r.series),
    ...r.authors.flatMap((a) => [text('dc:creator', a.name), text('dcndl:creatorTranscription', a.reading)]),
    text('dc:publisher', r.publisher),
    text('dcterms:issued', r.publishedYear, { 'xsi:type': 'dcterms:W3CDTF' }),
    text('dc:subject', r.ndc, { 'xsi:type': 'dcndl:NDC' }),
    text('dc:identifier', r.isbn, { 'xsi:type': 'dcndl:ISBN' }),
    text('dc:language', languageOf(r), { 'xsi:type': 'dcterms:ISO639-2' }),
    el('dcndl:materialType', { 'rdf:resource': NDL_TYPES[r.materialType], 'rdfs:label': typeName }),
  );
}
