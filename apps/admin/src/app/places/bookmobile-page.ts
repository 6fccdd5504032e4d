import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { tap } from 'rxjs';
import { ApiError } from '../core/api';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { BusPreview, BusTimetable, TimetableImportReport } from '@shiori/contracts';
import { BookmobileAdminApi, Stop } from './bookmobile-api';
import { BusClosures } from './bus-closures';

export { BookmobileAdminApi, type Stop } from './bookmobile-api';

/** A stop as the form edits it: weeks and dates as the librarian types them. */
interface EditRow {
  weekday: number | null;
  weeks: string;
  dates: string;
  start: string;
  end: string;
  place: string;
  note: string;
  school: boolean;
}

const toRow = (s: Stop): EditRow => ({
  weekday: s.weekday,
  weeks: s.weeks.join(','),
  dates: s.dates.join(', '),
  start: s.start,
  end: s.end,
  place: s.place,
  note: s.note,
  school: s.school,
});
const toStop = (r: EditRow): Stop => ({
  ...r,
  weeks: r.weeks.normalize('NFKC').split(/[,、・\s]+/).filter(Boolean).map(Number),
  dates: r.dates.normalize('NFKC').split(/[,、\s]+/).filter(Boolean),
});

/**
 * 図書館バス巡回表: each station's stops (weekday, 第n週, dates, time, where the bus parks, a
 * note, school station), saved per station with the API's field errors on the row; the bus's
 * closed days and school holidays (BusClosures); its next 8 weeks, reloaded after each save; and the import of a published timetable as CSV with a report per row.
 */
@Component({
  selector: 'admin-bookmobile-page',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, LoadState, BusClosures],
  templateUrl: './bookmobile-page.html',
  styleUrl: './bookmobile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookmobilePage {
  private readonly api = inject(BookmobileAdminApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly days = [0, 1, 2, 3, 4, 5, 6];
  protected readonly buses = new Loadable<BusTimetable[]>();
  protected readonly preview = new Loadable<BusPreview>();
  protected readonly bus = computed(() => this.buses.value()?.[0] ?? null);
  protected readonly stationCode = signal<string | null>(null);
  protected readonly station = computed(() => {
    const bus = this.bus();
    return bus?.stations.find((s) => s.code === this.stationCode()) ?? bus?.stations[0] ?? null;
  });
  protected readonly rows = signal<EditRow[]>([]);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly status = signal('');
  protected readonly csv = signal('');
  protected readonly report = signal<TimetableImportReport | null>(null);
  protected readonly previewDays = computed(() =>
    (this.preview.value()?.days ?? [])
      .filter((d) => d.visits.length)
      .map((d) => ({ ...d, label: formatDay(d.date, this.i18n.lang()) })),
  );

  constructor() {
    this.load();
  }

  protected load(): void {
    this.buses.load(
      this.api.buses().pipe(
        tap((buses) => {
          const first = buses[0];
          if (!first) return;
          // a reload (after a save or an import) shows the station again and keeps what was said
          this.show(this.stationCode() ?? first.stations[0]?.code ?? null, buses);
          this.preview.load(this.api.preview(first.code));
        }),
      ),
    );
  }

  /** The librarian picks another station: its rows, and nothing said about the last one. */
  protected pick(code: string | null): void {
    this.show(code, this.buses.value() ?? []);
    this.status.set('');
  }

  private show(code: string | null, buses: BusTimetable[]): void {
    this.stationCode.set(code);
    const s = buses[0]?.stations.find((x) => x.code === code);
    this.rows.set((s?.stops ?? []).map(toRow));
    this.errors.set({});
  }

  protected edit(i: number, field: keyof EditRow, value: string | number | boolean | null): void {
    this.rows.update((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, { weekday: 2, weeks: '', dates: '', start: '10:00', end: '10:30', place: '', note: '', school: false }]);
  }

  protected remove(i: number): void {
    this.rows.update((rows) => rows.filter((_r, j) => j !== i));
  }

  /** The API's message for a field of row `i` (`stops.<i>.<field>`), in the page's language. */
  protected error(i: number, field: string): string {
    return this.errors()[`stops.${i}.${field}`] ?? '';
  }

  protected save(): void {
    const station = this.station();
    if (!station) return;
    this.status.set('');
    this.api.putStops(station.code, this.rows().map(toStop)).subscribe({
      next: () => {
        this.errors.set({});
        this.status.set(this.t('timetable.saved', { name: station.name }));
        this.load();
      },
      error: (e: unknown) => {
        if (!(e instanceof ApiError)) return;
        const lang = this.i18n.lang();
        this.errors.set(Object.fromEntries(e.errors.map((f) => [f.path, typeof f.message === 'string' ? f.message : f.message[lang]])));
        this.status.set(this.i18n.pick(e.localized));
      },
    });
  }

  protected importCsv(): void {
    const bus = this.bus();
    if (!bus || !this.csv().trim()) return;
    this.api.importCsv(bus.code, this.csv()).subscribe({
      next: (r) => {
        this.report.set(r);
        this.load();
      },
      error: (e: unknown) => this.status.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected')),
    });
  }

  protected async readFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (file) this.csv.set(await file.text());
  }

  protected message(m: { ja: string; en: string }): string {
    return m[this.i18n.lang()];
  }
}
