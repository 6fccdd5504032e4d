import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { catchError, of } from 'rxjs';
import type { CityRegion } from '@shiori/contracts';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import { RegionText } from './region-i18n';

/**
 * On a city's OPAC: 「{region}の図書館をまとめて探す」, a link to the regional search of each
 * region the city belongs to (`GET /api/t/{slug}/regions`); nothing when it is in none.
 */
@Component({
  selector: 'opac-city-region-links',
  imports: [MatIconModule],
  template: `
    @if (links().length) {
      <nav class="region-links" [attr.aria-label]="rt('region.cityLinkHeading')">
        <ul>
          @for (r of links(); track r.code) {
            <li>
              <a [href]="r.href"><mat-icon aria-hidden="true">travel_explore</mat-icon>{{ rt('region.cityLink', { region: r.label }) }}</a>
            </li>
          }
        </ul>
      </nav>
    }
  `,
  styles: `
    .region-links ul {
      list-style: none;
      margin: 0.75rem 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
    }
    .region-links a {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: 24px;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CityRegionLinks {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly rt = inject(RegionText).t;

  private readonly regions = toSignal(
    this.api.tenant ? this.api.get<CityRegion[]>(this.api.tenantPath('/regions')).pipe(catchError(() => of([] as CityRegion[]))) : of([] as CityRegion[]),
    { initialValue: [] as CityRegion[] },
  );

  /** Each region's page, under the same path prefix as the API (`/shiori/api` → `/shiori/opac/r/…`). */
  protected readonly links = computed(() => {
    const prefix = this.api.base.replace(/\/api$/, '');
    // ?from= names this city, so the regional search offers its 取り寄せ申込 for works it lacks
    const from = this.api.tenant ? `?from=${encodeURIComponent(this.api.tenant)}` : '';
    return this.regions().map((r) => ({ code: r.code, href: `${prefix}${r.opacPath}${from}`, label: (this.i18n.lang() === 'en' && r.nameEn) || r.name }));
  });
}
