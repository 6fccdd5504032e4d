import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n, MESSAGES, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { ALERT_LIMITS } from '@shiori/contracts';
import type { AlertQuery, AlertView } from '@shiori/contracts';
import { SearchQuery, searchQueryOf } from '../catalog/catalog';
import { ndcLabel } from '@shiori/web-core';
import { ReadingApi } from './reading-api';

const FIELDS = ['q', 'title', 'author', 'publisher', 'ndc'] as const;
type Field = (typeof FIELDS)[number];

/** New-arrival alerts (新着お知らせ): saved searches mailed when new matching records arrive. */
@Component({
  selector: 'opac-alerts-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <h2 class="heading">{{ t('nav.alerts') }}</h2>
    <p>{{ t('alerts.intro') }}</p>
    @if (!session.me()?.email) {
      <p class="info">{{ t('alerts.needEmail') }} <a routerLink="/my/settings">{{ t('nav.settings') }}</a></p>
    }
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    @if (alerts(); as list) {
      @if (list.length) {
        <ul class="entries">
          @for (a of list; track a.id) {
            <li>
              <div class="entry-main">
                <span class="entry-title">{{ a.name }}</span>
                <span class="meta">{{ describe(a) }}</span>
                @if (!a.active) {
                  <span class="meta">{{ t('alerts.inactive') }}</span>
                }
              </div>
              <div class="row-actions">
                <a mat-button [routerLink]="['/search']" [queryParams]="runQuery(a)">{{ t('alerts.run') }}</a>
                <button mat-button type="button" (click)="remove(a)" [attr.aria-label]="t('alerts.deleteOne', { name: a.name })"><mat-icon>delete</mat-icon>{{ t('shelves.delete') }}</button>
              </div>
            </li>
          }
        </ul>
      } @else {
        <p class="empty">{{ t('alerts.none') }}</p>
      }
    }
    <h3>{{ t('alerts.new') }}</h3>
    <form (submit)="create($event)" novalidate>
      <mat-form-field appearance="outline" class="field">
        <mat-label>{{ t('alerts.name') }}</mat-label>
        <input matInput name="name" [attr.maxlength]="nameMax" [value]="name()" (input)="name.set($any($event.target).value)" />
      </mat-form-field>
      @for (f of fields; track f) {
        <mat-form-field appearance="outline" class="field">
          <mat-label>{{ t(f === 'q' ? 'search.label' : $any('search.field.' + f)) }}</mat-label>
          <input matInput [name]="f" [value]="query()[f]" (input)="setQuery(f, $any($event.target).value)" />
        </mat-form-field>
      }
      <button mat-flat-button type="submit">{{ t('alerts.save') }}</button>
    </form>
  `,
  styleUrl: './reading.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsPage implements OnInit {
  private readonly reading = inject(ReadingApi);
  protected readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  protected readonly t = this.i18n.t;
  protected readonly fields = FIELDS;
  /** The longest name the API takes. */
  protected readonly nameMax = ALERT_LIMITS.name;
  protected readonly alerts = signal<AlertView[] | null>(null);
  protected readonly name = signal('');
  protected readonly query = signal<Record<Field, string>>({ q: '', title: '', author: '', publisher: '', ndc: '' });
  protected readonly error = signal('');

  async ngOnInit(): Promise<void> {
    await this.guard(async () => this.alerts.set(await firstValueFrom(this.reading.alerts())));
  }

  protected setQuery(f: Field, v: string): void {
    this.query.update((q) => ({ ...q, [f]: v }));
  }

  /** 「今すぐ検索」: the saved search as the search page's URL, filters included. */
  protected runQuery(a: AlertView): SearchQuery {
    return searchQueryOf(a.query);
  }

  /** The saved conditions as a patron reads them: field names and value names, never codes where a name exists. */
  protected describe(a: AlertView): string {
    const q: AlertQuery = a.query;
    const parts: string[] = [];
    const field = (k: string) => this.t((k === 'q' ? 'search.label' : 'search.field.' + k) as MessageKey);
    for (const k of ['q', 'title', 'author', 'publisher', 'isbn'] as const) if (q[k]) parts.push(`${field(k)}: ${q[k]}`);
    const list = (v: string[] | string | undefined) => (Array.isArray(v) ? v : (v ?? '').split(',')).filter(Boolean);
    const facets: [keyof AlertQuery, keyof AlertQuery, MessageKey, (v: string) => string][] = [
      ['materialType', 'notMaterialType', 'facet.materialType', (v) => this.named('material.' + v, v)],
      ['branch', 'notBranch', 'facet.branch', (v) => this.library.branchName(v) || v],
      ['availability', 'notAvailability', 'facet.availability', (v) => this.named('availability.' + v, v)],
      ['ndc', 'notNdc', 'search.field.ndc', (v) => ndcLabel(v, this.i18n.lang() === 'en' ? 'en' : 'ja')],
      ['authorName', 'notAuthorName', 'facet.author', (v) => v],
    ];
    for (const [chosen, left, label, name] of facets) {
      const yes = list(q[chosen] as string[] | string | undefined);
      if (yes.length) parts.push(`${this.t(label)}: ${yes.map(name).join('・')}`);
      const no = list(q[left] as string[] | undefined);
      if (no.length) parts.push(`${this.t(label)}: ${this.t('facet.excluded', { names: no.map(name).join('・') })}`);
    }
    if (q.yearFrom !== undefined || q.yearTo !== undefined) parts.push(`${this.t('facet.year')}: ${q.yearFrom ?? ''}–${q.yearTo ?? ''}`);
    if (q.available !== undefined) parts.push(this.t(q.available ? 'facet.availableOnly' : 'facet.notAvailable'));
    if (q.reservable !== undefined) parts.push(this.t(q.reservable ? 'facet.reservableChip' : 'facet.notReservableChip'));
    return parts.join(' / ');
  }

  private named(key: string, fallback: string): string {
    return key in MESSAGES.ja ? this.t(key as MessageKey) : fallback;
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    const q: AlertQuery = {};
    for (const f of FIELDS) if (this.query()[f].trim()) q[f] = this.query()[f].trim();
    if (!this.name().trim() || !Object.keys(q).length) return this.error.set(this.t('alerts.required'));
    await this.guard(async () => {
      const a = await firstValueFrom(this.reading.createAlert(this.name().trim(), q));
      this.alerts.update((l) => [...(l ?? []), a]);
      this.name.set('');
      this.query.set({ q: '', title: '', author: '', publisher: '', ndc: '' });
      void this.session.refresh();
    });
  }

  protected async remove(a: AlertView): Promise<void> {
    await this.guard(async () => {
      await firstValueFrom(this.reading.deleteAlert(a.id));
      this.alerts.update((l) => (l ?? []).filter((x) => x.id !== a.id));
      void this.session.refresh();
    });
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    this.error.set('');
    try {
      await fn();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
