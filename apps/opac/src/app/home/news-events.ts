import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { NewsItem, NewsList } from '@shiori/contracts';
import { firstValueFrom } from 'rxjs';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';

/**
 * Library news and, where the city has it (features.eventsCalendar, as Koga), the events of
 * the coming months grouped by month. Nothing is shown when the library has published nothing.
 */
@Component({
  selector: 'opac-news-events',
  template: `
    @if (news().length || (calendar() && events().length)) {
      <div class="grid">
        @if (news().length) {
          <section aria-labelledby="news-heading">
            <h2 id="news-heading">{{ t('home.news') }}</h2>
            <ul class="news">
              @for (n of news(); track n.id) {
                <li>
                  <time [attr.datetime]="n.publishedAt">{{ day(n.publishedAt) }}</time>
                  <strong>{{ n.title }}</strong>
                  @if (n.body) {
                    <p>{{ n.body }}</p>
                  }
                </li>
              }
            </ul>
          </section>
        }
        @if (calendar() && events().length) {
          <section aria-labelledby="events-heading">
            <h2 id="events-heading">{{ t('home.events') }}</h2>
            @for (month of months(); track month.key) {
              <h3>{{ month.label }}</h3>
              <ul class="events">
                @for (e of month.items; track e.id) {
                  <li>
                    <time [attr.datetime]="e.eventDate">{{ eventDay(e.eventDate!) }}</time>
                    <span>{{ e.title }}</span>
                  </li>
                }
              </ul>
            }
          </section>
        }
      </div>
    }
  `,
  styles: `
    .grid { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); margin-top: 2.5rem; }
    h2 { font: var(--mat-sys-headline-small); font-weight: 700; margin: 0 0 0.5rem; }
    h3 { font: var(--mat-sys-title-medium); margin: 1rem 0 0.25rem; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.5rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    time { display: inline-block; min-width: 6.5rem; color: var(--mat-sys-on-surface-variant); }
    p { margin: 0.25rem 0 0; white-space: pre-line; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewsEvents {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  protected readonly t = this.i18n.t;
  protected readonly news = signal<NewsItem[]>([]);
  protected readonly events = signal<NewsItem[]>([]);
  protected readonly calendar = computed(() => !!this.library.info()?.policy?.features?.eventsCalendar);
  protected readonly months = computed(() => {
    const groups = new Map<string, NewsItem[]>();
    for (const e of this.events()) {
      const key = e.eventDate!.slice(0, 7);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    return [...groups.entries()].map(([key, items]) => ({ key, label: this.monthLabel(key), items }));
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const r = await firstValueFrom(this.api.get<NewsList>(this.api.tenantPath('/news')));
      this.news.set(r.news.slice(0, 5));
      this.events.set(r.events);
    } catch {
      // news are a nicety: without them the home page simply shows none
    }
  }

  protected day(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.lang() === 'en' ? 'en-GB' : 'ja-JP', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
  }

  protected eventDay(date: string): string {
    const d = new Date(`${date}T00:00:00+09:00`);
    return new Intl.DateTimeFormat(this.i18n.lang() === 'en' ? 'en-GB' : 'ja-JP', { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'Asia/Tokyo' }).format(d);
  }

  private monthLabel(key: string): string {
    const d = new Date(`${key}-01T00:00:00+09:00`);
    return new Intl.DateTimeFormat(this.i18n.lang() === 'en' ? 'en-GB' : 'ja-JP', { year: 'numeric', month: 'long', timeZone: 'Asia/Tokyo' }).format(d);
  }
}
