import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { Api, ApiError, tenantPath } from '../core/api';
import type { LibraryInfo } from '@shiori/contracts';
import { I18n, MessageKey } from '../core/i18n';
import { Session } from '../core/session';

/** A librarian's start page: the city's library, its service points, the way to its OPAC. */
@Component({
  selector: 'admin-dashboard-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);

  protected readonly t = this.i18n.t;
  protected readonly info = signal<LibraryInfo | null>(null);
  protected readonly loading = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });
  /** Before /info answers, the name from the login response. */
  protected readonly cityName = computed(() => this.info()?.name ?? this.session.tenant()?.name ?? '');
  protected readonly opacUrl = computed(() => {
    const slug = this.session.tenant()?.slug;
    return slug ? `${this.api.prefix}/opac/${encodeURIComponent(slug)}/` : null;
  });
  protected readonly branches = computed(() => {
    const info = this.info();
    const en = this.i18n.lang() === 'en';
    return (info?.branches ?? []).map((b) => ({ code: b.code, name: (en && b.nameEn) || b.name, isBookmobile: b.isBookmobile }));
  });
  protected readonly pickupPointCount = computed(() => this.info()?.pickupPoints.length ?? 0);
  /** Today's work at a glance; a figure the API cannot give stays empty. */
  protected readonly shelf = signal<{ ready: number; expired: number } | null>(null);
  protected readonly pull = signal<number | null>(null);
  protected readonly failedMail = signal<number | null>(null);
  protected readonly quickLinks: { path: string; label: MessageKey; icon: string }[] = [
    { path: '/desk/checkout', label: 'nav.checkout', icon: 'output' },
    { path: '/desk/checkin', label: 'nav.checkin', icon: 'input' },
    { path: '/patrons', label: 'nav.patronSearch', icon: 'person_search' },
    { path: '/catalog', label: 'nav.records', icon: 'menu_book' },
  ];

  constructor() {
    this.load();
  }

  protected load(): void {
    const slug = this.session.tenant()?.slug;
    if (!slug) return;
    this.loadFigures(slug);
    this.loading.set(true);
    this.error.set(null);
    this.api.get<LibraryInfo>(tenantPath(slug, '/info')).subscribe({
      next: (info) => {
        this.info.set(info);
        this.loading.set(false);
      },
      error: (e: ApiError) => {
        this.error.set(e);
        this.loading.set(false);
      },
    });
  }

  private loadFigures(slug: string): void {
    this.api
      .get<{ expired: boolean }[]>(tenantPath(slug, '/desk/hold-shelf'))
      .pipe(
        map((list) => ({ ready: list.length, expired: list.filter((e) => e.expired).length })),
        catchError(() => of(null)),
      )
      .subscribe((v) => this.shelf.set(v));
    this.api
      .get<unknown[]>(tenantPath(slug, '/desk/pull-list'))
      .pipe(
        map((list) => list.length),
        catchError(() => of(null)),
      )
      .subscribe((v) => this.pull.set(v));
    this.api
      .get<{ total: number }>(tenantPath(slug, '/admin/notices/outbox'), { status: 'failed', size: 1 })
      .pipe(
        map((r) => r.total),
        catchError(() => of(null)),
      )
      .subscribe((v) => this.failedMail.set(v));
  }
}
