import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ApiError } from '../core/api';
import { BarChart } from '../core/bar-chart';
import { ErrorNotifier } from '../core/errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { ClusterView, NOTICE_JOBS, NoticeJob, PlatformHealth, TenantsApi } from '../tenants/tenants-api';
import { ClusterNodes } from './cluster-nodes';

/**
 * The regional admin's health page: the API and its database, each library's pending
 * migrations and mail backlog (`GET /api/platform/health`), the database servers and the
 * libraries on each (`GET /api/platform/cluster`), the recent job runs, and the daily notice
 * jobs to run again after an outage.
 */
@Component({
  selector: 'admin-health-page',
  imports: [MatButtonModule, MatIconModule, LoadState, BarChart, ClusterNodes],
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
  protected readonly platform = new Loadable<PlatformHealth>();
  protected readonly cluster = new Loadable<ClusterView>();
  protected readonly checkedAt = signal<string | null>(null);
  protected readonly running = signal<NoticeJob | null>(null);

  protected readonly checkedText = computed(() => {
    const at = this.checkedAt();
    return at ? this.t('health.checkedAt', { time: formatTime(at, this.i18n.lang()) }) : '';
  });
  protected readonly tenants = computed(() => this.platform.value()?.tenants ?? []);
  protected readonly failedChart = computed(() => this.tenants().map((r) => ({ label: r.name, value: r.outbox.failed })));
  protected readonly runs = computed(() => {
    const lang = this.i18n.lang();
    return (this.platform.value()?.jobRuns ?? []).map((r) => ({
      ...r,
      name: this.jobLabel(r.job),
      started: formatTime(r.startedAt, lang),
      finished: r.finishedAt ? formatTime(r.finishedAt, lang) : '',
      detailText: r.detail ? JSON.stringify(r.detail) : '',
    }));
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.health.load(this.tenantsApi.health());
    this.platform.load(this.tenantsApi.platformHealth());
    this.cluster.load(this.tenantsApi.cluster());
    this.checkedAt.set(new Date().toISOString());
  }

  protected jobLabel(job: string): string {
    return (NOTICE_JOBS as readonly string[]).includes(job) ? this.t(`job.${job}` as MessageKey) : job;
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
