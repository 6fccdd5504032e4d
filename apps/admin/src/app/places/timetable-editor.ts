import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { I18n, MessageKey } from '../core/i18n';
import type { PickupTimetableEntry } from '@shiori/contracts';

const TIME = /^\d{1,2}:\d{2}(-\d{1,2}:\d{2})?$/;
const WEEKS = /^\s*([1-5]\s*(,\s*[1-5]\s*)*)?$/;

const entryGroup = (e: PickupTimetableEntry = {}) =>
  new FormGroup({
    weekday: new FormControl<number | null>(e.weekday ?? 1),
    weeks: new FormControl((e.weeks ?? []).join(','), { nonNullable: true, validators: [Validators.pattern(WEEKS)] }),
    time: new FormControl(e.time ?? '', { nonNullable: true, validators: [Validators.pattern(TIME)] }),
    note: new FormControl(e.note ?? '', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

/** Human form of a timetable: 毎週 月 10:00-10:30 / 第1・3週 水 …. */
export function timetableText(entries: readonly PickupTimetableEntry[], t: (k: MessageKey, p?: Record<string, string | number>) => string): string {
  return entries
    .map((e) => {
      const day = e.weekday !== undefined ? t(`weekday.${e.weekday}` as MessageKey) : '';
      const weeks = e.weeks?.length ? t('pickup.weekN', { weeks: e.weeks.join('・') }) : t('pickup.everyWeek');
      return [weeks, day, e.time ?? '', e.note ?? ''].filter(Boolean).join(' ');
    })
    .join(' / ');
}

/** The stops of a bookmobile station: weekday, weeks of the month, time and a note per row. */
@Component({
  selector: 'admin-timetable-editor',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule],
  template: `
    <fieldset class="timetable">
      <legend>{{ legend() }}</legend>
      @for (g of rows.controls; track g; let i = $index) {
        <div class="row" [formGroup]="g">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="day">
            <mat-label>{{ t('pickup.weekday') }}</mat-label>
            <mat-select formControlName="weekday">
              @for (d of days; track d) {
                <mat-option [value]="d">{{ t($any('weekday.' + d)) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('pickup.weeks') }}</mat-label>
            <input matInput formControlName="weeks" [placeholder]="t('pickup.weeksHint')" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('pickup.time') }}</mat-label>
            <input matInput formControlName="time" [placeholder]="t('pickup.timeHint')" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('pickup.note') }}</mat-label>
            <input matInput formControlName="note" />
          </mat-form-field>
          <button mat-icon-button type="button" (click)="rows.removeAt(i)" [attr.aria-label]="t('pickup.removeStop')"><mat-icon>close</mat-icon></button>
        </div>
      } @empty {
        <p class="muted">{{ t('pickup.noStops') }}</p>
      }
      <div class="actions">
        <button mat-button type="button" (click)="rows.push(newRow())"><mat-icon>add</mat-icon>{{ t('pickup.addStop') }}</button>
        @if (showSave()) {
          <button mat-flat-button type="button" (click)="emit()" [disabled]="rows.invalid">{{ t('pickup.saveTimetable') }}</button>
        }
      </div>
    </fieldset>
  `,
  styles: `
    .timetable {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0.5rem 0.75rem;
      margin: 0.5rem 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .day {
      width: 7rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimetableEditor {
  readonly entries = input<readonly PickupTimetableEntry[]>([]);
  readonly legend = input.required<string>();
  readonly showSave = input(true);
  readonly save = output<PickupTimetableEntry[]>();
  protected readonly t = inject(I18n).t;
  protected readonly days = [0, 1, 2, 3, 4, 5, 6];
  protected readonly rows = new FormArray<ReturnType<typeof entryGroup>>([]);
  protected readonly newRow = () => entryGroup();

  constructor() {
    effect(() => {
      const entries = this.entries();
      this.rows.clear();
      for (const e of entries) this.rows.push(entryGroup(e));
    });
  }

  /** The rows as the API takes them. */
  value(): PickupTimetableEntry[] {
    return this.rows.getRawValue().map((r) => ({
      ...(r.weekday !== null ? { weekday: r.weekday } : {}),
      ...(r.weeks.trim() ? { weeks: r.weeks.split(',').map((w) => Number(w.trim())) } : {}),
      ...(r.time.trim() ? { time: r.time.trim() } : {}),
      ...(r.note.trim() ? { note: r.note.trim() } : {}),
    }));
  }

  protected emit(): void {
    if (this.rows.valid) this.save.emit(this.value());
  }
}
