/**
 * The explain record (ZeeRex 2.0, http://explain.z3950.org/dtd/2.0/) of a city's SRU server:
 * where it is, what it is, its indexes with their relations, its record schemas and defaults.
 */
import { CONTEXT_SETS, EXPLAINED_INDEXES } from '../cql/cql-to-query';
import { RECORD_FORMATS } from '../records/formats';
import { el, text } from '../xml/xml';

export const SRU_DEFAULT_RECORDS = 10;
export const SRU_MAX_RECORDS = 100;

export function explainRecord({ endpoint, libraryName }: { endpoint: string; libraryName: string }): string {
  const url = new URL(endpoint);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const usedSets = [...new Set(EXPLAINED_INDEXES.map((i) => i.set))];
  return el(
    'zr:explain',
    { 'xmlns:zr': 'http://explain.z3950.org/dtd/2.0/' },
    el(
      'zr:serverInfo',
      { protocol: 'SRU', version: '1.2', transport: url.protocol.replace(':', ''), method: 'GET' },
      text('zr:host', url.hostname),
      text('zr:port', port),
      text('zr:database', url.pathname.replace(/^\//, '')),
    ),
    el(
      'zr:databaseInfo',
      undefined,
      text('zr:title', `${libraryName} 蔵書検索`, { lang: 'ja', primary: 'true' }),
      text('zr:title', `${libraryName} catalogue`, { lang: 'en' }),
      text('zr:description', `${libraryName}の蔵書（所蔵と貸出状況を含む）。CQL で検索できます。`, { lang: 'ja', primary: 'true' }),
      text('zr:description', `The catalogue of ${libraryName}, with holdings and availability, searched with CQL.`, { lang: 'en' }),
    ),
    el(
      'zr:indexInfo',
      undefined,
      ...usedSets.map((s) => el('zr:set', { identifier: CONTEXT_SETS[s], name: s })),
      ...EXPLAINED_INDEXES.map((i) =>
        el(
          'zr:index',
          { search: 'true', scan: 'false', sort: i.set === 'dc' && (i.name === 'title' || i.name === 'date') ? 'true' : 'false' },
          text('zr:title', i.title.ja, { lang: 'ja' }),
          text('zr:title', i.title.en, { lang: 'en' }),
          el('zr:map', undefined, text('zr:name', i.name, { set: i.set })),
          el('zr:configInfo', undefined, ...i.relations.map((r) => text('zr:supports', r, { type: 'relation' }))),
        ),
      ),
    ),
    el(
      'zr:schemaInfo',
      undefined,
      ...RECORD_FORMATS.map((f) =>
        el('zr:schema', { identifier: f.sruSchema, name: f.sruNames[0], location: f.xsd, sort: 'false', retrieve: 'true' }, text('zr:title', f.title)),
      ),
    ),
    el(
      'zr:configInfo',
      undefined,
      text('zr:default', SRU_DEFAULT_RECORDS, { type: 'numberOfRecords' }),
      text('zr:default', 'cql', { type: 'contextSet' }),
      text('zr:default', 'cql.serverChoice', { type: 'index' }),
      text('zr:default', '=', { type: 'relation' }),
      text('zr:default', RECORD_FORMATS[0].sruSchema, { type: 'retrieveSchema' }),
      text('zr:setting', SRU_MAX_RECORDS, { type: 'maximumRecords' }),
      text('zr:supports', 'and', { type: 'boolean' }),
      text('zr:supports', 'or', { type: 'boolean' }),
      text('zr:supports', 'not', { type: 'boolean' }),
      text('zr:supports', 'cql.relevant', { type: 'relationModifier' }),
    ),
  );
}
