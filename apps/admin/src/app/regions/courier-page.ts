import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { tap } from 'rxjs';
import { ApiError, FieldError } from '../core/api';
import { fieldMessage } from '../core/field-errors';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { CourierArrival, CourierTimetableView, Region } from '@shiori/contracts';
import { CourierApi, CourierTimetableInput } from './courier-api';
import { RegionsApi } from './regions-api';

/** A stop being edited: the library's internal key (`city:branch`), never shown. */
interface StopDraft {
  key: string;
}

interface RunDraft {
  name: string;
  weekday: number | null;
  weeks: number[];
  dates: string;
  note: string;
  stops: StopDraft[];
}

interface ClosureDraft {
  first: string;
  last: string;
  note: string;
}

interface Draft {
  sameDayHandover: boolean;
  runs: RunDraft[];
  closures: ClosureDraft[];
}

/** A library the courier may call at, as librarians name it. */
interface LibraryOption {
  key: string;
  label: string;
  member: boolean;
}

const draftOf = (v: CourierTimetableView): Draft => ({
  sameDayHandover: v.sameDayHandover,
  runs: v.runs.map((r) => ({
    name: r.name,
    weekday: r.weekday,
    weeks: [...r.weeks],
    dates: r.dates.join(', '),
    note: r.note,
    stops: r.stops.map((s) => ({ key: `${s.city ?? ''}:${s.branch}` })),
  })),
  closures: v.closures.map((c) => ({ ...c })),
});

/**
 * 連絡車の時刻表 for regional IT: per region, the runs (days, and the libraries called at in
 * order, chosen by name), the closures, whether a courier day's handover goes on that day's
 * run; and a preview of the next run between two libraries (「次の便」). The API validates;
 * its field errors show beside the fields they name.
 */
@Component({
  selector: 'admin-courier-page',
  imports: [LoadState, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    <h1>{{ t('courier.title') }}</h1>
    <p class="muted">{{ t('courier.intro') }}</p>
    <admin-load-state [loading]="regions.loading()" [error]="regions.error()" (retry)="loadRegions()" />
    @if (regions.value(); as list) {
      @if (list.length) {
        <mat-form-field appearance="outline" class="region">
          <mat-label>{{ t('courier.region') }}</mat-label>
          <mat-select [value]="regionCode()" (valueChange)="choose($event)">
            @for (r of list; track r.code) {
              <mat-option [value]="r.code">{{ regionName(r) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      } @else {
        <p>{{ t('courier.noRegions') }}</p>
      }
    }
    <admin-load-state [loading]="timetable.loading()" [error]="timetable.error()" (retry)="reload()" />
    @if (draft(); as d) {
      <form class="courier" (submit)="$event.preventDefault(); save()">
        <mat-checkbox [checked]="d.sameDayHandover" (change)="d.sameDayHandover = $event.checked; touch()">{{ t('courier.sameDay') }}</mat-checkbox>

        <h2>{{ t('courier.runs') }}</h2>
        @for (run of d.runs; track run; let i = $index) {
          <fieldset class="run" [attr.data-run]="i">
            <legend>{{ t('courier.run', { n: i + 1 }) }}@if (run.name) { ：{{ run.name }}}</legend>
            <div class="row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ t('courier.runName') }}</mat-label>
                <input matInput [value]="run.name" (input)="run.name = text($event); touch()" maxlength="100" />
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="day">
                <mat-label>{{ t('courier.weekday') }}</mat-label>
                <mat-select [value]="run.weekday" (valueChange)="run.weekday = $event; touch()">
                  <mat-option [value]="null">{{ t('courier.datesOnly') }}</mat-option>
                  @for (w of weekdays; track w) {
                    <mat-option [value]="w">{{ t($any('weekdayLong.' + w)) }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>
            @if (error('runs.' + i + '.weekday'); as e) {
              <p class="error" role="alert">{{ e }}</p>
            }
            <fieldset class="weeks">
              <legend>{{ t('courier.weeks') }}</legend>
              @for (n of weekNumbers; track n) {
                <mat-checkbox [checked]="run.weeks.includes(n)" (change)="toggleWeek(run, n, $event.checked)">{{ t('courier.week', { n }) }}</mat-checkbox>
              }
            </fieldset>
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
              <mat-label>{{ t('courier.dates') }}</mat-label>
              <input matInput [value]="run.dates" (input)="run.dates = text($event); touch()" spellcheck="false" />
            </mat-form-field>
            @if (errorUnder('runs.' + i + '.dates'); as e) {
              <p class="error" role="alert">{{ e }}</p>
            }
            <fieldset class="stops">
              <legend>{{ t('courier.stops') }}</legend>
              <ol>
                @for (stop of run.stops; track stop; let j = $index) {
                  <li class="stop">
                    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="library">
                      <mat-label>{{ t('courier.stop', { n: j + 1 }) }}</mat-label>
                      <mat-select [value]="stop.key" (valueChange)="stop.key = $event; touch()" [placeholder]="t('courier.chooseLibrary')">
                        @for (o of optionsWith(stop.key); track o.key) {
                          <mat-option [value]="o.key">{{ o.label }}</mat-option>
                        }
                      </mat-select>
                    </mat-form-field>
                    <button mat-icon-button type="button" (click)="move(run, j, -1)" [disabled]="j === 0" [attr.aria-label]="t('courier.moveUp', { name: labelOf(stop.key) })"><mat-icon>arrow_upward</mat-icon></button>
                    <button mat-icon-button type="button" (click)="move(run, j, 1)" [disabled]="j === run.stops.length - 1" [attr.aria-label]="t('courier.moveDown', { name: labelOf(stop.key) })"><mat-icon>arrow_downward</mat-icon></button>
                    <button mat-icon-button type="button" (click)="run.stops.splice(j, 1); touch()" [attr.aria-label]="t('courier.removeStop', { name: labelOf(stop.key) })"><mat-icon>close</mat-icon></button>
                    @if (error('runs.' + i + '.stops.' + j); as e) {
                      <p class="error" role="alert">{{ e }}</p>
                    }
                  </li>
                }
              </ol>
              @if (error('runs.' + i + '.stops'); as e) {
                <p class="error" role="alert">{{ e }}</p>
              }
              <button mat-button type="button" (click)="run.stops.push({ key: '' }); touch()"><mat-icon>add</mat-icon>{{ t('courier.addStop') }}</button>
            </fieldset>
            <div class="row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
                <mat-label>{{ t('courier.note') }}</mat-label>
                <input matInput [value]="run.note" (input)="run.note = text($event); touch()" maxlength="200" />
              </mat-form-field>
              <button mat-stroked-button type="button" (click)="d.runs.splice(i, 1); touch()">
                <mat-icon>delete</mat-icon>{{ t('courier.removeRun', { n: i + 1 }) }}
              </button>
            </div>
          </fieldset>
        } @empty {
          <p class="muted">{{ t('courier.noRuns') }}</p>
        }
        <p><button mat-button type="button" (click)="addRun()"><mat-icon>add</mat-icon>{{ t('courier.addRun') }}</button></p>

        <h2>{{ t('courier.closures') }}</h2>
        @for (c of d.closures; track c; let i = $index) {
          <fieldset class="closure">
            <legend>{{ t('courier.closure', { n: i + 1 }) }}</legend>
            <div class="row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ t('courier.first') }}</mat-label>
                <input matInput type="date" [value]="c.first" (input)="c.first = text($event); touch()" />
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ t('courier.last') }}</mat-label>
                <input matInput type="date" [value]="c.last" (input)="c.last = text($event); touch()" />
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ t('courier.note') }}</mat-label>
                <input matInput [value]="c.note" (input)="c.note = text($event); touch()" maxlength="200" />
              </mat-form-field>
              <button mat-icon-button type="button" (click)="d.closures.splice(i, 1); touch()" [attr.aria-label]="t('courier.removeClosure', { n: i + 1 })"><mat-icon>close</mat-icon></button>
            </div>
            @if (errorUnder('closures.' + i); as e) {
              <p class="error" role="alert">{{ e }}</p>
            }
          </fieldset>
        } @empty {
          <p class="muted">{{ t('courier.noClosures') }}</p>
        }
        <p><button mat-button type="button" (click)="addClosure()"><mat-icon>add</mat-icon>{{ t('courier.addClosure') }}</button></p>

        @if (saveError()) {
          <p class="error-box" role="alert">{{ saveError() }}</p>
        }
        <p><button mat-flat-button type="submit" [disabled]="busy()">{{ t('courier.save') }}</button></p>
      </form>

      <section class="preview" aria-labelledby="courier-preview">
        <h2 id="courier-preview">{{ t('courier.preview') }}</h2>
        <p class="muted">{{ t('courier.previewIntro') }}</p>
        <div class="row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="library">
            <mat-label>{{ t('courier.from') }}</mat-label>
            <mat-select [value]="from()" (valueChange)="from.set($event)">
              @for (o of options(); track o.key) {
                <mat-option [value]="o.key">{{ o.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="library">
            <mat-label>{{ t('courier.to') }}</mat-label>
            <mat-select [value]="to()" (valueChange)="to.set($event)">
              @for (o of options(); track o.key) {
                <mat-option [value]="o.key">{{ o.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ t('courier.handedOver') }}</mat-label>
            <input matInput type="date" [value]="date()" (input)="date.set(text($event))" />
          </mat-form-field>
          <button mat-stroked-button type="button" (click)="check()" [disabled]="!from() || !to() || !date()">{{ t('courier.check') }}</button>
        </div>
        <div aria-live="polite" class="answer">
          @if (arrival(); as a) {
            <p>{{ t('courier.departs', { date: day(a.departs.date), run: runName(a.departs.run.name) }) }}</p>
            <p><strong>{{ t('courier.arrives', { date: day(a.arrives.date), run: runName(a.arrives.run.name) }) }}</strong></p>
          } @else if (arrivalError()) {
            <p class="error">{{ arrivalError() }}</p>
          }
        </div>
      </section>
    }
  `,
  styles: `
    .region {
      min-width: 16rem;
    }
    .courier {
      display: grid;
      gap: 0.5rem;
      max-width: 60rem;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0.5rem 1rem;
      margin: 0 0 0.75rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.25rem 0;
    }
    .stops ol {
      margin: 0;
      padding-inline-start: 1.5rem;
    }
    .stop {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
      margin: 0.25rem 0;
    }
    .library {
      min-width: 20rem;
    }
    .wide {
      min-width: 24rem;
    }
    .day {
      width: 12rem;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0.25rem 0;
      flex-basis: 100%;
    }
    .preview {
      margin-top: 1.5rem;
      padding: 1rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      max-width: 60rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourierPage {
  private readonly regionsApi = inject(RegionsApi);
  private readonly courierApi = inject(CourierApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly weekdays = [1, 2, 3, 4, 5, 6, 0];
  protected readonly weekNumbers = [1, 2, 3, 4, 5];

  protected readonly regions = new Loadable<Region[]>();
  protected readonly timetable = new Loadable<CourierTimetableView>();
  protected readonly regionCode = signal<string | null>(null);
  /** The timetable being edited; its objects change in place, `touch()` tells the view. */
  protected readonly draft = signal<Draft | null>(null);
  protected readonly busy = signal(false);
  private readonly errors = signal<readonly FieldError[]>([]);
  private readonly failure = signal<ApiError | null>(null);
  protected readonly saveError = computed(() => {
    const e = this.failure();
    if (!e) return '';
    return e.code === 'COURIER_INVALID' || e.code === 'VALIDATION' ? this.t('courier.invalid') : this.i18n.pick(e.localized);
  });

  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly date = signal(tokyoToday());
  protected readonly arrival = signal<CourierArrival | null>(null);
  protected readonly arrivalError = signal('');

  /** Every branch of every member city, named as librarians know them (a city's only library once). */
  protected readonly options = computed<LibraryOption[]>(() => {
    const v = this.timetable.value();
    if (!v) return [];
    const en = this.i18n.lang() === 'en';
    return v.members.flatMap((m) =>
      m.branches
        .filter((b) => b.active)
        .map((b) => {
          const branch = (en && b.nameEn) || b.name;
          return { key: `${m.city}:${b.code}`, label: branch === m.cityName ? m.cityName : `${m.cityName}　${branch}`, member: true };
        }),
    );
  });

  /** Labels of stops no longer offered (a city that left the region): kept visible, marked. */
  private readonly formerStops = computed(() => {
    const v = this.timetable.value();
    const out = new Map<string, string>();
    for (const r of v?.runs ?? []) {
      for (const s of r.stops) {
        if (s.member) continue;
        const name = [s.cityName, s.branchName].filter(Boolean).join('　') || '—';
        out.set(`${s.city ?? ''}:${s.branch}`, name + this.t('courier.notMember'));
      }
    }
    return out;
  });

  constructor() {
    this.loadRegions();
  }

  protected loadRegions(): void {
    // the first region is shown at once
    this.regions.load(this.regionsApi.list().pipe(tap((list) => list.length && !this.regionCode() && this.choose(list[0].code))));
  }

  protected choose(code: string): void {
    this.regionCode.set(code);
    this.reload();
  }

  protected reload(): void {
    const code = this.regionCode();
    if (!code) return;
    this.draft.set(null);
    this.errors.set([]);
    this.failure.set(null);
    this.arrival.set(null);
    this.arrivalError.set('');
    this.timetable.load(this.courierApi.get(code).pipe(tap((v) => this.show(v))), false);
  }

  private show(v: CourierTimetableView): void {
    this.timetable.set(v);
    this.draft.set(draftOf(v));
    const opts = this.options();
    if (!opts.some((o) => o.key === this.from())) this.from.set(opts[0]?.key ?? '');
    if (!opts.some((o) => o.key === this.to())) this.to.set(opts[1]?.key ?? opts[0]?.key ?? '');
  }

  protected regionName(r: Region): string {
    return (this.i18n.lang() === 'en' && r.nameEn) || r.name;
  }

  protected touch(): void {
    const d = this.draft();
    if (d) this.draft.set({ ...d });
  }

  protected text(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected optionsWith(key: string): LibraryOption[] {
    const opts = this.options();
    if (!key || opts.some((o) => o.key === key)) return opts;
    return [...opts, { key, label: this.formerStops().get(key) ?? key, member: false }];
  }

  protected labelOf(key: string): string {
    return this.options().find((o) => o.key === key)?.label ?? this.formerStops().get(key) ?? this.t('courier.chooseLibrary');
  }

  protected toggleWeek(run: RunDraft, n: number, on: boolean): void {
    run.weeks = on ? [...new Set([...run.weeks, n])].sort() : run.weeks.filter((w) => w !== n);
    this.touch();
  }

  protected move(run: RunDraft, j: number, by: -1 | 1): void {
    const [stop] = run.stops.splice(j, 1);
    run.stops.splice(j + by, 0, stop);
    this.touch();
  }

  protected addRun(): void {
    const opts = this.options();
    this.draft()?.runs.push({ name: '', weekday: 2, weeks: [], dates: '', note: '', stops: opts.slice(0, 2).map((o) => ({ key: o.key })) });
    this.touch();
  }

  protected addClosure(): void {
    this.draft()?.closures.push({ first: '', last: '', note: '' });
    this.touch();
  }

  /** The API's message for exactly this field. */
  protected error(path: string): string {
    const e = this.errors().find((x) => x.path === path);
    return e ? fieldMessage(e.message, (l) => this.i18n.pick(l)) : '';
  }

  /** The API's messages for this field and the fields under it. */
  protected errorUnder(path: string): string {
    return this.errors()
      .filter((x) => x.path === path || x.path.startsWith(path + '.'))
      .map((x) => fieldMessage(x.message, (l) => this.i18n.pick(l)))
      .filter((m, i, all) => all.indexOf(m) === i)
      .join(' ');
  }

  private body(d: Draft): CourierTimetableInput {
    return {
      sameDayHandover: d.sameDayHandover,
      runs: d.runs.map((r) => ({
        name: r.name.trim(),
        weekday: r.weekday,
        weeks: r.weeks,
        dates: r.dates
          .split(/[,、\s]+/)
          .map((x) => x.trim())
          .filter(Boolean),
        note: r.note.trim(),
        stops: r.stops.map((s) => {
          const at = s.key.indexOf(':');
          return { city: s.key.slice(0, at), branch: s.key.slice(at + 1) };
        }),
      })),
      closures: d.closures.map((c) => ({ first: c.first, last: c.last, note: c.note.trim() })),
    };
  }

  protected save(): void {
    const code = this.regionCode();
    const d = this.draft();
    if (!code || !d) return;
    this.busy.set(true);
    this.errors.set([]);
    this.failure.set(null);
    this.courierApi.put(code, this.body(d)).subscribe({
      next: (v) => {
        this.busy.set(false);
        this.show(v);
        this.snackBar.open(this.t('courier.saved', { name: this.i18n.lang() === 'en' ? v.region.nameEn || v.region.name : v.region.name }), this.t('error.close'), { duration: 5000 });
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.failure.set(e);
        this.errors.set(e.errors ?? []);
      },
    });
  }

  protected check(): void {
    const code = this.regionCode();
    if (!code) return;
    this.arrival.set(null);
    this.arrivalError.set('');
    this.courierApi.arrival(code, this.from(), this.to(), this.date()).subscribe({
      next: (a) => this.arrival.set(a),
      error: (e: ApiError) => this.arrivalError.set(this.i18n.pick(e.localized)),
    });
  }

  protected day(iso: string): string {
    return formatDay(iso, this.i18n.lang());
  }

  protected runName(name: string): string {
    return name || this.t('courier.unnamedRun');
  }
}
