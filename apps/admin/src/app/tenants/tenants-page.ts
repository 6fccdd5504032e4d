import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { filter } from 'rxjs';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { I18n } from '../core/i18n';
import { BarChart } from '../core/bar-chart';
import { ConfirmSuspendDialog } from './confirm-suspend-dialog';
import { TenantTable } from './tenant-table';
import { TenantsApi, TenantStatus, TenantSummary } from './tenants-api';

/** The regional admin's list of libraries (tenants): figures, status, suspend and resume. */
@Component({
  selector: 'admin-tenants-page',
  imports: [TenantTable, BarChart, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './tenants-page.html',
  styleUrl: './tenants-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantsPage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);

  protected readonly t = this.i18n.t;
  protected readonly tenants = signal<TenantSummary[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  protected readonly loansChart = computed(() => (this.tenants() ?? []).map((t) => ({ label: t.name, value: t.loansToday ?? 0 })));
  protected readonly patronsChart = computed(() => (this.tenants() ?? []).map((t) => ({ label: t.name, value: t.patrons ?? 0 })));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.tenantsApi.list().subscribe({
      next: (list) => {
        this.tenants.set(list);
        this.loading.set(false);
      },
      error: (e: ApiError) => {
        this.error.set(e);
        this.loading.set(false);
      },
    });
  }

  protected suspend(tenant: TenantSummary): void {
    this.dialog
      .open<ConfirmSuspendDialog, { name: string }, boolean>(ConfirmSuspendDialog, { data: { name: tenant.name }, maxWidth: '32rem' })
      .afterClosed()
      .pipe(filter((ok) => ok === true))
      .subscribe(() => this.setStatus(tenant, 'suspended'));
  }

  protected resume(tenant: TenantSummary): void {
    this.setStatus(tenant, 'active');
  }

  private setStatus(tenant: TenantSummary, status: TenantStatus): void {
    this.markBusy(tenant.slug, true);
    this.tenantsApi.setStatus(tenant.slug, status).subscribe({
        next: (updated) => {
          this.tenants.update((list) => list?.map((t) => (t.slug === tenant.slug ? { ...t, status: updated.status ?? status } : t)) ?? null);
          this.markBusy(tenant.slug, false);
          this.snackBar.open(this.t(status === 'suspended' ? 'tenants.suspended' : 'tenants.resumed', { name: tenant.name }), this.t('error.close'), {
            duration: 5000,
          });
        },
        error: (e: ApiError) => {
          this.markBusy(tenant.slug, false);
          if (!e.notified) this.notifier.show(e);
        },
      });
  }

  private markBusy(slug: string, busy: boolean): void {
    this.busy.update((set) => {
      const next = new Set(set);
      if (busy) next.add(slug);
      else next.delete(slug);
      return next;
    });
  }
}
