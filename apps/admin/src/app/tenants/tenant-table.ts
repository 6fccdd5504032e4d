import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { I18n } from '../core/i18n';
import { TenantSummary } from './tenants-api';

interface Row extends TenantSummary {
  created: string;
  statusLabel: string;
  figures: { patrons: string; records: string; loansToday: string };
}

/** The tenants as a table with status chips and suspend/resume buttons (presentational). */
@Component({
  selector: 'admin-tenant-table',
  imports: [MatTableModule, MatChipsModule, MatButtonModule, MatIconModule, RouterLink],
  templateUrl: './tenant-table.html',
  styleUrl: './tenant-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantTable {
  readonly tenants = input.required<readonly TenantSummary[]>();
  /** slugs whose status change is in flight */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly suspend = output<TenantSummary>();
  readonly resume = output<TenantSummary>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly columns = ['slug', 'name', 'status', 'createdAt', 'patrons', 'records', 'loansToday', 'actions'];

  protected readonly rows = computed<Row[]>(() => {
    const locale = this.i18n.lang() === 'ja' ? 'ja-JP' : 'en-GB';
    const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
    const num = new Intl.NumberFormat(locale);
    return this.tenants().map((t) => {
      const created = new Date(t.createdAt);
      return {
        ...t,
        created: Number.isNaN(created.getTime()) ? '' : date.format(created),
        statusLabel: this.t(t.status === 'suspended' ? 'status.suspended' : 'status.active'),
        figures: { patrons: num.format(t.patrons ?? 0), records: num.format(t.records ?? 0), loansToday: num.format(t.loansToday ?? 0) },
      };
    });
  });
}
