import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { MyPageItem } from '@shiori/policy';
import { I18n } from '../core/i18n';
import { IllRequestsSection } from './ill-requests';
import { Library } from '../core/library';
import { LibraryMessage, Session } from '../core/session';

/**
 * The My page summary, showing what the city lists (policy.display.myPage): card number,
 * last login, counts of loans / holds / new-arrival notices, last use, card expiry and the
 * library's messages; plus what needs attention (overdue, ready holds, an expired card).
 */
@Component({
  selector: 'opac-summary-page',
  imports: [RouterLink, MatIconModule, IllRequestsSection],
  template: `
    @if (me(); as m) {
      <h2 class="heading">{{ t('summary.hello', { name: m.name }) }}</h2>
      @if (passwordChanged()) {
        <p class="done" role="status">{{ t('password.changed') }}</p>
      }
      @if (m.cardExpired) {
        <p class="warn" role="alert"><mat-icon aria-hidden="true">warning</mat-icon>{{ t('summary.cardExpired') }}</p>
      }
      @if (m.counts.overdue) {
        <p class="warn"><mat-icon aria-hidden="true">warning</mat-icon><a routerLink="/my/loans">{{ t('summary.overdue', { count: m.counts.overdue }) }}</a></p>
      }
      @if (m.counts.readyHolds) {
        <p class="good"><mat-icon aria-hidden="true">check_circle</mat-icon><a routerLink="/my/holds">{{ t('summary.ready', { count: m.counts.readyHolds }) }}</a></p>
      }
      <dl class="facts">
        @for (item of items(); track item) {
          @switch (item) {
            @case ('cardNumber') {
              <div><dt>{{ t('summary.cardNumber') }}</dt><dd class="card-number">{{ m.cardNumber }}</dd></div>
            }
            @case ('lastLogin') {
              <div><dt>{{ t('summary.lastLogin') }}</dt><dd>{{ m.lastLoginAt ? date(m.lastLoginAt, { time: true }) : t('summary.none') }}</dd></div>
            }
            @case ('loanCount') {
              <div><dt>{{ t('summary.loans') }}</dt><dd><a routerLink="/my/loans">{{ t('summary.count', { count: m.counts.loans }) }}</a></dd></div>
            }
            @case ('holdCount') {
              <div><dt>{{ t('summary.holds') }}</dt><dd><a routerLink="/my/holds">{{ t('summary.count', { count: m.counts.holds }) }}</a></dd></div>
            }
            @case ('newArrivalCount') {
              <div><dt>{{ t('summary.alerts') }}</dt><dd>{{ t('summary.count', { count: m.counts.alerts }) }}</dd></div>
            }
            @case ('lastUse') {
              <div><dt>{{ t('summary.lastUse') }}</dt><dd>{{ m.lastUseAt ? date(m.lastUseAt) : t('summary.none') }}</dd></div>
            }
            @case ('cardExpiry') {
              <div><dt>{{ t('summary.cardExpiry') }}</dt><dd>{{ m.cardExpiresAt ? date(m.cardExpiresAt) : t('summary.noExpiry') }}</dd></div>
            }
          }
        }
      </dl>
      @if (items().includes('messages')) {
        <section aria-labelledby="messages-heading">
          <h3 id="messages-heading">{{ t('summary.messages') }}</h3>
          @if (m.messages.length) {
            <ul class="messages">
              @for (msg of m.messages; track $index) {
                <li>{{ messageText(msg) }}</li>
              }
            </ul>
          } @else {
            <p>{{ t('summary.noMessages') }}</p>
          }
        </section>
      }
      <opac-ill-requests />
    }
  `,
  styles: `
    .heading {
      font: var(--mat-sys-headline-small);
      margin: 0 0 1rem;
    }
    .facts {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
      margin: 0 0 1.5rem;
    }
    .facts div {
      padding: 0.75rem 1rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font: var(--mat-sys-title-medium);
      font-weight: 700;
    }
    .card-number {
      font-variant-numeric: tabular-nums;
      letter-spacing: 0.05em;
    }
    .warn,
    .good,
    .done {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      padding: 0.75rem 1rem;
      border-radius: 8px;
    }
    .warn {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .good,
    .done {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .warn a,
    .good a {
      color: inherit;
      font-weight: 700;
    }
    h3 {
      font: var(--mat-sys-title-large);
      margin: 0 0 0.5rem;
    }
    .messages li {
      margin-bottom: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SummaryPage implements OnInit {
  /** `?passwordChanged=1` after the forced change */
  readonly passwordChanged = input<string | undefined>();
  private readonly session = inject(Session);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly me = this.session.me;
  protected readonly items = computed<readonly MyPageItem[]>(() => this.library.policy()?.display.myPage ?? ['cardNumber', 'loanCount', 'holdCount', 'messages']);

  ngOnInit(): void {
    void this.session.refresh(); // counts change with every loan and hold
  }

  protected messageText(m: LibraryMessage): string {
    if (typeof m === 'string') return m;
    const text = this.i18n.lang() === 'en' ? (m.en ?? m.ja) : (m.ja ?? m.en);
    return [m.date ? this.date(m.date) : '', text ?? m.text ?? ''].filter(Boolean).join('　');
  }
}
