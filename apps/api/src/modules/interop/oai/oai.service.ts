import { Inject, Injectable } from '@nestjs/common';
import { currentTenant } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { ChangeRow, CHANGES_START, ExportRecord, RecordsExportService } from '../../catalog';
import { oaiFormat, RECORD_FORMATS } from '../records/formats';
import { RecordRenderer } from '../records/record-renderer.service';
import { el, text, XML_DECLARATION } from '../xml/xml';
import {
  dateRange,
  datestamp,
  decodeToken,
  encodeToken,
  ListState,
  OaiError,
  OaiRequest,
  parseOaiRequest,
  parseSet,
  SetSelection,
} from './oai-arguments';

const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

/** The ten classes of 日本十進分類法 (NDC), the sets ndc:0 … ndc:9. */
const NDC_CLASSES = ['総記', '哲学', '歴史', '社会科学', '自然科学', '技術', '産業', '芸術', '言語', '文学'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where the answer goes: the endpoint's absolute URL and the public origin for record links. */
export interface OaiEndpoint {
  baseUrl: string;
  endpoint: string;
}

/**
 * OAI-PMH 2.0 for one city (the current tenant): the six verbs, every error the protocol
 * defines where it defines it, records in marcxml, oai_dc and dcndl (DC-NDL Simple), sets by
 * material type (type:<code>) and NDC class (ndc:<0-9>), deleted (withdrawn) records kept for
 * ever (deletedRecord persistent), and lists paged by resumption tokens that hold their whole
 * state (oai-arguments.ts) and follow the change order of migration 0012.
 */
@Injectable()
export class OaiService {
  constructor(
    private readonly exporter: RecordsExportService,
    private readonly renderer: RecordRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The namespace part of identifiers: the public host name (it must contain a dot), else shiori.invalid. */
  private repositoryIdentifier(): string {
    const host = this.config.publicUrl ? new URL(this.config.publicUrl).hostname : '';
    return /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/.test(host) ? host : 'shiori.invalid';
  }

  identifierOf(id: string): string {
    return `oai:${this.repositoryIdentifier()}:${currentTenant().slug}/${id}`;
  }

  private recordIdOf(identifier: string): string | null {
    const prefix = `oai:${this.repositoryIdentifier()}:${currentTenant().slug}/`;
    if (!identifier.startsWith(prefix)) return null;
    const id = identifier.slice(prefix.length);
    return UUID.test(id) ? id : null;
  }

  async answer(params: Record<string, unknown>, where: OaiEndpoint): Promise<string> {
    const responseDate = datestamp(new Date());
    let request: OaiRequest | undefined;
    try {
      request = parseOaiRequest(params);
      const body = await this.verb(request, where);
      return this.envelope(responseDate, where.endpoint, request, body);
    } catch (e) {
      if (!(e instanceof OaiError)) throw e;
      // after badVerb or badArgument the request element carries no attributes (OAI-PMH 3.6)
      const echo = e.code === 'badVerb' || e.code === 'badArgument' ? undefined : request;
      return this.envelope(responseDate, where.endpoint, echo, text('error', e.message, { code: e.code }));
    }
  }

  private envelope(responseDate: string, endpoint: string, request: OaiRequest | undefined, body: string): string {
    return (
      XML_DECLARATION +
      el(
        'OAI-PMH',
        {
          xmlns: OAI_NS,
          'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
          'xsi:schemaLocation': `${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
        },
        text('responseDate', responseDate),
        text('request', endpoint, request ? { verb: request.verb, ...request.args } : undefined),
        body,
      )
    );
  }

  private verb(r: OaiRequest, where: OaiEndpoint): Promise<string> {
    switch (r.verb) {
      case 'Identify':
        return this.identify(where);
      case 'ListMetadataFormats':
        return this.listMetadataFormats(r.args.identifier);
      case 'ListSets':
        return this.listSets(r.args.resumptionToken);
      case 'GetRecord':
        return this.getRecord(r.args.identifier, r.args.metadataPrefix, where);
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.list(r.verb, r.args, where);
    }
  }

  private adminEmail(): string {
    const m = /<([^>]+)>/.exec(this.config.mailFrom);
    return (m ? m[1] : this.config.mailFrom).trim();
  }

  private async identify(where: OaiEndpoint): Promise<string> {
    const earliest = await this.exporter.earliestChange();
    const ns = this.repositoryIdentifier();
    return el(
      'Identify',
      undefined,
      text('repositoryName', `${currentTenant().name} 蔵書目録`),
      text('baseURL', where.endpoint),
      text('protocolVersion', '2.0'),
      text('adminEmail', this.adminEmail()),
      text('earliestDatestamp', datestamp(earliest ?? new Date())),
      text('deletedRecord', 'persistent'),
      text('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
      el(
        'description',
        undefined,
        el(
          'oai-identifier',
          {
            xmlns: 'http://www.openarchives.org/OAI/2.0/oai-identifier',
            'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
            'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd',
          },
          text('scheme', 'oai'),
          text('repositoryIdentifier', ns),
          text('delimiter', ':'),
          text('sampleIdentifier', `oai:${ns}:${currentTenant().slug}/00000000-0000-4000-8000-000000000000`),
        ),
      ),
    );
  }

  private async listMetadataFormats(identifier: string | undefined): Promise<string> {
    if (identifier !== undefined) await this.recordOf(identifier);
    const formats = RECORD_FORMATS.flatMap((f) =>
      f.oaiPrefixes.map((prefix) => el('metadataFormat', undefined, text('metadataPrefix', prefix), text('schema', f.xsd), text('metadataNamespace', f.namespace))),
    );
    return el('ListMetadataFormats', undefined, ...formats);
  }

  private async listSets(token: string | undefined): Promise<string> {
    // every set fits in one answer: a token is never issued, so none is valid
    if (token !== undefined) throw new OaiError('badResumptionToken', 'the resumptionToken is invalid (ListSets is answered in one response)');
    const types = await this.renderer.typeNames();
    const set = (spec: string, name: string) => el('set', undefined, text('setSpec', spec), text('setName', name));
    return el(
      'ListSets',
      undefined,
      set('type', '資料種別 (material type)'),
      ...[...types].map(([code, name]) => set(`type:${code}`, `資料種別: ${name}`)),
      set('ndc', '日本十進分類法 (NDC)'),
      ...NDC_CLASSES.map((name, digit) => set(`ndc:${digit}`, `NDC ${digit}類: ${name}`)),
    );
  }

  /** The record of an identifier of this repository (withdrawn ones too), else idDoesNotExist. */
  private async recordOf(identifier: string): Promise<ExportRecord> {
    const id = this.recordIdOf(identifier);
    const [record] = id ? await this.exporter.byIds([id]) : [];
    if (!record) throw new OaiError('idDoesNotExist', `no record has the identifier ${identifier}`);
    return record;
  }

  private format(prefix: string) {
    const f = oaiFormat(prefix);
    if (!f) throw new OaiError('cannotDisseminateFormat', `the metadata format ${prefix} is not supported (marcxml, oai_dc, dcndl)`);
    return f;
  }

  private async getRecord(identifier: string, prefix: string, where: OaiEndpoint): Promise<string> {
    const format = this.format(prefix);
    const record = await this.recordOf(identifier);
    const render = await this.renderer.renderer(where.baseUrl, false, 'oai');
    return el('GetRecord', undefined, this.record(record, (r) => render(r, format)));
  }

  private header(r: ExportRecord): string {
    const sets = [`type:${r.materialType}`, ...(r.ndc && /^[0-9]/.test(r.ndc) ? [`ndc:${r.ndc[0]}`] : [])];
    return el(
      'header',
      { status: r.withdrawnAt ? 'deleted' : undefined },
      text('identifier', this.identifierOf(r.id)),
      text('datestamp', datestamp(r.changedAt)),
      ...sets.map((s) => text('setSpec', s)),
    );
  }

  private record(r: ExportRecord, metadata: (r: ExportRecord) => string): string {
    return el('record', undefined, this.header(r), r.withdrawnAt ? '' : el('metadata', undefined, metadata(r)));
  }

  private async list(verb: 'ListIdentifiers' | 'ListRecords', args: Record<string, string>, where: OaiEndpoint): Promise<string> {
    const state: ListState =
      args.resumptionToken !== undefined
        ? decodeToken(args.resumptionToken)
        : { metadataPrefix: args.metadataPrefix, set: args.set, from: args.from, until: args.until };
    const format = this.format(state.metadataPrefix);
    const range = dateRange(state.from, state.until);
    let selection: SetSelection | null = {};
    if (state.set !== undefined) selection = parseSet(state.set);
    if (!selection) throw new OaiError('noRecordsMatch', `no record is in the set ${state.set}`);
    const limit = this.config.oaiPageSize;
    const rows: ChangeRow[] = await this.exporter.changes({ after: state.after ?? CHANGES_START, ...range, ...selection, limit: limit + 1 });
    if (!rows.length) throw new OaiError('noRecordsMatch', 'no record matches the request');
    const page = rows.slice(0, limit);
    const render = verb === 'ListRecords' ? await this.renderer.renderer(where.baseUrl, false, 'oai') : undefined;
    const items = page.map((r) => (render ? this.record(r, (x) => render(x, format)) : this.header(r)));
    let token = '';
    if (rows.length > limit) {
      token = el('resumptionToken', undefined, encodeToken({ ...state, after: page[page.length - 1].cursor }));
    } else if (args.resumptionToken !== undefined) {
      // the last page of a list that was split: an empty token says it is complete
      token = '<resumptionToken/>';
    }
    return el(verb, undefined, ...items, token);
  }
}
