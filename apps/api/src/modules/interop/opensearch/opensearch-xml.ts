/**
 * OpenSearch 1.1 for a city: the description document a browser installs as a search engine,
 * and results as RSS 2.0 and Atom carrying the OpenSearch response elements (totalResults,
 * startIndex, itemsPerPage, Query). Items also carry Dublin Core and DC-NDL's readings, as NDL
 * Search's OpenSearch does, so a union catalogue can read author, publisher and ヨミ.
 */
import { el, text, XML_DECLARATION } from '../xml/xml';
import { AVAILABILITY_LABEL } from '../records/record-context';

export const OPENSEARCH_NS = 'http://a9.com/-/spec/opensearch/1.1/';

/** The absolute URLs of a city's OpenSearch: its OPAC and this API under the public origin. */
export class OpenSearchUrls {
  constructor(
    private readonly baseUrl: string,
    private readonly slug: string,
  ) {}

  get description(): string {
    return `${this.baseUrl}/api/t/${this.slug}/opensearch.xml`;
  }

  get favicon(): string {
    return `${this.baseUrl}/opac/${this.slug}/favicon.svg`;
  }

  /** the OPAC's search page for `q` (a template when q is {searchTerms}) */
  opacSearch(q: string): string {
    return `${this.baseUrl}/opac/${this.slug}/search?q=${q === '{searchTerms}' ? q : encodeURIComponent(q)}`;
  }

  recordPage(id: string): string {
    return `${this.baseUrl}/opac/${this.slug}/records/${id}`;
  }

  /** a page of results in a format */
  results(q: string, page: number, count: number, format: 'rss' | 'atom'): string {
    return `${this.baseUrl}/api/t/${this.slug}/opensearch?q=${encodeURIComponent(q)}&page=${page}&count=${count}&format=${format}`;
  }

  template(format: 'rss' | 'atom'): string {
    return `${this.baseUrl}/api/t/${this.slug}/opensearch?q={searchTerms}&page={startPage?}&count={count?}&format=${format}`;
  }
}

export interface OpenSearchHit {
  id: string;
  title: string;
  titleReading: string | null;
  subtitle?: string | null;
  authors: { name: string; reading?: string }[];
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  materialType: string;
  volume: string | null;
  /** 受入日 (YYYY-MM-DD) */
  receivedAt: string | null;
  availability: { total: number; available: number; status: string };
}

export interface OpenSearchPage {
  q: string;
  page: number;
  count: number;
  total: number;
  hits: OpenSearchHit[];
  libraryName: string;
  typeNames: Map<string, string>;
  urls: OpenSearchUrls;
}

/** ShortName has at most 16 characters (OpenSearch 1.1). */
function shortName(name: string): string {
  return Array.from(name).slice(0, 16).join('');
}

export function descriptionDocument(libraryName: string, urls: OpenSearchUrls): string {
  return (
    XML_DECLARATION +
    el(
      'OpenSearchDescription',
      { xmlns: OPENSEARCH_NS },
      text('ShortName', shortName(libraryName)),
      text('Description', `${libraryName}の蔵書を検索します (search the catalogue of ${libraryName})`),
      text('Tags', '図書館 蔵書 library catalogue'),
      el('Url', { type: 'text/html', template: urls.opacSearch('{searchTerms}') }),
      el('Url', { type: 'application/rss+xml', template: urls.template('rss'), indexOffset: 1, pageOffset: 1 }),
      el('Url', { type: 'application/atom+xml', template: urls.template('atom'), indexOffset: 1, pageOffset: 1 }),
      el('Url', { type: 'application/opensearchdescription+xml', rel: 'self', template: urls.description }),
      text('Image', urls.favicon, { type: 'image/svg+xml', width: 16, height: 16 }),
      el('Query', { role: 'example', searchTerms: '吾輩は猫である' }),
      text('Language', 'ja'),
      text('InputEncoding', 'UTF-8'),
      text('OutputEncoding', 'UTF-8'),
    )
  );
}

function summary(h: OpenSearchHit, typeName: string): string {
  return [
    h.authors.map((a) => a.name).join('、'),
    h.publisher,
    h.year ? String(h.year) : null,
    typeName,
    AVAILABILITY_LABEL[h.availability.status] ?? h.availability.status,
  ]
    .filter(Boolean)
    .join(' / ');
}

function responseElements(p: OpenSearchPage): string[] {
  return [
    text('opensearch:totalResults', p.total),
    text('opensearch:startIndex', (p.page - 1) * p.count + 1),
    text('opensearch:itemsPerPage', p.count),
    el('opensearch:Query', { role: 'request', searchTerms: p.q, startPage: p.page }),
  ];
}

function titleOf(h: OpenSearchHit): string {
  return h.volume ? `${h.title} ${h.volume}` : h.title;
}

/** Dublin Core and DC-NDL elements of an item or entry. */
function dcElements(h: OpenSearchHit, typeName: string): string[] {
  return [
    text('dc:title', titleOf(h)),
    text('dcndl:titleTranscription', h.titleReading),
    ...h.authors.flatMap((a) => [text('dc:creator', a.name), text('dcndl:creatorTranscription', a.reading)]),
    text('dc:publisher', h.publisher),
    text('dc:date', h.year),
    text('dc:identifier', h.isbn, { 'xsi:type': 'dcndl:ISBN' }),
    text('dc:type', typeName),
  ];
}

const NAMESPACES = {
  'xmlns:opensearch': OPENSEARCH_NS,
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:dcndl': 'http://ndl.go.jp/dcndl/terms/',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
};

function nextPage(p: OpenSearchPage): number | null {
  return p.page * p.count < p.total ? p.page + 1 : null;
}

export function rssResults(p: OpenSearchPage): string {
  const next = nextPage(p);
  return (
    XML_DECLARATION +
    el(
      'rss',
      { version: '2.0', ...NAMESPACES, 'xmlns:atom': 'http://www.w3.org/2005/Atom' },
      el(
        'channel',
        undefined,
        text('title', `${p.libraryName} 蔵書検索: ${p.q}`),
        text('link', p.urls.opacSearch(p.q)),
        text('description', `「${p.q}」の検索結果 ${p.total}件 (${p.total} results for "${p.q}")`),
        text('language', 'ja'),
        ...responseElements(p),
        el('atom:link', { rel: 'search', type: 'application/opensearchdescription+xml', href: p.urls.description }),
        el('atom:link', { rel: 'self', type: 'application/rss+xml', href: p.urls.results(p.q, p.page, p.count, 'rss') }),
        next ? el('atom:link', { rel: 'next', type: 'application/rss+xml', href: p.urls.results(p.q, next, p.count, 'rss') }) : '',
        ...p.hits.map((h) => {
          const typeName = p.typeNames.get(h.materialType) ?? h.materialType;
          return el(
            'item',
            undefined,
            text('title', titleOf(h)),
            text('link', p.urls.recordPage(h.id)),
            text('guid', p.urls.recordPage(h.id), { isPermaLink: 'true' }),
            text('description', summary(h, typeName)),
            text('category', typeName),
            ...dcElements(h, typeName),
          );
        }),
      ),
    )
  );
}

/** An entry's `updated`: the day it was received (Japan time); the feed's: its newest entry. Stable, so the answer's ETag is. */
function entryUpdated(h: OpenSearchHit): string {
  return h.receivedAt ? `${h.receivedAt}T00:00:00+09:00` : '2000-01-01T00:00:00+09:00';
}

export function atomResults(p: OpenSearchPage): string {
  const next = nextPage(p);
  const updated = p.hits.map(entryUpdated).sort().pop() ?? '2000-01-01T00:00:00+09:00';
  const self = p.urls.results(p.q, p.page, p.count, 'atom');
  return (
    XML_DECLARATION +
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', ...NAMESPACES },
      text('title', `${p.libraryName} 蔵書検索: ${p.q}`),
      text('id', self),
      text('updated', updated),
      el('author', undefined, text('name', p.libraryName)),
      el('link', { rel: 'alternate', type: 'text/html', href: p.urls.opacSearch(p.q) }),
      el('link', { rel: 'self', type: 'application/atom+xml', href: self }),
      el('link', { rel: 'search', type: 'application/opensearchdescription+xml', href: p.urls.description }),
      next ? el('link', { rel: 'next', type: 'application/atom+xml', href: p.urls.results(p.q, next, p.count, 'atom') }) : '',
      ...responseElements(p),
      ...p.hits.map((h) => {
        const typeName = p.typeNames.get(h.materialType) ?? h.materialType;
        return el(
          'entry',
          undefined,
          text('title', titleOf(h)),
          text('id', p.urls.recordPage(h.id)),
          text('updated', entryUpdated(h)),
          el('link', { rel: 'alternate', type: 'text/html', href: p.urls.recordPage(h.id) }),
          ...h.authors.map((a) => el('author', undefined, text('name', a.name))),
          text('summary', summary(h, typeName)),
          ...dcElements(h, typeName),
        );
      }),
    )
  );
}
