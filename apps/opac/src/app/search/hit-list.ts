import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n, MessageKey } from '../core/i18n';
import { authorsText, Availability, Hit } from './catalogue';

const AVAILABILITY_KEYS: Record<string, MessageKey> = {
  available: 'availability.available',
  'on-loan': 'availability.on-loan',
  'reference-only': 'availability.reference-only',
  unavailable: 'availability.unavailable',
};

/** 貸出可 / 貸出中 / 館内のみ / 所蔵なし, with the copy counts. Colour is never the only cue. */
@Component({
  selector: 'opac-availability',
  template: `@if (label()) {
    <span class="badge" [class]="'badge ' + status()">{{ label() }}</span>
  }`,
  styles: `
    .badge {
      display: inline-block;
      padding: 0 0.5rem;
      border-radius: 4px;
      font: var(--mat-sys-label-large);
      border: 1px solid currentColor;
      white-space: nowrap;
    }
    .available {
      color: #0b6b2f;
      background: #e8f5ec;
    }
    .on-loan {
      color: #8a4b00;
      background: #fff4e5;
    }
    .reference-only,
    .unavailable {
      color: #4a4a4a;
      background: #f1f1f1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvailabilityBadge {
  readonly availability = input<Availability | undefined>();
  private readonly i18n = inject(I18n);
  protected readonly status = computed(() => this.availability()?.status ?? '');
  protected readonly label = computed(() => {
    const a = this.availability();
    const key = a && AVAILABILITY_KEYS[a.status];
    if (!key) return '';
    const text = this.i18n.t(key);
    return a.total > 0 ? `${text} ${this.i18n.t('availability.counts', { available: a.available, total: a.total })}` : text;
  });
}

/** Records as a list (phone and PC) or as a grid of cards; each title links to its page. */
@Component({
  selector: 'opac-hit-list',
  imports: [RouterLink, AvailabilityBadge],
  template: `
    <ol class="hits" [class.grid]="view() === 'grid'" [attr.start]="start()">
      @for (hit of hits(); track hit.id) {
        <li class="hit">
          @if (hit.rank) {
            <span class="rank" [attr.aria-label]="t('lists.rank', { rank: hit.rank })">{{ hit.rank }}</span>
          }
          <div class="body">
            <a class="title" [routerLink]="['/records', hit.id]">
              {{ hit.title }}@if (hit.volume) {
                <span class="volume"> {{ hit.volume }}</span>
              }
            </a>
            @if (hit.subtitle) {
              <div class="subtitle">{{ hit.subtitle }}</div>
            }
            <div class="meta">
              @if (authors(hit); as a) {
                <span>{{ a }}</span>
              }
              @if (hit.publisher) {
                <span>{{ hit.publisher }}</span>
              }
              @if (hit.year) {
                <span>{{ hit.year }}</span>
              }
            </div>
            <opac-availability [availability]="hit.availability" />
          </div>
        </li>
      }
    </ol>
  `,
  styles: `
    .hits {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .hit {
      display: flex;
      gap: 0.75rem;
      padding: 0.75rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .grid {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    }
    .grid .hit {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 0.75rem;
      background: var(--mat-sys-surface-container-low);
    }
    .title {
      font: var(--mat-sys-title-medium);
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .subtitle,
    .meta {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .meta span + span::before {
      content: ' / ';
    }
    .rank {
      flex: none;
      display: grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HitList {
  readonly hits = input.required<readonly Hit[]>();
  readonly view = input<'list' | 'grid'>('list');
  /** Number of the first hit (pagination), for the ordered list. */
  readonly start = input(1);
  protected readonly t = inject(I18n).t;
  protected readonly authors = (hit: Hit) => authorsText(hit.authors);
}
