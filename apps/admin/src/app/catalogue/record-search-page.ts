import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { CatalogueApi, SearchResult } from './catalogue-api';

/**
 * Finding a record to edit: the catalogue search (the same one the OPAC uses), or straight to
 * a record by scanning a copy's barcode.
 */
@Component({
  selector: 'admin-record-search-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, LoadState],
  templateUrl: './record-search-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordSearchPage {
  /** `?q=&page=` */
  readonly q = input<string>();
  readonly page = input<string>();
  private readonly catalogue = inject(CatalogueApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly queryInput = viewChild<ElementRef<HTMLInputElement>>('queryInput');
  protected readonly t = this.i18n.t;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly barcode = new FormControl('', { nonNullable: true });
  protected readonly barcodeError = signal<ApiError | null>(null);
  protected readonly barcodeErrorText = computed(() => {
    const e = this.barcodeError();
    return e ? this.i18n.pick(e.localized) : '';
  });
  protected readonly results = new Loadable<SearchResult>();
  protected readonly pageNo = computed(() => Math.max(1, Number(this.page() ?? 1) || 1));
  protected readonly pages = computed(() => {
    const r = this.results.value();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly rows = computed(() =>
    (this.results.value()?.hits ?? []).map((h) => ({
      ...h,
      authorText: (h.authors ?? []).map((a) => a.name).join('・'),
    })),
  );

  constructor() {
    effect(() => {
      const q = this.q() ?? '';
      const page = this.pageNo();
      untracked(() => {
        this.query.setValue(q);
        if (q.trim()) this.results.load(this.catalogue.search(q, page));
      });
    });
    afterNextRender(() => this.queryInput()?.nativeElement.focus());
  }

  protected search(): void {
    const q = this.query.value.trim();
    if (!q) return;
    if (q === this.q() && this.pageNo() === 1) this.results.load(this.catalogue.search(q, 1));
    else void this.router.navigate([], { queryParams: { q, page: null } });
  }

  protected go(page: number): void {
    void this.router.navigate([], { queryParams: { q: this.q(), page }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    const q = this.q();
    if (q) this.results.load(this.catalogue.search(q, this.pageNo()));
  }

  protected openBarcode(): void {
    const barcode = this.barcode.value.trim();
    if (!barcode) return;
    this.barcodeError.set(null);
    this.catalogue.item(barcode).subscribe({
      next: (item) => void this.router.navigate(['/catalogue/records', item.recordId]),
      error: (e: ApiError) => this.barcodeError.set(e),
    });
  }
}
