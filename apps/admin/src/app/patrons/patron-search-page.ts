import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, untracked, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { StaffPatronView } from '@shiori/contracts';
import { PatronsApi } from './patrons-api';

/** Finding a patron by card number (as typed), name or katakana reading; the query lives in the URL. */
@Component({
  selector: 'admin-patron-search-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, LoadState],
  template: `
    <div class="page-heading">
      <h1>{{ t('patrons.title') }}</h1>
      <a mat-flat-button routerLink="/patrons/new"><mat-icon>person_add</mat-icon>{{ t('patrons.new') }}</a>
    </div>
    <form role="search" (submit)="$event.preventDefault(); search()" class="actions">
      <mat-form-field appearance="outline" class="query">
        <mat-label>{{ t('patrons.query') }}</mat-label>
        <input #queryInput matInput [formControl]="query" name="q" type="search" autocomplete="off" />
        <mat-hint>{{ t('patrons.queryHint') }}</mat-hint>
      </mat-form-field>
      <button mat-flat-button type="submit"><mat-icon>search</mat-icon>{{ t('common.search') }}</button>
    </form>
    <admin-load-state [loading]="results.loading()" [error]="results.error()" (retry)="run(q() ?? '')" />
    @if (results.value(); as list) {
      <p class="muted" role="status">{{ t('patrons.count', { count: list.length }) }}</p>
      @if (list.length) {
        <div class="table-scroll" role="region" [attr.aria-label]="t('patrons.caption')" tabindex="0">
          <table class="plain">
            <caption class="visually-hidden">{{ t('patrons.caption') }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ t('patron.cardNumber') }}</th>
                <th scope="col">{{ t('patron.name') }}</th>
                <th scope="col">{{ t('patron.category') }}</th>
                <th scope="col">{{ t('patron.expiresAt') }}</th>
                <th scope="col">{{ t('patron.status') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of rows(); track p.id) {
                <tr>
                  <td><a [routerLink]="['/patrons', p.id]"><code>{{ p.cardNumber }}</code></a></td>
                  <td>{{ p.name }}<br /><span class="muted">{{ p.nameKana }}</span></td>
                  <td>{{ p.category }}</td>
                  <td>
                    {{ p.expires }}
                    @if (p.expired) {
                      <span class="tag bad">{{ t('patron.expired') }}</span>
                    }
                  </td>
                  <td>
                    <span class="tag" [class.bad]="p.status === 'blocked'">{{ t(p.status === 'blocked' ? 'patron.blocked' : 'patron.active') }}</span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p>{{ t('patrons.empty') }}</p>
      }
    }
  `,
  styles: `
    .query {
      flex: 1 1 20rem;
      max-width: 36rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatronSearchPage {
  /** `?q=` */
  readonly q = input<string>();
  private readonly patrons = inject(PatronsApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly queryInput = viewChild<ElementRef<HTMLInputElement>>('queryInput');
  protected readonly t = this.i18n.t;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly results = new Loadable<StaffPatronView[]>();
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    const today = tokyoToday();
    return (this.results.value() ?? []).map((p) => ({ ...p, expires: formatDay(p.expiresAt, lang), expired: !!p.expiresAt && p.expiresAt < today }));
  });

  constructor() {
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        this.query.setValue(q);
        if (q.trim()) this.run(q);
      });
    });
    afterNextRender(() => this.queryInput()?.nativeElement.focus());
  }

  protected search(): void {
    const q = this.query.value.trim();
    if (!q) return;
    if (q === this.q()) this.run(q);
    else void this.router.navigate([], { queryParams: { q } });
  }

  protected run(q: string): void {
    this.results.load(this.patrons.search(q));
  }
}
