import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import type {
  AlertQuery,
  AlertRenameRequest,
  AlertView,
  HistoryDeleted,
  HistoryOptIn,
  HistoryPage,
  HistorySettings,
  NewAlertRequest,
  ReadingGoal,
  Shelf,
  ShelfEntry,
  ShelfEntryInput,
  ShelfEntryState,
} from '@shiori/contracts';

/** The patron's own lists: bookshelves, reading history, reading goal, new-arrival alerts. */
@Injectable({ providedIn: 'root' })
export class ReadingApi {
  private readonly api = inject(Api);
  private path(p: string) {
    return this.api.tenantPath('/me' + p);
  }

  shelves(): Observable<Shelf[]> {
    return this.api.get(this.path('/shelves'));
  }
  createShelf(name: string): Observable<Shelf> {
    return this.api.post(this.path('/shelves'), { name });
  }
  renameShelf(id: string, name: string): Observable<Shelf> {
    return this.api.patch(this.path(`/shelves/${id}`), { name });
  }
  deleteShelf(id: string): Observable<void> {
    return this.api.delete(this.path(`/shelves/${id}`));
  }
  entries(shelfId: string): Observable<ShelfEntry[]> {
    return this.api.get(this.path(`/shelves/${shelfId}/entries`));
  }
  putEntry(shelfId: string, recordId: string, body: ShelfEntryInput = {}): Observable<ShelfEntryState> {
    return this.api.put(this.path(`/shelves/${shelfId}/entries/${recordId}`), body);
  }
  removeEntry(shelfId: string, recordId: string): Observable<void> {
    return this.api.delete(this.path(`/shelves/${shelfId}/entries/${recordId}`));
  }

  historySettings(): Observable<HistorySettings> {
    return this.api.get(this.path('/history/settings'));
  }
  setHistory(body: HistoryOptIn): Observable<HistorySettings> {
    return this.api.put(this.path('/history/settings'), body);
  }
  history(page = 1, size = 50): Observable<HistoryPage> {
    return this.api.get(this.path('/history'), { page, size });
  }
  /** The CSV's URL (a download link: the browser sends the session cookie). */
  historyCsvUrl(): string {
    return this.api.base + this.path('/history.csv');
  }
  deleteHistory(): Observable<HistoryDeleted> {
    return this.api.delete(this.path('/history'));
  }

  goal(year?: number): Observable<ReadingGoal> {
    return this.api.get(this.path('/reading-goal'), { year });
  }
  setGoal(target: number, year?: number): Observable<ReadingGoal> {
    return this.api.put(this.path('/reading-goal'), { target, year });
  }

  // new-arrival alerts: the API's AlertView (libs/contracts alerts.ts)
  alerts(): Observable<AlertView[]> {
    return this.api.get(this.path('/alerts'));
  }
  createAlert(name: string, query: AlertQuery): Observable<AlertView> {
    return this.api.post(this.path('/alerts'), { name, query } satisfies NewAlertRequest);
  }
  renameAlert(id: string, name: string): Observable<AlertView> {
    return this.api.patch(this.path(`/alerts/${id}`), { name } satisfies AlertRenameRequest);
  }
  deleteAlert(id: string): Observable<void> {
    return this.api.delete(this.path(`/alerts/${id}`));
  }
}
