import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

export interface Author {
  name: string;
  reading?: string | null;
}

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

export type ItemStatus = 'on-shelf' | 'on-loan' | 'reserved' | 'in-transit' | 'on-hold-shelf' | 'missing' | 'withdrawn';

export interface Item {
  barcode: string;
  branchCode: string;
  branchName?: string;
  status: ItemStatus;
  loanable: boolean;
  shelfLocation: string | null;
  /** the copy's own 請求記号 (null: the record's) */
  callNumber?: string | null;
  materialType: string | null;
}

export interface NewItem {
  barcode: string;
  branchCode: string;
  loanable?: boolean;
  shelfLocation?: string;
  callNumber?: string;
}

export interface CatalogueRecord extends RecordFields {
  id: string;
  availability: { total: number; available: number; onLoan: number; status: string };
  withdrawnAt: string | null;
  items: Item[];
}

/** A hit of the public search (`GET /api/t/{slug}/search`): what a list can take (never withdrawn). */
export interface SearchHit {
  id: string;
  title: string;
  titleReading: string | null;
  authors: Author[] | null;
  year: number | null;
  publisher: string | null;
  materialType: string | null;
  volume: string | null;
  isbn?: string | null;
  availability: { total: number; available: number; onLoan: number; status: string };
}

export interface SearchResult {
  total: number;
  exact?: boolean;
  page: number;
  size: number;
  hits: SearchHit[];
}

/** Withdrawn (除籍) records in the staff search: left out, included, or alone. */
export type WithdrawnFilter = 'exclude' | 'include' | 'only';

/** A hit of the staff search (`GET /api/t/{slug}/admin/records`), withdrawn records included when asked. */
export interface RecordHit {
  id: string;
  title: string;
  titleReading: string | null;
  volume?: string | null;
  authors: Author[] | null;
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  controlNumber: string | null;
  materialType: string;
  withdrawnAt: string | null;
  updatedAt: string;
  copies: { total: number; available: number };
}

/** The staff search's answer; `total` is exact. */
export interface RecordSearchResult {
  total: number;
  page: number;
  size: number;
  hits: RecordHit[];
}

export interface RecordSearchOptions {
  withdrawn?: WithdrawnFilter;
  sort?: 'updated' | 'title';
  page?: number;
  size?: number;
}

export interface ImportReport {
  id: string;
  status: 'running' | 'done' | 'failed';
  format: string | null;
  filename: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: { index: number; reason: string }[];
  warnings?: { index: number; warnings: string[] }[];
  error: string | null;
  createdBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export type ImportSummary = Omit<ImportReport, 'rejected' | 'warnings'> & { rejectedCount: number };

export interface RecommendedList {
  id: string;
  title: string;
  description: string | null;
  published: boolean;
  sort: number;
  createdAt: string;
  entryCount?: number;
  records?: (SearchHit & { withdrawn?: boolean })[];
}

export const IMPORT_FORMATS = ['marc21', 'marcxml', 'csv'] as const;

/** The catalogue's part of the API: records, copies, imports, recommended lists. */
@Injectable({ providedIn: 'root' })
export class CatalogueApi {
  private readonly api = inject(TenantApi);

  search(q: string, page = 1, size = 20): Observable<SearchResult> {
    return this.api.get<SearchResult>('/search', { q, page, size });
  }

  /** The librarians' search: words and readings as in the OPAC, ISBN, copy barcode or control number; withdrawn records on request. */
  searchRecords(q: string, options: RecordSearchOptions = {}): Observable<RecordSearchResult> {
    const { withdrawn = 'exclude', sort, page = 1, size = 20 } = options;
    return this.api.get<RecordSearchResult>('/admin/records', { q, withdrawn, page, size, ...(sort ? { sort } : {}) });
  }

  record(id: string): Observable<CatalogueRecord> {
    return this.api.get<CatalogueRecord>(`/admin/records/${encodeURIComponent(id)}`);
  }

  create(fields: RecordFields & { items?: NewItem[] }): Observable<CatalogueRecord> {
    return this.api.post<CatalogueRecord>('/admin/records', fields);
  }

  update(id: string, fields: Partial<RecordFields>): Observable<CatalogueRecord> {
    return this.api.patch<CatalogueRecord>(`/admin/records/${encodeURIComponent(id)}`, fields);
  }

  withdraw(id: string): Observable<CatalogueRecord> {
    return this.api.delete<CatalogueRecord>(`/admin/records/${encodeURIComponent(id)}`);
  }

  addItem(recordId: string, item: NewItem): Observable<Item> {
    return this.api.post<Item>(`/admin/records/${encodeURIComponent(recordId)}/items`, item);
  }

  item(barcode: string): Observable<Item & { recordId: string; title: string }> {
    return this.api.get(`/admin/items/${encodeURIComponent(barcode)}`);
  }

  updateItem(barcode: string, changes: Partial<Pick<Item, 'branchCode' | 'loanable' | 'shelfLocation' | 'callNumber'>> & { status?: 'on-shelf' | 'missing' | 'withdrawn' }): Observable<Item> {
    return this.api.patch<Item>(`/admin/items/${encodeURIComponent(barcode)}`, changes);
  }

  withdrawItem(barcode: string): Observable<Item> {
    return this.api.delete<Item>(`/admin/items/${encodeURIComponent(barcode)}`);
  }

  /** Upload (multipart, field `file`); the import runs in the background. */
  startImport(file: File, format?: string): Observable<{ id: string }> {
    const body = new FormData();
    body.append('file', file, file.name);
    if (format) body.append('format', format);
    return this.api.post<{ id: string }>('/admin/imports', body);
  }

  imports(): Observable<ImportSummary[]> {
    return this.api.get<ImportSummary[]>('/admin/imports');
  }

  importReport(id: string): Observable<ImportReport> {
    return this.api.get<ImportReport>(`/admin/imports/${encodeURIComponent(id)}`);
  }

  lists(): Observable<RecommendedList[]> {
    return this.api.get<RecommendedList[]>('/admin/lists');
  }

  list(id: string): Observable<RecommendedList> {
    return this.api.get<RecommendedList>(`/admin/lists/${encodeURIComponent(id)}`);
  }

  createList(body: { title: string; description?: string; published?: boolean; recordIds?: string[] }): Observable<RecommendedList> {
    return this.api.post<RecommendedList>('/admin/lists', body);
  }

  updateList(id: string, body: { title?: string; description?: string | null; published?: boolean; sort?: number; recordIds?: string[] }): Observable<RecommendedList> {
    return this.api.patch<RecommendedList>(`/admin/lists/${encodeURIComponent(id)}`, body);
  }

  deleteList(id: string): Observable<void> {
    return this.api.delete<void>(`/admin/lists/${encodeURIComponent(id)}`);
  }
}
