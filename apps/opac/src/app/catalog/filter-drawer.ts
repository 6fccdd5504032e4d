import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';
import { I18n } from '../core/i18n';

/**
 * The search filters (facets, projected in) where a phone has room for them: on a wide screen
 * they stand beside the results as they are; on a narrow one they wait behind a 「絞り込み」
 * button and open as a full-screen panel whose footer shows the result count. Choosing a
 * filter (a navigation) closes it, and focus goes back to the button.
 */
@Component({
  selector: 'opac-filter-drawer',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button #toggle mat-stroked-button type="button" class="open-button" [attr.aria-expanded]="open()" aria-controls="filter-drawer" (click)="show()">
      <mat-icon aria-hidden="true">tune</mat-icon>{{ t('search.filters') }}
    </button>
    <div id="filter-drawer" class="panel" [class.open]="open()" [attr.role]="open() ? 'dialog' : null" [attr.aria-modal]="open() ? 'true' : null" [attr.aria-labelledby]="open() ? 'filter-drawer-title' : null" (keydown.escape)="hide()">
      <div class="panel-head">
        <h2 id="filter-drawer-title" #title tabindex="-1">{{ t('search.filters') }}</h2>
        <button mat-icon-button type="button" [attr.aria-label]="t('search.filtersClose')" (click)="hide()"><mat-icon aria-hidden="true">close</mat-icon></button>
      </div>
      <div class="panel-body"><ng-content /></div>
      <div class="panel-foot">
        <button mat-flat-button type="button" (click)="hide()">{{ t(exact() ? 'search.filtersShow' : 'search.filtersShowAbout', { total: total() }) }}</button>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .open-button,
    .panel-head,
    .panel-foot {
      display: none;
    }
    @media (max-width: 899.98px) {
      .open-button {
        display: inline-flex;
        min-height: 44px;
      }
      .panel {
        display: none;
      }
      .panel.open {
        display: flex;
        flex-direction: column;
        position: fixed;
        inset: 0;
        z-index: 1000;
        background: var(--mat-sys-surface);
      }
      .panel-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0.5rem 0.5rem 0.5rem 1rem;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        h2 {
          margin: 0;
          font: var(--mat-sys-title-large);
        }
      }
      .panel-body {
        flex: 1 1 auto;
        overflow-y: auto;
        padding: 0.5rem 1rem;
      }
      .panel-foot {
        display: block;
        padding: 0.75rem 1rem;
        border-top: 1px solid var(--mat-sys-outline-variant);
        button {
          width: 100%;
          min-height: 48px;
        }
      }
    }
  `,
})
export class FilterDrawer {
  /** The number of results, shown on the button that closes the panel. */
  readonly total = input.required<number>();
  /** false when the total is an estimate (「約」) */
  readonly exact = input(true);

  protected readonly t = inject(I18n).t;
  protected readonly open = signal(false);
  // read: ElementRef, since #toggle sits on a MatButton: without it the query gives the component, which has no nativeElement
  private readonly toggle = viewChild.required('toggle', { read: ElementRef<HTMLElement> });
  private readonly title = viewChild.required<ElementRef<HTMLElement>>('title');

  constructor() {
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.hide());
  }

  protected show(): void {
    this.open.set(true);
    queueMicrotask(() => this.title().nativeElement.focus());
  }

  protected hide(): void {
    if (!this.open()) return;
    this.open.set(false);
    queueMicrotask(() => this.toggle().nativeElement.focus());
  }
}
