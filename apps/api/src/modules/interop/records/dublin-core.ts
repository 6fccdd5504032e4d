/**
 * A record in simple Dublin Core: the same fifteen-element set in two wrappers, OAI-PMH's
 * oai_dc (http://www.openarchives.org/OAI/2.0/oai_dc/) and SRU's srw_dc (info:srw/schema/1/dc-schema).
 *
 *   dc:title       title : subtitle (and the volume)
 *   dc:creator     each author
 *   dc:publisher   dc:date (year)   dc:subject (NDC class)   dc:language (jpn)
 *   dc:type        the material type's name (図書, 雑誌…)
 *   dc:identifier  urn:isbn:…, and the record's page in the OPAC
 *   dc:relation    the series
 *   dc:source      in a region's record (regional SRU): each holding city, followed by its record page as dc:identifier
 *   dc:coverage    — (not used)
 */
import type { ExportRecord } from '../../catalog';
import { el, text } from '../xml/xml';
import { fullTitle, languageOf, RecordContext } from './record-context';

export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const SRW_DC_NS = 'info:srw/schema/1/dc-schema';

function elements(r: ExportRecord, ctx: RecordContext, typeName: string): string[] {
  return [
    text('dc:title', r.volume ? `${fullTitle(r)} ${r.volume}` : fullTitle(r)),
    ...r.authors.map((a) => text('dc:creator', a.name)),
    text('dc:publisher', r.publisher),
    text('dc:date', r.publishedYear),
    text('dc:subject', r.ndc),
    text('dc:type', typeName),
    text('dc:language', languageOf(r)),
    text('dc:identifier', r.isbn ? `urn:isbn:${r.isbn}` : null),
    ...(ctx.holdings
      ? ctx.holdings.flatMap((h) => [text('dc:source', h.libraryName), text('dc:identifier', h.recordUrl)])
      : [text('dc:identifier', ctx.recordUrl(r.id))]),
    text('dc:relation', r.series),
  ];
}

/** `<oai_dc:dc>` for OAI-PMH. */
export function oaiDcRecord(r: ExportRecord, ctx: RecordContext, typeName: string): string {
  return el(
    'oai_dc:dc',
    {
      'xmlns:oai_dc': OAI_DC_NS,
      'xmlns:dc': DC_NS,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
    },
    ...elements(r, ctx, typeName),
  );
}

/** `<srw_dc:dc>` for SRU. */
export function srwDcRecord(r: ExportRecord, ctx: RecordContext, typeName: string): string {
  return el('srw_dc:dc', { 'xmlns:srw_dc': SRW_DC_NS, 'xmlns:dc': DC_NS }, ...elements(r, ctx, typeName));
}
