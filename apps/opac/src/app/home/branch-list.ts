import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18n } from '../core/i18n';

/** A branch as the list shows it: name already in the reader's language. */
export interface BranchItem {
  code: string;
  name: string;
  isBookmobile: boolean;
  pickupPoints: number;
  /** 本日開館 / 本日休館 from the opening calendar; null when it is not known (no status shown) */
  openToday?: boolean | null;
}

/** 館一覧: the city's libraries and bookmobiles as cards, each linking to its page in 館の案内. */
@Component({
  selector: 'opac-branch-list',
  imports: [MatIconModule, RouterLink],
  template: `
    <ul class="branches">
      @for (b of branches(); track b.code) {
        <li class="branch">
          <mat-icon class="icon" aria-hidden="true">{{ b.isBookmobile ? 'local_shipping' : 'local_library' }}</mat-icon>
          <div>
            <p class="name"><a routerLink="/libraries" [queryParams]="{ branch: b.code }">{{ b.name }}</a></p>
            @if (b.openToday === true || b.openToday === false) {
              <p class="today" [class.open]="b.openToday" [class.closed]="!b.openToday">
                <mat-icon aria-hidden="true">{{ b.openToday ? 'check_circle' : 'block' }}</mat-icon>
                {{ t(b.openToday ? 'libraries.openToday' : 'libraries.closedToday') }}
              </p>
            }
            @if (b.isBookmobile) {
              <p class="meta">{{ t('home.bookmobile') }}</p>
            }
            @if (b.pickupPoints > 0) {
              <p class="meta">{{ t('home.pickupPoints', { count: b.pickupPoints }) }}</p>
            }
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    .branches {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    }
    .branch {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      padding: 1rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .icon {
      color: var(--mat-sys-primary);
      flex: none;
    }
    p {
      margin: 0;
    }
    .name {
      font-weight: 700;
      a {
        color: inherit;
      }
    }
    .today {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      margin: 0.25rem 0;
      padding: 0 0.5rem 0 0.25rem;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      mat-icon {
        font-size: 1.125rem;
        width: 1.125rem;
        height: 1.125rem;
      }
    }
    .today.open {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .today.closed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .meta {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BranchList {
  readonly branches = input.required<readonly BranchItem[]>();
  protected readonly t = inject(I18n).t;
}
