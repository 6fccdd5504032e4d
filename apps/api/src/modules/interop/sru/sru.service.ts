import { Injectable } from '@nestjs/common';
import { currentTenant } from '@shiori/tenancy';
import { ExportRecord, exportRecordsJsonSql, SearchService } from '../../catalog';
import { CqlError, parseCql } from '../cql/cql-parser';
import { cqlToCatalogQuery, TranslatedQuery } from '../cql/cql-to-query';
import { availabilityElement } from '../records/availability';
import { DEFAULT_SRU_FORMAT, RecordFormat, sruFormat } from '../records/formats';
import { RecordRenderer } from '../records/record-renderer.service';
import { explainRecord, SRU_DEFAULT_RECORDS, SRU_MAX_RECORDS } from './explain';
import { diagnosticResponse, explainResponse, searchRetrieveResponse, SruDiagnostic, SruVersion } from './sru-response';

/** Parameters SRU 1.1, 1.2 and 2.0 define; `x-` extensions are ignored; anything else is diagnostic 8. */
const KNOWN_PARAMETERS = new Set([
  'operation', 'version', 'query', 'querytype', 'startrecord', 'maximumrecords', 'recordpacking', 'recordschema', 'recordxpath',
  'resultsetttl', 'sortkeys', 'stylesheet', 'extrarequestdata', 'recordxmlescaping', 'httpaccept', 'responsetype',
]);

const VERSIONS: SruVersion[] = ['1.1', '1.2', '2.0'];

class Diagnostic extends Error {
  constructor(readonly d: SruDiagnostic) {
    super(d.message);
  }
}

/** What a searchRetrieve asks of a database: the translated CQL, the window and the record schema. */
export interface SruRetrieval extends TranslatedQuery {
  start: number;
  maximum: number;
  format: RecordFormat;
}

/** A database's answer: how many match, the window's records (rendered), non-fatal diagnostics. */
export interface SruHits {
  total: number;
  exact: boolean;
  records: { data: string; extra?: string }[];
  diagnostics?: SruDiagnostic[];
}

/** What an SRU endpoint searches: one city's catalogue, or a region's (interop/sru/regional-sru.service.ts). */
export interface SruDatabase {
  /** the library's or the region's name (the explain record's title) */
  name: string;
  retrieve(r: SruRetrieval): Promise<SruHits>;
}

const diag = (code: number, details: string, message: string) => new Diagnostic({ code, details, message });

/** The request's parameters by lower-case name; a repeated parameter is diagnostic 6. */
function parameters(query: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value) || typeof value !== 'string') throw diag(6, key, `the parameter ${key} is given more than once or in a form SRU does not use`);
    out.set(key.toLowerCase(), value);
  }
  return out;
}

function positiveInt(p: Map<string, string>, name: string, min: number, fallback: number): number {
  const v = p.get(name.toLowerCase());
  if (v === undefined || v === '') return fallback;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min) throw diag(6, name, `${name} must be a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

/**
 * SRU for one city (the current tenant): explain and searchRetrieve with CQL. Every answer is
 * an SRU XML document; what cannot be answered is an SRU diagnostic in it.
 */
@Injectable()
export class SruService {
  constructor(
    private readonly search: SearchService,
    private readonly renderer: RecordRenderer,
  ) {}

  /** The XML answer to an SRU request to the current city; `endpoint` is this server's absolute SRU URL, `baseUrl` the public origin. */
  answer(query: Record<string, unknown>, endpoint: string, baseUrl: string): Promise<string> {
    return this.answerFor(query, endpoint, this.cityDatabase(baseUrl));
  }

  /** The XML answer to an SRU request to any database (a city, a region). */
  async answerFor(query: Record<string, unknown>, endpoint: string, db: SruDatabase): Promise<string> {
    let version: SruVersion = '1.2';
    let operation: 'searchRetrieve' | 'explain' = 'searchRetrieve';
    try {
      const p = parameters(query);
      const asked = p.get('version');
      if (asked !== undefined) {
        if (!VERSIONS.includes(asked as SruVersion)) throw diag(5, '2.0', `unsupported version ${asked}: this server speaks SRU 1.1, 1.2 and 2.0`);
        version = asked as SruVersion;
      } else if (p.has('querytype') || p.has('recordxmlescaping')) {
        version = '2.0';
      }
      const op = p.get('operation') ?? (p.has('query') ? 'searchRetrieve' : 'explain');
      if (op === 'explain') operation = 'explain';
      else if (op !== 'searchRetrieve') throw diag(4, op, `unsupported operation: ${op} (explain and searchRetrieve are supported)`);
      for (const key of p.keys()) {
        if (!KNOWN_PARAMETERS.has(key) && !key.startsWith('x-')) throw diag(8, key, `unsupported parameter: ${key}`);
      }
      if (p.has('stylesheet')) throw diag(110, p.get('stylesheet')!, 'stylesheets are not supported');
      const packing = this.packing(p, version);
      if (operation === 'explain') return explainResponse(version, explainRecord({ endpoint, libraryName: db.name }), packing);
      return await this.searchRetrieve(p, version, packing, db);
    } catch (e) {
      if (e instanceof Diagnostic) return diagnosticResponse(version, e.d, operation);
      if (e instanceof CqlError) return diagnosticResponse(version, { code: e.diagnostic, details: e.details, message: e.message });
      throw e;
    }
  }

  private packing(p: Map<string, string>, version: SruVersion): 'xml' | 'string' {
    const name = version === '2.0' ? 'recordXMLEscaping' : 'recordPacking';
    const v = p.get(name.toLowerCase()) ?? 'xml';
    if (v !== 'xml' && v !== 'string') throw diag(71, v, `unsupported ${name}: ${v} (xml or string)`);
    return v;
  }

  private async searchRetrieve(p: Map<string, string>, version: SruVersion, packing: 'xml' | 'string', db: SruDatabase): Promise<string> {
    const cql = p.get('query');
    if (cql === undefined) throw diag(7, 'query', 'the query parameter is mandatory for searchRetrieve');
    const queryType = p.get('querytype');
    if (queryType !== undefined && queryType !== 'cql') throw diag(6, 'queryType', `unsupported queryType: ${queryType} (cql)`);
    if (p.has('recordxpath')) throw diag(72, p.get('recordxpath')!, 'XPath retrieval is not supported');
    if (p.has('sortkeys')) throw diag(80, p.get('sortkeys')!, 'sortKeys is not supported: sort with CQL sortBy (dc.title, dc.date/sort.descending)');
    const start = positiveInt(p, 'startRecord', 1, 1);
    const maximum = Math.min(positiveInt(p, 'maximumRecords', 0, SRU_DEFAULT_RECORDS), SRU_MAX_RECORDS);
    const schemaName = p.get('recordschema');
    const format = schemaName === undefined || schemaName === '' ? DEFAULT_SRU_FORMAT : sruFormat(schemaName);
    if (!format) throw diag(66, schemaName!, `unknown record schema: ${schemaName} (marcxml, dc, dcndl)`);

    const translated = cqlToCatalogQuery(parseCql(cql));
    const found = await db.retrieve({ ...translated, start, maximum, format });
    const diagnostics = found.diagnostics ?? [];
    if (found.total > 0 && start > found.total) {
      return searchRetrieveResponse({
        version,
        numberOfRecords: found.total,
        records: [],
        packing,
        diagnostics: [{ code: 61, details: String(start), message: `startRecord ${start} is beyond the ${found.total} records found` }, ...diagnostics],
      });
    }
    const records = found.records;
    const next = start + records.length;
    return searchRetrieveResponse({
      version,
      numberOfRecords: found.total,
      records: records.map((r, i) => ({ schema: format.sruSchema, data: r.data, position: start + i, extra: r.extra })),
      nextRecordPosition: records.length && next <= found.total ? next : undefined,
      packing,
      diagnostics,
      resultCountPrecision: found.exact ? 'exact' : 'estimate',
    });
  }

  /** The current city as an SRU database: its catalogue search, each record with its copies. */
  private cityDatabase(baseUrl: string): SruDatabase {
    return {
      name: currentTenant().name,
      retrieve: async ({ query, sort, start, maximum, format }) => {
        // the page's records with their copies come in the search's own statement
        const page = await this.search.searchQuery<ExportRecord>(query, {
          sort,
          offset: start - 1,
          size: maximum,
          records: (schema, ids) => exportRecordsJsonSql(schema, ids, { items: true }),
        });
        if (page.total > 0 && start > page.total) return { total: page.total, exact: page.exact, records: [] };
        const render = await this.renderer.renderer(baseUrl, true, 'sru');
        return { total: page.total, exact: page.exact, records: page.records.map((r) => ({ data: render(r, format), extra: availabilityElement(r) })) };
      },
    };
  }
}
