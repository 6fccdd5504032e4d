import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { I18n, MessageKey } from '../core/i18n';
import { LanguageToggle } from '../core/language-toggle';
import { Session } from '../core/session';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: string;
}

interface NavGroup {
  heading: MessageKey | null;
  items: NavItem[];
}

const PLATFORM_NAV: NavGroup[] = [
  {
    heading: null,
    items: [
      { path: '/tenants', label: 'nav.tenants', icon: 'domain' },
      { path: '/tenants/new', label: 'nav.newTenant', icon: 'add_business' },
      { path: '/admins', label: 'nav.admins', icon: 'admin_panel_settings' },
      { path: '/regions', label: 'nav.regions', icon: 'travel_explore' },
      { path: '/regions/courier', label: 'nav.courier', icon: 'local_shipping' },
      { path: '/health', label: 'nav.health', icon: 'monitor_heart' },
      { path: '/platform-audit', label: 'nav.platformAudit', icon: 'manage_search' },
      { path: '/agreements', label: 'nav.agreements', icon: 'handshake' },
    ],
  },
];

const LIBRARIAN_NAV: NavGroup[] = [
  { heading: null, items: [{ path: '/dashboard', label: 'nav.dashboard', icon: 'dashboard' }] },
  {
    heading: 'nav.group.desk',
    items: [
      { path: '/desk/checkout', label: 'nav.checkout', icon: 'output' },
      { path: '/desk/checkin', label: 'nav.checkin', icon: 'input' },
      { path: '/desk/transits', label: 'nav.transits', icon: 'local_shipping' },
      { path: '/desk/renewals', label: 'nav.renewals', icon: 'update' },
      { path: '/desk/holds', label: 'nav.placeHold', icon: 'bookmark_add' },
      { path: '/desk/hold-shelf', label: 'nav.holdShelf', icon: 'shelves' },
      { path: '/desk/pull-list', label: 'nav.pullList', icon: 'checklist' },
      { path: '/desk/bookmobile', label: 'nav.busToday', icon: 'directions_bus' },
      { path: '/desk/self-check', label: 'nav.selfCheck', icon: 'devices' },
    ],
  },
  {
    heading: 'nav.group.ill',
    items: [
      { path: '/ill/requests', label: 'nav.illRequests', icon: 'move_to_inbox' },
      { path: '/ill/incoming', label: 'nav.illIncoming', icon: 'outbox' },
      { path: '/ill/send-list', label: 'nav.illSendList', icon: 'local_shipping' },
    ],
  },
  {
    heading: 'nav.group.patrons',
    items: [
      { path: '/patrons', label: 'nav.patronSearch', icon: 'person_search' },
      { path: '/patrons/new', label: 'nav.patronNew', icon: 'person_add' },
      { path: '/regional-use', label: 'nav.cityAgreements', icon: 'handshake' },
    ],
  },
  {
    heading: 'nav.group.catalogue',
    items: [
      { path: '/catalog', label: 'nav.records', icon: 'menu_book' },
      { path: '/catalog/new', label: 'nav.recordNew', icon: 'library_add' },
      { path: '/catalog/imports', label: 'nav.imports', icon: 'upload_file' },
      { path: '/lists', label: 'nav.lists', icon: 'star' },
    ],
  },
  {
    heading: 'nav.group.rules',
    items: [
      { path: '/policy', label: 'nav.policy', icon: 'rule' },
      { path: '/policy/history', label: 'nav.policyHistory', icon: 'history' },
      { path: '/policy/explain', label: 'nav.explain', icon: 'quiz' },
      { path: '/branches', label: 'nav.branches', icon: 'location_on' },
      { path: '/calendar', label: 'nav.calendar', icon: 'calendar_month' },
      { path: '/bookmobile', label: 'nav.timetable', icon: 'departure_board' },
    ],
  },
  {
    heading: 'nav.group.notices',
    items: [
      { path: '/notices/templates', label: 'nav.templates', icon: 'mail' },
      { path: '/notices/outbox', label: 'nav.outbox', icon: 'outbox' },
    ],
  },
  {
    heading: 'nav.group.reports',
    items: [
      { path: '/statistics', label: 'nav.statistics', icon: 'bar_chart' },
      { path: '/audit', label: 'nav.audit', icon: 'manage_search' },
      { path: '/news', label: 'nav.news', icon: 'campaign' },
    ],
  },
];

/**
 * The signed-in frame: toolbar (menu, who is signed in, language, sign out), the side
 * navigation for the role, and the routed page. The navigation sits beside the page on
 * wide screens and slides over it on phones.
 */
@Component({
  selector: 'admin-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatIconModule,
    LanguageToggle,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly t = this.i18n.t;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  /** Only meaningful on narrow screens, where the navigation slides over the page. */
  protected readonly menuOpen = signal(false);
  protected readonly user = this.session.displayName;
  protected readonly tenantName = computed(() => this.session.tenant()?.name ?? '');
  protected readonly nav = computed<NavGroup[]>(() => (this.session.isPlatformAdmin() ? PLATFORM_NAV : LIBRARIAN_NAV));

  constructor() {
    // On phones the navigation closes after a choice; focus moves to the new page.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => {
        this.menuOpen.set(false);
        this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected logout(): void {
    this.session.logout().subscribe({ error: () => undefined }); // signed out here either way
  }

  /** `href="#main"` alone would leave the page: the base href is /admin/, not this URL. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
