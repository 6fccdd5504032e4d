import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { SearchBox } from '../catalog/search-box';
import { BranchItem, BranchList } from './branch-list';
import { PublicLists } from './public-lists';
import { NewsEvents } from './news-events';
import { Kiosk } from '../core/kiosk';
import { OpeningDays } from '../libraries/opening-days';
import { CityRegionLinks } from '../region/city-region-links';

/**
 * The OPAC's front page: the big search box, the public lists (new arrivals, best loans, best
 * holds, recommended), library news and the events calendar (features.eventsCalendar) and the
 * city's libraries (館一覧) with whether each is open today (開館カレンダー).
 */
@Component({
  selector: 'opac-home-page',
  imports: [SearchBox, CityRegionLinks, BranchList, PublicLists, NewsEvents, RouterLink, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly router = inject(Router);

  protected readonly t = this.i18n.t;
  /** After the kiosk signed someone out for inactivity. */
  protected readonly autoSignedOut = inject(Kiosk).signedOutAutomatically;
  protected readonly loading = this.library.loading;
  protected readonly libraryName = this.library.name;
  protected readonly errorText = computed(() => {
    const e = this.library.error();
    return e ? this.i18n.pick(e.localized) : '';
  });
  /** Branch code → open today; empty until the calendar answers, and if it fails (no status then). */
  private readonly openToday = signal<ReadonlyMap<string, boolean>>(new Map());
  protected readonly branches = computed<BranchItem[] | null>(() => {
    const info = this.library.info();
    if (!info) return null;
    const en = this.i18n.lang() === 'en';
    const openToday = this.openToday();
    return info.branches.map((b) => ({
      code: b.code,
      name: (en && b.nameEn) || b.name,
      isBookmobile: b.isBookmobile,
      pickupPoints: info.pickupPoints.filter((p) => p.branchCode === b.code).length,
      openToday: openToday.get(b.code) ?? null,
    }));
  });

  constructor() {
    inject(OpeningDays)
      .openToday()
      .subscribe((open) => this.openToday.set(open));
  }

  protected search(q: string): void {
    void this.router.navigate(['/search'], { queryParams: { q } });
  }

  protected retry(): void {
    this.library.load(true);
  }
}
