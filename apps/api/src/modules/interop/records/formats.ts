/**
 * The record formats both protocols serve, under the names each protocol uses: SRU's
 * recordSchema (a short name or the schema's URI) and OAI-PMH's metadataPrefix.
 */
import type { ExportRecord } from '../../catalog';
import { DCNDL_SIMPLE_NS, dcndlRecord } from './dcndl';
import { OAI_DC_NS, oaiDcRecord, srwDcRecord } from './dublin-core';
import { MARCXML_NS, marcxmlRecord } from './marcxml';
import type { RecordContext } from './record-context';

export interface RecordFormat {
  /** SRU's identifier for the schema (recordSchema in the response) */
  sruSchema: string;
  /** names a client may ask for in recordSchema, lower case */
  sruNames: string[];
  /** OAI-PMH metadataPrefixes */
  oaiPrefixes: string[];
  /** the XML Schema and namespace of the record's root (OAI-PMH ListMetadataFormats, SRU explain) */
  xsd: string;
  namespace: string;
  title: string;
  render(r: ExportRecord, ctx: RecordContext, typeName: string, protocol: 'sru' | 'oai'): string;
}

export const RECORD_FORMATS: RecordFormat[] = [
  {
    sruSchema: 'info:srw/schema/1/marcxml-v1.1',
    sruNames: ['marcxml', 'marc21', 'marc', 'info:srw/schema/1/marcxml-v1.1', 'info:srw/schema/1/marcxml-v1.1-light'],
    oaiPrefixes: ['marcxml'],
    xsd: 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd',
    namespace: MARCXML_NS,
    title: 'MARC 21 (MARCXML slim)',
    render: (r, ctx) => marcxmlRecord(r, ctx),
  },
  {
    sruSchema: 'info:srw/schema/1/dc-v1.1',
    sruNames: ['dc', 'srw_dc', 'oai_dc', 'info:srw/schema/1/dc-v1.1', 'info:srw/schema/1/dc-schema'],
    oaiPrefixes: ['oai_dc'],
    xsd: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
    namespace: OAI_DC_NS,
    title: 'Dublin Core',
    render: (r, ctx, typeName, protocol) => (protocol === 'oai' ? oaiDcRecord(r, ctx, typeName) : srwDcRecord(r, ctx, typeName)),
  },
  {
    sruSchema: 'dcndl_simple',
    sruNames: ['dcndl', 'dcndl_simple', 'info:ndl/dcndl_simple'],
    oaiPrefixes: ['dcndl', 'dcndl_simple'],
    xsd: 'http://ndl.go.jp/dcndl/dcndl_simple/1.0/dcndl_simple.xsd',
    namespace: DCNDL_SIMPLE_NS,
    title: 'DC-NDL (Simple)',
    render: (r, ctx, typeName) => dcndlRecord(r, ctx, typeName),
  },
];

export const DEFAULT_SRU_FORMAT = RECORD_FORMATS[0];

export function sruFormat(name: string): RecordFormat | undefined {
  const n = name.trim().toLowerCase();
  return RECORD_FORMATS.find((f) => f.sruNames.includes(n));
}

export function oaiFormat(prefix: string): RecordFormat | undefined {
  return RECORD_FORMATS.find((f) => f.oaiPrefixes.includes(prefix));
}
