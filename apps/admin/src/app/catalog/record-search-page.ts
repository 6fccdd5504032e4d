import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { StaffRecordSearchResult } from '@shiori/contracts';
import { CatalogApi, WithdrawnFilter } from './catalog-api';

/**
 * Finding a record to edit: the librarians' catalogue search (words and readings as in the
 * OPAC, ISBN, a copy's barcode or the control number; withdrawn records on request), or
 * straight to a record by scanning a copy's barcode.
 */
@Component({
  selector: 'admin-record-search-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatCheckboxModule, LoadState],
  templateUrl: './record-search-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordSearchPage {
  /** `?q=&withdrawn=include&page=` */
  readonly q = input<string>();
  readonly withdrawn = input<string>();
  readonly page = input<string>();
  private readonly catalogue = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly queryInput = viewChild<ElementRef<HTMLInputElement>>('queryInput');
  protected readonly t = this.i18n.t;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly includeWithdrawn = new FormControl(false, { nonNullable: true });
  protected readonly barcode = new FormControl('', { nonNullable: true });
  protected readonly barcodeError = signal<ApiError | null>(null);
  protected readonly barcodeErrorText = computed(() => {
    const e = this.barcodeError();
    return e ? this.i18n.pick(e.localized) : '';
  });
  protected readonly results = new Loadable<StaffRecordSearchResult>();
  protected readonly pageNo = computed(() => Math.max(1, Number(this.page() ?? 1) || 1));
  /** The URL's choice: withdrawn records left out unless `withdrawn=include` (or `only`). */
  private readonly withdrawnFilter = computed<WithdrawnFilter>(() => {
    const w = this.withdrawn();
    return w === 'include' || w === 'only' ? w : 'exclude';
  });
  protected readonly pages = computed(() => {
    const r = this.results.value();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.results.value()?.hits ?? []).map((h) => ({
      ...h,
      authorText: (h.authors ?? []).map((a) => a.name).join('・'),
      withdrawnText: h.withdrawnAt ? this.t('records.withdrawnOn', { date: formatDay(tokyoToday(new Date(h.withdrawnAt)), lang) }) : '',
    }));
  });

  constructor() {
    effect(() => {
      const q = this.q() ?? '';
      const page = this.pageNo();
      const withdrawn = this.withdrawnFilter();
      untracked(() => {
        this.query.setValue(q);
        this.includeWithdrawn.setValue(withdrawn !== 'exclude', { emitEvent: false });
        if (q.trim()) this.load(q, withdrawn, page);
      });
    });
    afterNextRender(() => this.queryInput()?.nativeElement.focus());
  }

  private load(q: string, withdrawn: WithdrawnFilter, page: number): void {
    this.results.load(this.catalogue.searchRecords(q, { withdrawn, page }));
  }

  /** What the checkbox asks for; `only` (from a link) stays as long as the box stays ticked. */
  private chosenFilter(): WithdrawnFilter {
    if (!this.includeWithdrawn.value) return 'exclude';
    return this.withdrawnFilter() === 'only' ? 'only' : 'include';
  }

  protected search(): void {
    const q = this.query.value.trim();
    if (!q) return;
    const withdrawn = this.chosenFilter();
    if (q === this.q() && withdrawn === this.withdrawnFilter() && this.pageNo() === 1) this.load(q, withdrawn, 1);
    else void this.router.navigate([], { queryParams: { q, withdrawn: withdrawn === 'exclude' ? null : withdrawn, page: null } });
  }

  /** Ticking 除籍を含む searches again at once when there is something to search for. */
  protected withdrawnChanged(): void {
    if (this.query.value.trim()) this.search();
  }

  protected go(page: number): void {
    void this.router.navigate([], { queryParams: { q: this.q(), page }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    const q = this.q();
    if (q) this.load(q, this.withdrawnFilter(), this.pageNo());
  }

  protected openBarcode(): void {
    const barcode = this.barcode.value.trim();
    if (!barcode) return;
    this.barcodeError.set(null);
    this.catalogue.item(barcode).subscribe({
      next: (item) => void this.router.navigate(['/catalog/records', item.recordId]),
      error: (e: ApiError) => this.barcodeError.set(e),
    });
  }
}
