import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../core/i18n';

/** A page of results asked for: the 0-based page and the page size (as Material's PageEvent). */
export interface PageChange {
  pageIndex: number;
  pageSize: number;
}

/**
 * The results' pages in plain HTML: 「26 件中 1～20 件」, first / previous / next / last and the
 * page size (a native select). It replaces Material's paginator on the search page, whose
 * code (a Material select, its overlay, tooltips) a phone had to run before the first result.
 */
@Component({
  selector: 'opac-pager',
  imports: [MatIconModule],
  template: `
    <nav class="pager" [attr.aria-label]="t('pager.label')">
      <label class="size">
        <span>{{ t('pager.perPage') }}</span>
        <select [value]="pageSize()" (change)="resize($any($event.target).value)">
          @for (o of sizes(); track o) {
            <option [value]="o" [selected]="o === pageSize()">{{ o }}</option>
          }
        </select>
      </label>
      <span class="range" aria-live="polite">{{ range() }}</span>
      <span class="buttons">
        <button type="button" class="pager-button first" [attr.aria-label]="t('pager.first')" [title]="t('pager.first')" [disabled]="pageIndex() === 0" (click)="go(0)">
          <mat-icon aria-hidden="true">first_page</mat-icon>
        </button>
        <button type="button" class="pager-button previous" [attr.aria-label]="t('pager.previous')" [title]="t('pager.previous')" [disabled]="pageIndex() === 0" (click)="go(pageIndex() - 1)">
          <mat-icon aria-hidden="true">chevron_left</mat-icon>
        </button>
        <button type="button" class="pager-button next" [attr.aria-label]="t('pager.next')" [title]="t('pager.next')" [disabled]="pageIndex() >= lastPage()" (click)="go(pageIndex() + 1)">
          <mat-icon aria-hidden="true">chevron_right</mat-icon>
        </button>
        <button type="button" class="pager-button last" [attr.aria-label]="t('pager.last')" [title]="t('pager.last')" [disabled]="pageIndex() >= lastPage()" (click)="go(lastPage())">
          <mat-icon aria-hidden="true">last_page</mat-icon>
        </button>
      </span>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.5rem 1rem;
      padding: 0.5rem 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .size {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    select {
      min-height: 40px;
      padding: 0 0.5rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: inherit;
    }
    .buttons {
      display: inline-flex;
    }
    .pager-button {
      display: inline-grid;
      place-items: center;
      width: 48px;
      height: 48px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--mat-sys-on-surface-variant);
      cursor: pointer;
    }
    .pager-button:hover:not(:disabled) {
      background: color-mix(in srgb, currentColor 8%, transparent);
    }
    .pager-button:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
    .pager-button:disabled {
      color: color-mix(in srgb, var(--mat-sys-on-surface) 38%, transparent);
      cursor: default;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Pager {
  readonly length = input.required<number>();
  readonly pageIndex = input(0);
  readonly pageSize = input(20);
  readonly pageSizeOptions = input<readonly number[]>([20, 50, 100]);
  readonly page = output<PageChange>();

  protected readonly t = inject(I18n).t;
  protected readonly lastPage = computed(() => Math.max(0, Math.ceil(this.length() / this.pageSize()) - 1));
  protected readonly sizes = computed(() => [...new Set([...this.pageSizeOptions(), this.pageSize()])].sort((a, b) => a - b));
  protected readonly range = computed(() => {
    const [page, size, length] = [this.pageIndex(), this.pageSize(), this.length()];
    return length === 0 ? this.t('pager.none') : this.t('pager.range', { from: page * size + 1, to: Math.min(length, (page + 1) * size), total: length });
  });

  protected go(pageIndex: number): void {
    this.page.emit({ pageIndex: Math.min(Math.max(0, pageIndex), this.lastPage()), pageSize: this.pageSize() });
  }

  /** A new page size keeps the first result shown on the page (as Material's paginator does). */
  protected resize(value: string): void {
    const pageSize = Number(value);
    if (!pageSize) return;
    const first = this.pageIndex() * this.pageSize();
    this.page.emit({ pageIndex: Math.floor(first / pageSize), pageSize });
  }
}
