import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { HOLD_STATUSES } from '@shiori/policy';
import { BarChart } from '../core/bar-chart';
import { ColumnChart } from '../core/column-chart';
import { formatNumber } from '../core/format';
import { I18n, Localized } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { ENUM_LABELS } from '../policy/policy-fields';
import type { Statistics } from '@shiori/contracts';
import { ReportsApi } from './reports-api';

/** The library's figures: totals now, loans and new patrons per month, loans per branch, holds by status. */
@Component({
  selector: 'admin-statistics-page',
  imports: [MatButtonToggleModule, LoadState, BarChart, ColumnChart],
  template: `
    <div class="page-heading">
      <h1>{{ t('stats.title') }}</h1>
      <mat-button-toggle-group [value]="months()" (change)="setMonths($event.value)" [attr.aria-label]="t('stats.period')">
        @for (m of periods; track m) {
          <mat-button-toggle [value]="m">{{ t('stats.months', { months: m }) }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
    </div>
    <admin-load-state [loading]="stats.loading()" [error]="stats.error()" (retry)="load()" />
    @if (stats.value(); as s) {
      <h2 class="section-title">{{ t('stats.totals') }}</h2>
      <dl class="figures">
        @for (f of totals(); track f.label) {
          <div>
            <dt>{{ f.label }}</dt>
            <dd>{{ f.value }}</dd>
          </div>
        }
      </dl>
      <div class="charts">
        <admin-column-chart [data]="loansPerMonth()" [caption]="t('stats.loansPerMonth')" />
        <admin-column-chart [data]="newPatronsPerMonth()" [caption]="t('stats.newPatronsPerMonth')" />
        <admin-bar-chart [data]="loansPerBranch()" [caption]="t('stats.loansPerBranch')" />
        <admin-bar-chart [data]="holdsByStatus()" [caption]="t('stats.holdsByStatus')" />
      </div>
    }
  `,
  styles: `
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
      gap: 2rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatisticsPage {
  private readonly reports = inject(ReportsApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly periods = [6, 12, 24];
  protected readonly months = signal(12);
  protected readonly stats = new Loadable<Statistics>();

  protected readonly totals = computed(() => {
    const s = this.stats.value();
    const lang = this.i18n.lang();
    if (!s) return [];
    return (
      [
        ['stats.patrons', s.totals.patrons],
        ['stats.records', s.totals.records],
        ['stats.items', s.totals.items],
        ['stats.openLoans', s.totals.openLoans],
        ['stats.activeHolds', s.totals.activeHolds],
      ] as const
    ).map(([key, value]) => ({ label: this.t(key), value: formatNumber(value, lang) }));
  });
  private readonly monthly = (rows: { month: string; value: number }[] | undefined) =>
    (rows ?? []).map((r) => ({
      label: this.t('stats.monthLabel', { year: r.month.slice(0, 4), month: Number(r.month.slice(5, 7)) }),
      short: String(Number(r.month.slice(5, 7))),
      value: r.value,
    }));
  protected readonly loansPerMonth = computed(() => this.monthly(this.stats.value()?.loansPerMonth));
  protected readonly newPatronsPerMonth = computed(() => this.monthly(this.stats.value()?.newPatronsPerMonth));
  protected readonly loansPerBranch = computed(() =>
    (this.stats.value()?.loansPerBranch ?? []).map((b) => ({ label: this.library.branchName(b.branchCode, this.i18n.lang()) || b.name, value: b.loans })),
  );
  protected readonly holdsByStatus = computed(() => {
    const rows = this.stats.value()?.holdsByStatus ?? [];
    const labels = ENUM_LABELS.holdStatus as Record<string, Localized>;
    return HOLD_STATUSES.map((s) => ({ label: this.i18n.pick(labels[s]), value: rows.find((r) => r.status === s)?.holds ?? 0 }));
  });

  constructor() {
    this.library.ensure();
    this.load();
  }

  protected setMonths(m: number): void {
    this.months.set(m);
    this.load();
  }

  protected load(): void {
    this.stats.load(this.reports.statistics(this.months()));
  }
}
