import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { I18n, MessageKey } from '../core/i18n';
import { Kiosk } from '../core/kiosk';
import { Library } from '../core/library';
import { Session } from '../core/session';

interface NavItem {
  link: string;
  label: MessageKey;
  icon: string;
  badge?: number;
}

/**
 * My page (マイページ): the menu of what the city offers (usage tabs in the city's order,
 * then the personal tools that are switched on) beside the chosen page.
 */
@Component({
  selector: 'opac-my-page',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatIconModule],
  template: `
    <div class="my">
      <nav class="menu" [attr.aria-label]="t('nav.myMenu')">
        <h1 class="heading">{{ t('nav.my') }}</h1>
        <ul>
          @for (item of items(); track item.link) {
            <li>
              <a [routerLink]="item.link" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">
                <mat-icon aria-hidden="true">{{ item.icon }}</mat-icon>
                <span>{{ t(item.label) }}</span>
                @if (item.badge) {
                  <span class="badge">{{ item.badge }}</span>
                }
              </a>
            </li>
          }
        </ul>
      </nav>
      <div class="content">
        <router-outlet />
      </div>
    </div>
  `,
  styles: `
    .my {
      display: grid;
      gap: 1.5rem;
      @media (min-width: 900px) {
        grid-template-columns: 15rem 1fr;
      }
    }
    .heading {
      font: var(--mat-sys-headline-small);
      font-weight: 700;
      margin: 0 0 0.75rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      @media (min-width: 900px) {
        flex-direction: column;
      }
    }
    a {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 44px;
      padding: 0 0.75rem;
      border-radius: 22px;
      text-decoration: none;
      color: var(--mat-sys-on-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      @media (min-width: 900px) {
        border-color: transparent;
      }
    }
    a:hover {
      background: var(--mat-sys-surface-container-high);
    }
    a.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-weight: 700;
    }
    .badge {
      margin-inline-start: auto;
      min-width: 1.5rem;
      padding: 0 0.4rem;
      border-radius: 0.75rem;
      text-align: center;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-large);
    }
    .content {
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPage {
  private readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly kiosk = inject(Kiosk);
  protected readonly t = inject(I18n).t;

  protected readonly items = computed<NavItem[]>(() => {
    const p = this.library.policy();
    const counts = this.session.me()?.counts;
    const items: NavItem[] = [{ link: '/my', label: 'nav.summary', icon: 'person' }];
    if (!p) return items;
    const usage: Record<string, NavItem> = {
      loans: { link: '/my/loans', label: 'nav.loans', icon: 'menu_book', badge: counts?.loans },
      holds: { link: '/my/holds', label: 'nav.holds', icon: 'bookmark', badge: counts?.holds },
      'cancelled-holds': { link: '/my/cancelled-holds', label: 'nav.cancelledHolds', icon: 'bookmark_remove' },
      cart: { link: '/cart', label: 'nav.cart', icon: 'shopping_basket', badge: counts?.cart },
    };
    for (const tab of p.display.usageTabs) if (usage[tab]) items.push(usage[tab]);
    for (const tab of ['loans', 'holds']) if (!p.display.usageTabs.includes(tab as 'loans')) items.push(usage[tab]);
    const f = p.features;
    const personal = this.kiosk.personalFeatures();
    if (f.bookshelves && personal) items.push({ link: '/my/shelves', label: 'nav.shelves', icon: 'shelves' });
    if (f.readingHistory && personal) items.push({ link: '/my/history', label: 'nav.history', icon: 'history' });
    if (f.readingMarathon && personal) items.push({ link: '/my/marathon', label: 'nav.marathon', icon: 'directions_run' });
    if (f.alerts && personal) items.push({ link: '/my/alerts', label: 'nav.alerts', icon: 'notifications', badge: counts?.alerts });
    if (f.digitalCard && !this.kiosk.active()) items.push({ link: '/card', label: 'nav.card', icon: 'qr_code_2' });
    items.push({ link: '/my/settings', label: 'nav.settings', icon: 'settings' });
    return items;
  });
}
