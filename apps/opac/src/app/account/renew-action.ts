import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Code, MESSAGES as POLICY_MESSAGES } from '@shiori/policy';
import { I18n } from '../core/i18n';
import type { Renewable } from '@shiori/contracts';

/**
 * A loan's renewal control: a "renew" button with the new due date when the policy allows
 * it, otherwise 延長不可 with the reason (the same codes and words as libs/policy's
 * decideRenewal: reserved by another patron, renewed already, overdue, ILL, counter only).
 */
@Component({
  selector: 'opac-renew-action',
  imports: [MatButtonModule],
  template: `
    @if (renewable().ok) {
      <button mat-flat-button type="button" class="renew" [disabled]="busy()" (click)="renew.emit()" [attr.aria-label]="t('loans.renewTitle', { title: title() })">
        {{ t('loans.renew') }}
      </button>
      @if (renewable().newDueDate) {
        <span class="new-due">{{ t('loans.newDueDate', { date: date(renewable().newDueDate) }) }}</span>
      }
    } @else {
      <span class="refused"><strong class="not-renewable">{{ t(notYet() ? 'loans.notYetRenewable' : 'loans.notRenewable') }}</strong><span class="reason">{{ reason() }}</span></span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }
    .renew {
      min-height: 44px;
    }
    .new-due,
    .reason {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .refused {
      display: flex;
      flex-direction: column;
    }
    .not-renewable {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenewAction {
  readonly renewable = input.required<Renewable>();
  readonly title = input('');
  readonly busy = input(false);
  readonly renew = output<void>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  /** Renewing today would not move the due date (counted from today, on the day of the loan): later, not never. */
  protected readonly notYet = computed(() => this.renewable().code === 'RENEWAL_NO_GAIN');
  protected readonly reason = computed(() => {
    const code = this.renewable().code;
    const text = code && code in POLICY_MESSAGES ? POLICY_MESSAGES[code as Code] : null;
    return text ? this.i18n.pick(text) : '';
  });
}
