import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { ApiError } from '../core/api';
import { fieldMessage } from '../core/field-errors';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import type { BookmobileClosures, BusTimetable, SchoolHoliday } from '@shiori/contracts';
import { BookmobileAdminApi } from './bookmobile-api';

/**
 * 運休日・学校の休み: the bus's own closed days (one date each) and the school holidays (a first and
 * last day and a note; school stations have no stop then), edited as rows and saved whole through
 * `PUT …/bookmobile/{bus}/closures`. The API's field errors (`closedDays`, `schoolHolidays.<i>.<field>`)
 * are shown under the row they name; `saved` tells the page to reload its 8-week preview.
 */
@Component({
  selector: 'admin-bus-closures',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule],
  template: `
    <form class="closures" (submit)="$event.preventDefault(); save()" novalidate>
      <fieldset>
        <legend>{{ t('closures.closedDays') }}</legend>
        @for (d of closedDays(); track $index; let i = $index) {
          <div class="closure-row" [attr.data-closed]="i">
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="date">
              <mat-label>{{ t('closures.closedDay') }}</mat-label>
              <input matInput type="date" [name]="'closed' + i" [value]="d" (input)="editClosed(i, $any($event.target).value)" [attr.aria-invalid]="!!error('closedDays.' + i)" />
              @if (error('closedDays.' + i); as e) { <mat-hint class="field-error">{{ e }}</mat-hint> }
            </mat-form-field>
            <span class="day" aria-hidden="true">{{ day(d) }}</span>
            <button mat-icon-button type="button" (click)="removeClosed(i)" [attr.aria-label]="t('closures.removeClosedDay', { n: i + 1 })"><mat-icon>delete</mat-icon></button>
          </div>
        } @empty {
          <p class="muted">{{ t('closures.noClosedDays') }}</p>
        }
        @if (error('closedDays'); as e) { <p class="field-error" role="alert">{{ e }}</p> }
        <button mat-stroked-button type="button" (click)="addClosed()"><mat-icon>add</mat-icon>{{ t('closures.addClosedDay') }}</button>
      </fieldset>

      <fieldset>
        <legend>{{ t('closures.schoolHolidays') }}</legend>
        @for (h of holidays(); track $index; let i = $index) {
          <div class="closure-row" [attr.data-holiday]="i">
            @for (f of fields; track f) {
              <mat-form-field appearance="outline" subscriptSizing="dynamic" [class]="f === 'note' ? 'note' : 'date'">
                <mat-label>{{ t($any('closures.' + f)) }}</mat-label>
                <input
                  matInput
                  [type]="f === 'note' ? 'text' : 'date'"
                  [name]="f + i"
                  [value]="h[f]"
                  (input)="editHoliday(i, f, $any($event.target).value)"
                  [attr.aria-invalid]="!!error('schoolHolidays.' + i + '.' + f)"
                  [attr.maxlength]="f === 'note' ? 200 : null"
                  [placeholder]="f === 'note' ? t('closures.noteHint') : ''"
                />
                @if (error('schoolHolidays.' + i + '.' + f); as e) { <mat-hint class="field-error">{{ e }}</mat-hint> }
              </mat-form-field>
            }
            @if (h.first || h.last) {
              <span class="day" aria-hidden="true">{{ day(h.first) }}〜{{ day(h.last) }}</span>
            }
            <button mat-icon-button type="button" (click)="removeHoliday(i)" [attr.aria-label]="t('closures.removeSchoolHoliday', { n: i + 1 })"><mat-icon>delete</mat-icon></button>
          </div>
        } @empty {
          <p class="muted">{{ t('closures.noSchoolHolidays') }}</p>
        }
        @if (error('schoolHolidays'); as e) { <p class="field-error" role="alert">{{ e }}</p> }
        <button mat-stroked-button type="button" (click)="addHoliday()"><mat-icon>add</mat-icon>{{ t('closures.addSchoolHoliday') }}</button>
      </fieldset>

      <div class="form-actions">
        <button mat-flat-button type="submit">{{ t('closures.save') }}</button>
      </div>
      @if (status()) {
        <p class="closures-status" role="status">{{ status() }}</p>
      }
    </form>
  `,
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0.5rem 0.75rem;
      margin: 0 0 1rem;
    }
    .closure-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      padding: 0.25rem 0;
    }
    .date {
      width: 11rem;
    }
    .note {
      flex: 1 1 12rem;
    }
    .day {
      color: var(--mat-sys-on-surface-variant);
    }
    .field-error {
      color: var(--mat-sys-error);
      margin: 0.25rem 0;
    }
    .form-actions {
      display: flex;
      gap: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusClosures {
  readonly bus = input.required<BusTimetable>();
  /** After a save: the page reloads the timetable and its 8-week preview. */
  readonly saved = output<BookmobileClosures>();
  private readonly api = inject(BookmobileAdminApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly fields = ['first', 'last', 'note'] as const;
  protected readonly closedDays = signal<string[]>([]);
  protected readonly holidays = signal<SchoolHoliday[]>([]);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly status = signal('');

  constructor() {
    effect(() => {
      const bus = this.bus();
      this.closedDays.set([...bus.closedDays]);
      this.holidays.set(bus.schoolHolidays.map((h) => ({ ...h })));
      this.errors.set({});
    });
  }

  /** 2026年12月29日(火): the weekday beside the browser's date field, which does not show it. */
  protected day(iso: string): string {
    return formatDay(iso, this.i18n.lang());
  }

  protected error(path: string): string {
    return this.errors()[path] ?? '';
  }

  protected editClosed(i: number, value: string): void {
    this.closedDays.update((days) => days.map((d, j) => (j === i ? value : d)));
  }

  protected addClosed(): void {
    this.closedDays.update((days) => [...days, '']);
  }

  protected removeClosed(i: number): void {
    this.closedDays.update((days) => days.filter((_d, j) => j !== i));
    this.errors.set({}); // the API's row numbers no longer match the rows
  }

  protected editHoliday(i: number, field: keyof SchoolHoliday, value: string): void {
    this.holidays.update((list) => list.map((h, j) => (j === i ? { ...h, [field]: value } : h)));
  }

  protected addHoliday(): void {
    this.holidays.update((list) => [...list, { first: '', last: '', note: '' }]);
  }

  protected removeHoliday(i: number): void {
    this.holidays.update((list) => list.filter((_h, j) => j !== i));
    this.errors.set({});
  }

  /** Empty rows are left out; a half-filled school holiday goes to the API, which names the empty day. */
  protected save(): void {
    const body: BookmobileClosures = {
      closedDays: this.closedDays().filter((d) => d.trim()),
      schoolHolidays: this.holidays()
        .filter((h) => h.first || h.last || h.note.trim())
        .map((h) => ({ first: h.first, last: h.last, note: h.note.trim() })),
    };
    this.status.set('');
    this.api.putClosures(this.bus().code, body).subscribe({
      next: (saved) => {
        this.errors.set({});
        this.status.set(this.t('closures.saved'));
        this.saved.emit(saved);
      },
      error: (e: unknown) => {
        if (!(e instanceof ApiError)) {
          this.status.set(this.t('error.unexpected'));
          return;
        }
        // the rows were sent without the empty ones: renumber the paths onto the rows on screen
        this.closedDays.set(body.closedDays);
        this.holidays.set(body.schoolHolidays);
        const pick = (l: { ja: string; en: string }) => this.i18n.pick(l);
        this.errors.set(Object.fromEntries(e.errors.map((f) => [f.path, fieldMessage(f.message, pick)])));
        this.status.set(this.i18n.pick(e.localized));
      },
    });
  }
}
