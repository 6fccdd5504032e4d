import { inject, Injectable } from '@angular/core';
import type {
  Author,
  CatalogueImportReport,
  CatalogueImportSummary,
  ImportStarted,
  RecommendedListSummary,
  RecommendedListView,
  SearchResult,
  StaffItemLookup,
  StaffItemView,
  StaffRecordSearchResult,
  StaffRecordView,
} from '@shiori/contracts';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

/**
 * What the catalogue's endpoints answer is the API's own, from libs/contracts (`@shiori/contracts`
 * catalog.ts): a field renamed there fails this build.
 */

/** A record's fields as the cataloguer sends them (`POST`, `PATCH /admin/records`: the API's CreateRecordDto / UpdateRecordDto). */
export interface RecordFields {
  title: string;
  titleReading?: string | null;
  subtitle?: string | null;
  authors?: Author[];
  publisher?: string | null;
  publishedYear?: number | null;
  isbn?: string | null;
  materialType?: string;
  series?: string | null;
  volume?: string | null;
  ndc?: string | null;
  controlNumber?: string | null;
  receivedAt?: string | null;
  /** 請求記号 as catalogued: the copies' default */
  callNumber?: string | null;
  coverUrl?: string | null;
}

/** A copy as the cataloguer adds it (`POST /admin/records/{id}/items`: the API's ItemDto). */
export interface NewItem {
  barcode: string;
  branchCode: string;
  loanable?: boolean;
  shelfLocation?: string;
  callNumber?: string;
}

/** Withdrawn (除籍) records in the staff search: left out, included, or alone. */
export type WithdrawnFilter = 'exclude' | 'include' | 'only';

export interface RecordSearchOptions {
  withdrawn?: WithdrawnFilter;
  sort?: 'updated' | 'title';
  page?: number;
  size?: number;
}

export const IMPORT_FORMATS = ['marc21', 'marcxml', 'csv'] as const;

/** The catalogue's part of the API: records, copies, imports, recommended lists. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly api = inject(TenantApi);

  /** The public search (`GET /search`), for the records a recommended list can take (never withdrawn). */
  search(q: string, page = 1, size = 20): Observable<SearchResult> {
    return this.api.get<SearchResult>('/search', { q, page, size });
  }

  /** The librarians' search: words and readings as in the OPAC, ISBN, copy barcode or control number; withdrawn records on request. */
  searchRecords(q: string, options: RecordSearchOptions = {}): Observable<StaffRecordSearchResult> {
    const { withdrawn = 'exclude', sort, page = 1, size = 20 } = options;
    return this.api.get<StaffRecordSearchResult>('/admin/records', { q, withdrawn, page, size, ...(sort ? { sort } : {}) });
  }

  record(id: string): Observable<StaffRecordView> {
    return this.api.get<StaffRecordView>(`/admin/records/${encodeURIComponent(id)}`);
  }

  create(fields: RecordFields & { items?: NewItem[] }): Observable<StaffRecordView> {
    return this.api.post<StaffRecordView>('/admin/records', fields);
  }

  update(id: string, fields: Partial<RecordFields>): Observable<StaffRecordView> {
    return this.api.patch<StaffRecordView>(`/admin/records/${encodeURIComponent(id)}`, fields);
  }

  withdraw(id: string): Observable<StaffRecordView> {
    return this.api.delete<StaffRecordView>(`/admin/records/${encodeURIComponent(id)}`);
  }

  addItem(recordId: string, item: NewItem): Observable<StaffItemLookup> {
    return this.api.post<StaffItemLookup>(`/admin/records/${encodeURIComponent(recordId)}/items`, item);
  }

  item(barcode: string): Observable<StaffItemLookup> {
    return this.api.get<StaffItemLookup>(`/admin/items/${encodeURIComponent(barcode)}`);
  }

  updateItem(barcode: string, changes: Partial<Pick<StaffItemView, 'branchCode' | 'loanable' | 'shelfLocation' | 'callNumber'>> & { status?: 'on-shelf' | 'missing' | 'withdrawn' }): Observable<StaffItemLookup> {
    return this.api.patch<StaffItemLookup>(`/admin/items/${encodeURIComponent(barcode)}`, changes);
  }

  withdrawItem(barcode: string): Observable<StaffItemLookup> {
    return this.api.delete<StaffItemLookup>(`/admin/items/${encodeURIComponent(barcode)}`);
  }

  /** Upload (multipart, field `file`); the import runs in the background. */
  startImport(file: File, format?: string): Observable<ImportStarted> {
    const body = new FormData();
    body.append('file', file, file.name);
    if (format) body.append('format', format);
    return this.api.post<ImportStarted>('/admin/imports', body);
  }

  imports(): Observable<CatalogueImportSummary[]> {
    return this.api.get<CatalogueImportSummary[]>('/admin/imports');
  }

  importReport(id: string): Observable<CatalogueImportReport> {
    return this.api.get<CatalogueImportReport>(`/admin/imports/${encodeURIComponent(id)}`);
  }

  lists(): Observable<RecommendedListSummary[]> {
    return this.api.get<RecommendedListSummary[]>('/admin/lists');
  }

  list(id: string): Observable<RecommendedListView> {
    return this.api.get<RecommendedListView>(`/admin/lists/${encodeURIComponent(id)}`);
  }

  createList(body: { title: string; description?: string; published?: boolean; recordIds?: string[] }): Observable<RecommendedListView> {
    return this.api.post<RecommendedListView>('/admin/lists', body);
  }

  updateList(id: string, body: { title?: string; description?: string | null; published?: boolean; sort?: number; recordIds?: string[] }): Observable<RecommendedListView> {
    return this.api.patch<RecommendedListView>(`/admin/lists/${encodeURIComponent(id)}`, body);
  }

  deleteList(id: string): Observable<void> {
    return this.api.delete<void>(`/admin/lists/${encodeURIComponent(id)}`);
  }
}
