import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18n, MessageKey } from './i18n';

/**
 * A screen whose API does not exist yet: says so plainly and names the endpoints it waits
 * for. Routed with `data: { heading, endpoints }` (bound as inputs).
 */
@Component({
  selector: 'admin-not-available',
  imports: [MatIconModule],
  template: `
    @if (embedded()) {
      <h2 class="section-title">{{ t(heading()) }}</h2>
    } @else {
      <h1 class="page-title">{{ t(heading()) }}</h1>
    }
    <section class="na" role="status" aria-labelledby="na-title">
      <mat-icon aria-hidden="true">construction</mat-icon>
      <div>
        <p id="na-title" class="na-title">{{ t('na.title') }}</p>
        <p>{{ t('na.body') }}</p>
        @if (endpoints().length) {
          <p class="needed">{{ t('na.needed') }}</p>
          <ul>
            @for (e of endpoints(); track e) {
              <li><code>{{ e }}</code></li>
            }
          </ul>
        }
      </div>
    </section>
  `,
  styles: `
    .na {
      display: flex;
      gap: 1rem;
      padding: 1.25rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    .na-title {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
      font-weight: 700;
    }
    .needed {
      font-weight: 700;
      margin-bottom: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotAvailablePage {
  readonly heading = input<MessageKey>('na.title');
  readonly endpoints = input<readonly string[]>([]);
  /** Inside another page: a section heading instead of the page's h1. */
  readonly embedded = input(false);
  protected readonly t = inject(I18n).t;
}
