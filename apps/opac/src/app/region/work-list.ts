import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Params, RouterLink } from '@angular/router';
import { I18n, MessageKey } from '../core/i18n';
import type { CityHolding, RegionWork } from '@shiori/contracts';
import { RegionText } from './region-i18n';

/**
 * The grouped works of a regional search: per work, its bibliographic line and a table of
 * the libraries holding it (copies, availability, and the link to that library's record
 * page, where a patron places a hold).
 */
@Component({
  selector: 'opac-region-work-list',
  imports: [MatIconModule, RouterLink],
  template: `
    <ol class="works" [attr.start]="start()">
      @for (w of works(); track w.key) {
        <li class="work">
          <h3 class="work-title">{{ w.title }}@if (w.volume) { <span class="volume">{{ w.volume }}</span>}</h3>
          <p class="meta">
            @if (w.authors.length) {
              @if (authorLink(); as link) {
                <span
                  >{{ rt('region.authorPrefix') }}@for (a of w.authors; track $index) {@if (!$first) {、}<a class="author-link" [routerLink]="['/']" [queryParams]="link(a.name)" [attr.aria-label]="rt('region.authorSearch', { name: a.name })">{{ a.name }}</a>}</span
                >
              } @else {
                <span>{{ rt('region.byAuthor', { authors: authors(w) }) }}</span>
              }
            }
            @if (w.publisher) {
              <span>{{ w.publisher }}</span>
            }
            @if (w.year) {
              <span>{{ w.year }}</span>
            }
            <span>{{ material(w.materialType) }}</span>
            @if (w.isbn) {
              <span>ISBN {{ w.isbn }}</span>
            }
          </p>
          <p class="work-status" [class]="'status-' + w.status">
            <mat-icon aria-hidden="true">{{ w.status === 'available' ? 'check_circle' : 'schedule' }}</mat-icon>
            {{ rt(w.status === 'available' ? 'region.workAvailable' : w.status === 'on-loan' ? 'region.workOnLoan' : 'region.workUnavailable') }}
          </p>
          <table class="holdings">
            <caption class="visually-hidden">{{ rt('region.holdings') }}：{{ w.title }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ rt('region.city') }}</th>
                <th scope="col">{{ rt('region.copies') }}</th>
                <th scope="col">{{ rt('region.status') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (h of w.holdings; track h.city) {
                <tr>
                  <th scope="row">
                    <a class="record-link" [href]="h.recordUrl" [attr.aria-label]="rt('region.openRecord', { city: h.cityName })">{{ h.cityName }}</a>
                  </th>
                  <td>{{ rt('region.copiesCount', { copies: h.copies }) }}</td>
                  <td [class]="'status-' + h.status">
                    {{ holdingStatus(h) }}
                    @if (askUrl(w, h); as url) {
                      <a class="ask-link" [href]="url" data-ask>{{ askText() }}</a>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </li>
      }
    </ol>
  `,
  styles: `
    .works {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .work {
      padding: 1rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .work-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 0.25rem;
    }
    .volume {
      margin-inline-start: 0.5rem;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0 0 0.25rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .work-status {
      display: flex;
      align-items: center;
      gap: 0.25rem;
      margin: 0.25rem 0 0.5rem;
      font-weight: 700;
    }
    .status-available {
      color: #1b5e20;
    }
    .status-on-loan {
      color: #8a4b00;
    }
    .holdings {
      border-collapse: collapse;
      min-width: min(100%, 28rem);
    }
    .holdings th,
    .holdings td {
      text-align: start;
      padding: 0.375rem 0.75rem 0.375rem 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .ask-link {
      display: block;
      min-height: 24px;
    }
    .author-link {
      display: inline-block;
      min-height: 24px;
    }
    .record-link {
      display: inline-block;
      min-height: 24px;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkList {
  readonly works = input.required<RegionWork[]>();
  readonly start = input(1);
  /**
   * The reader's own city, when they came from its OPAC (`?from=`): each holding of a work that
   * city lacks links to its 取り寄せ申込 page (the city's page says whether its patrons may ask).
   */
  readonly homeCity = input<{ slug: string; name: string } | null>(null);
  /** The search page's link for an author's works (a filter of the regional search); none: the names as text. */
  readonly authorLink = input<((name: string) => Params) | null>(null);

  private readonly i18n = inject(I18n);
  protected readonly rt = inject(RegionText).t;

  protected authors(w: RegionWork): string {
    return w.authors.map((a) => a.name).join('、');
  }

  protected material(code: string): string {
    const key = `material.${code}` as MessageKey;
    const text = this.i18n.t(key);
    return text === undefined ? code : text;
  }

  protected askText(): string {
    return this.i18n.t('ill.ask.link', { city: this.homeCity()?.name ?? '' });
  }

  /** `/opac/{home}/ill/ask?city=…&record=…` beside the holding's record page; none where the home city holds the work. */
  protected askUrl(w: RegionWork, h: CityHolding): string | null {
    const home = this.homeCity();
    if (!home || w.holdings.some((x) => x.city === home.slug)) return null;
    const m = /^(.*)\/opac\/[^/]+\/records\/([^/?#]+)$/.exec(h.recordUrl);
    if (!m) return null;
    return `${m[1]}/opac/${encodeURIComponent(home.slug)}/ill/ask?city=${encodeURIComponent(h.city)}&record=${m[2]}`;
  }

  protected holdingStatus(h: CityHolding): string {
    if (h.available > 0) return this.i18n.t('availability.available') + this.i18n.t('availability.counts', { available: h.available, total: h.copies });
    if (h.onLoan > 0) return this.rt('region.allOnLoan');
    const key = `availability.${h.status}` as MessageKey;
    return this.i18n.t(key) ?? h.status;
  }
}
