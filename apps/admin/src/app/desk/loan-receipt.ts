import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { printSlip } from '../core/print';
import { Session } from '../core/session';

export interface ReceiptLoan {
  id: string;
  itemBarcode: string;
  title: string;
  volume?: string | null;
  dueDate: string;
}

/**
 * The loan receipt (貸出レシート) the patron takes home: the library, the card, each item of
 * this visit with its due date. Printed alone on the slip printer like the hold slip (print
 * CSS in styles.scss prints only `.slip`); the card number is shown by its last digits only.
 */
@Component({
  selector: 'admin-loan-receipt',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <article class="slip receipt" [attr.aria-label]="t('receipt.heading')" data-receipt>
      <p class="kind">{{ t('receipt.heading') }}</p>
      <p class="library">{{ library() }}</p>
      <p><span class="label">{{ t('receipt.card') }}</span> {{ maskedCard() }}</p>
      <p><span class="label">{{ t('receipt.date') }}</span> {{ today() }}</p>
      <ol class="items">
        @for (l of rows(); track l.id) {
          <li>
            <span class="title">{{ l.title }}@if (l.volume) { {{ ' ' + l.volume }} }</span>
            <span class="due"><span class="label">{{ t('receipt.due') }}</span> {{ l.due }}</span>
            <span class="small">{{ l.itemBarcode }}</span>
          </li>
        }
      </ol>
      <p class="total">{{ t('receipt.total', { count: rows().length }) }}</p>
    </article>
    <button mat-stroked-button type="button" class="no-print print-receipt" (click)="print()">
      <mat-icon>receipt_long</mat-icon>{{ t('receipt.print') }}
    </button>
  `,
  styles: `
    :host {
      display: block;
      margin: 1rem 0;
    }
    .items {
      margin: 0.5rem 0;
      padding-left: 1.25rem;
      li {
        display: flex;
        flex-direction: column;
        margin-bottom: 0.4rem;
      }
    }
    .title {
      font-weight: 700;
    }
    .due {
      font-size: 1.05rem;
    }
    .total {
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoanReceipt {
  readonly cardNumber = input.required<string>();
  readonly loans = input.required<readonly ReceiptLoan[]>();
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  protected readonly t = this.i18n.t;
  protected readonly library = computed(() => this.session.tenant()?.name ?? '');
  /** Only the last 4 digits: the receipt leaves the library in a pocket. */
  protected readonly maskedCard = computed(() => {
    const c = this.cardNumber();
    return c.length > 4 ? '＊'.repeat(c.length - 4) + c.slice(-4) : c;
  });
  protected readonly today = computed(() => formatDay(tokyoToday(), this.i18n.lang()));
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    // oldest first, as they were lent
    return [...this.loans()].reverse().map((l) => ({ ...l, due: formatDay(l.dueDate, lang) }));
  });

  protected print(): void {
    printSlip(this.document);
  }
}
