import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { printSlip } from '../core/print';
import type { TrappedHold } from '@shiori/contracts';

/**
 * The slip that goes into a trapped book (予約票): patron, pickup point and last day for the
 * hold shelf, or where to send it. Printed alone (print CSS in styles.scss), large type for a
 * narrow slip printer; the print button sits outside the slip.
 */
@Component({
  selector: 'admin-hold-slip',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <article class="slip" [attr.aria-label]="t('slip.heading')" data-slip>
      <p class="kind">{{ t('slip.heading') }} — {{ status() }}</p>
      <p class="patron">{{ t('slip.honorific', { name: hold().patron.name }) }}</p>
      <p class="card"><span class="label">{{ t('slip.patron') }}</span> {{ hold().patron.cardNumber }}</p>
      <p class="title">{{ hold().title }}</p>
      @if (hold().status === 'ready') {
        <p><span class="label">{{ t('slip.pickup') }}</span> {{ hold().pickupPointName }}</p>
        @if (hold().shelfNumber) {
          <p class="last-day shelf-number"><span class="label">{{ t('slip.shelfNumber') }}</span> {{ hold().shelfNumber }}</p>
        }
        <p class="last-day"><span class="label">{{ t('slip.lastDay') }}</span> {{ lastDay() }}</p>
      } @else {
        <p class="last-day"><span class="label">{{ t('slip.transitTo') }}</span> {{ branchName() }} — {{ hold().pickupPointName }}</p>
      }
      <p class="small"><span class="label">{{ t('slip.item') }}</span> {{ hold().itemBarcode }} · <span class="label">{{ t('slip.printedAt') }}</span> {{ today() }}</p>
    </article>
    <button mat-stroked-button type="button" class="no-print" (click)="print()">
      <mat-icon>print</mat-icon>{{ t('slip.print') }}
    </button>
  `,
  styles: `
    :host {
      display: block;
      margin: 1rem 0;
    }
    .patron {
      font-size: 1.75rem;
      font-weight: 700;
    }
    .title {
      font-size: 1.1rem;
    }
    .last-day {
      font-size: 1.25rem;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldSlip {
  readonly hold = input.required<TrappedHold>();
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly document = inject(DOCUMENT);
  protected readonly t = this.i18n.t;
  protected readonly status = computed(() => this.t(this.hold().status === 'ready' ? 'slip.toShelf' : 'slip.toTransit'));
  protected readonly lastDay = computed(() => formatDay(this.hold().lastDay, this.i18n.lang()));
  protected readonly branchName = computed(() => this.library.branchName(this.hold().pickupBranchCode, this.i18n.lang()));
  protected readonly today = computed(() => formatDay(tokyoToday(), this.i18n.lang()));

  protected print(): void {
    printSlip(this.document);
  }
}
