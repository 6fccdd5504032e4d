import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { BarChart } from '../core/bar-chart';
import { ErrorNotifier } from '../core/errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { NotAvailablePage } from '../core/not-available';
import { MigrationState, NOTICE_JOBS, NoticeJob, TenantsApi, TenantSummary } from '../tenants/tenants-api';

interface OutboxRow {
  slug: string;
  name: string;
  pending: number | null;
  failed: number | null;
}

/**
 * The regional admin's health page: the API and its database, pending tenant migrations,
 * each library's mail backlog, and the daily notice jobs (run now). Job run history has no
 * API yet and says so.
 */
@Component({
  selector: 'admin-health-page',
  imports: [MatButtonModule, MatIconModule, LoadState, BarChart, NotAvailablePage],
  templateUrl: './health-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthPage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly t = this.i18n.t;
  protected readonly jobs = NOTICE_JOBS;

  protected readonly health = new Loadable<{ status: string }>();
  protected readonly checkedAt = signal<string | null>(null);
  protected readonly migrations = new Loadable<MigrationState[]>();
  protected readonly outbox = new Loadable<OutboxRow[]>();
  protected readonly running = signal<NoticeJob | null>(null);

  protected readonly checkedText = computed(() => {
    const at = this.checkedAt();
    return at ? this.t('health.checkedAt', { time: formatTime(at, this.i18n.lang()) }) : '';
  });
  protected readonly failedChart = computed(() => (this.outbox.value() ?? []).map((r) => ({ label: r.name, value: r.failed ?? 0 })));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.health.load(this.tenantsApi.health());
    this.checkedAt.set(new Date().toISOString());
    this.migrations.load(this.tenantsApi.migrations());
    this.outbox.load(
      this.tenantsApi.list().pipe(
        switchMap((tenants: TenantSummary[]) => {
          const active = tenants.filter((t) => t.status === 'active');
          const rows = active.map((t) =>
            forkJoin({
              pending: this.tenantsApi.outboxCount(t.slug, 'pending').pipe(catchError(() => of(null))),
              failed: this.tenantsApi.outboxCount(t.slug, 'failed').pipe(catchError(() => of(null))),
            }).pipe(map((c): OutboxRow => ({ slug: t.slug, name: t.name, ...c }))),
          );
          return rows.length ? forkJoin(rows) : of([] as OutboxRow[]);
        }),
      ),
    );
  }

  protected jobLabel(job: NoticeJob): string {
    return this.t(`job.${job}` as MessageKey);
  }

  protected run(job: NoticeJob): void {
    this.running.set(job);
    this.tenantsApi.runJob(job).subscribe({
      next: (r) => {
        this.running.set(null);
        const key = r?.status === 'skipped' ? 'health.jobSkipped' : 'health.jobDone';
        this.snackBar.open(this.t(key, { job: this.jobLabel(job) }), this.t('error.close'), { duration: 5000 });
        this.load();
      },
      error: (e: ApiError) => {
        this.running.set(null);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}
