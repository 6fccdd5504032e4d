import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { authorsText } from '../catalog/catalog';
import { type HistoryPage as HistoryList, type HistorySettings, READING_LIMITS } from '@shiori/contracts';
import { ReadingApi } from './reading-api';

/**
 * Reading history (貸出履歴): off until the patron turns it on (recording starts then, never
 * backwards); a nickname and consent to the terms first where the city asks (Kushiro);
 * export as CSV; delete everything.
 */
@Component({
  selector: 'opac-history-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <h2 class="heading">{{ t('nav.history') }}</h2>
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    <div role="status" aria-live="polite">
      @if (notice()) {
        <p class="done">{{ notice() }}</p>
      }
    </div>
    @if (settings(); as s) {
      @if (!s.enabled) {
        <p>{{ t('history.off') }}</p>
        <form (submit)="enable($event)" novalidate>
          @if (s.needsNickname) {
            <mat-form-field appearance="outline" class="field">
              <mat-label>{{ t('history.nickname') }}</mat-label>
              <input matInput name="nickname" [attr.maxlength]="limits.nickname" [value]="nickname()" (input)="nickname.set($any($event.target).value)" />
            </mat-form-field>
          }
          @if (s.needsTerms) {
            <p class="info">{{ t('history.termsText') }}</p>
            <mat-checkbox [checked]="terms()" (change)="terms.set($event.checked)">{{ t('register.termsAgree') }}</mat-checkbox>
          }
          <p><button mat-flat-button type="submit">{{ t('history.enable') }}</button></p>
        </form>
      } @else {
        <p>{{ t('history.on', { date: date(s.optedInAt) }) }}@if (s.nickname) {（{{ t('history.nicknameIs', { name: s.nickname }) }}）}</p>
        <div class="row-actions">
          <a mat-stroked-button [href]="csvUrl" download="reading-history.csv"><mat-icon>download</mat-icon>{{ t('history.csv') }}</a>
          <button mat-button type="button" (click)="disable()">{{ t('history.disable') }}</button>
          @if (confirmDelete()) {
            <span>{{ t('history.deleteConfirm') }}</span>
            <button mat-flat-button type="button" (click)="deleteAll()">{{ t('history.deleteYes') }}</button>
            <button mat-button type="button" (click)="confirmDelete.set(false)">{{ t('common.cancel') }}</button>
          } @else {
            <button mat-button type="button" (click)="confirmDelete.set(true)"><mat-icon>delete</mat-icon>{{ t('history.delete') }}</button>
          }
        </div>
      }
      @if (history(); as h) {
        @if (h.items.length) {
          <p>{{ t('history.total', { count: h.total }) }}</p>
          <ul class="entries">
            @for (item of h.items; track item.id) {
              <li>
                <div class="entry-main">
                  @if (item.recordId) {
                    <a class="entry-title" [routerLink]="['/records', item.recordId]">{{ item.title }}</a>
                  } @else {
                    <span class="entry-title">{{ item.title }}</span>
                  }
                  <span class="meta">{{ authors(item.authors) }}</span>
                </div>
                <span class="meta">{{ date(item.loanedAt) }}</span>
              </li>
            }
          </ul>
          @if (h.items.length < h.total) {
            <button mat-stroked-button type="button" (click)="more()">{{ t('history.more') }}</button>
          }
        } @else if (s.enabled) {
          <p class="empty">{{ t('history.empty') }}</p>
        }
      }
    }
  `,
  styleUrl: './reading.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage implements OnInit {
  private readonly reading = inject(ReadingApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly authors = authorsText;
  protected readonly csvUrl = this.reading.historyCsvUrl();
  protected readonly limits = READING_LIMITS;

  protected readonly settings = signal<HistorySettings | null>(null);
  protected readonly history = signal<HistoryList | null>(null);
  protected readonly nickname = signal('');
  protected readonly terms = signal(false);
  protected readonly confirmDelete = signal(false);
  protected readonly error = signal('');
  protected readonly notice = signal('');

  async ngOnInit(): Promise<void> {
    await this.guard(async () => {
      const s = await firstValueFrom(this.reading.historySettings());
      this.settings.set(s);
      this.nickname.set(s.nickname ?? '');
      this.history.set(await firstValueFrom(this.reading.history(1, 50)));
    });
  }

  protected async enable(event: Event): Promise<void> {
    event.preventDefault();
    const s = this.settings();
    if (s?.needsNickname && !this.nickname().trim()) return this.error.set(this.t('history.nicknameRequired'));
    if (s?.needsTerms && !this.terms()) return this.error.set(this.t('register.termsRequired'));
    await this.guard(async () => {
      this.settings.set(
        await firstValueFrom(
          this.reading.setHistory({ enabled: true, ...(s?.needsNickname ? { nickname: this.nickname().trim() } : {}), ...(s?.needsTerms ? { termsAccepted: true } : {}) }),
        ),
      );
      this.notice.set(this.t('history.enabled'));
    });
  }

  protected async disable(): Promise<void> {
    await this.guard(async () => {
      this.settings.set(await firstValueFrom(this.reading.setHistory({ enabled: false })));
      this.notice.set(this.t('history.disabled'));
    });
  }

  protected async deleteAll(): Promise<void> {
    await this.guard(async () => {
      const r = await firstValueFrom(this.reading.deleteHistory());
      this.confirmDelete.set(false);
      this.history.set({ total: 0, page: 1, size: 50, items: [] });
      this.notice.set(this.t('history.deleted', { count: r.deleted }));
    });
  }

  protected async more(): Promise<void> {
    const h = this.history();
    if (!h) return;
    await this.guard(async () => {
      const next = await firstValueFrom(this.reading.history(h.page + 1, h.size));
      this.history.set({ ...next, items: [...h.items, ...next.items] });
    });
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    this.error.set('');
    this.notice.set('');
    try {
      await fn();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
