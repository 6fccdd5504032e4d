import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../core/i18n';

/** A branch as the list shows it: name already in the reader's language. */
export interface BranchItem {
  code: string;
  name: string;
  isBookmobile: boolean;
  pickupPoints: number;
}

/** 館一覧: the city's libraries and bookmobiles as cards. */
@Component({
  selector: 'opac-branch-list',
  imports: [MatIconModule],
  template: `
    <ul class="branches">
      @for (b of branches(); track b.code) {
        <li class="branch">
          <mat-icon class="icon">{{ b.isBookmobile ? 'local_shipping' : 'local_library' }}</mat-icon>
          <div>
            <p class="name">{{ b.name }}</p>
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
