import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { forkJoin, map } from 'rxjs';
import { ApiError } from '../core/api';
import { BarChart, BarDatum } from '../core/bar-chart';
import { ErrorNotifier } from '../core/errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { NOTICE_KINDS, type NoticeKind, OUTBOX_STATUSES, type OutboxMessage, type OutboxMessageDetail, type OutboxPage as OutboxResult, type OutboxStatus } from '@shiori/contracts';
import { NoticesApi } from './notices-api';

const PAGE_SIZE = 50;

/**
 * The library's mail outbox: what went out, what waits, what failed and why, with a retry
 * for failed mail (the sender takes it again on its next pass). Failed mail is shown first.
 */
@Component({
  selector: 'admin-outbox-page',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, LoadState, BarChart],
  templateUrl: './outbox-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutboxPage {
  private readonly notices = inject(NoticesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly statuses = OUTBOX_STATUSES;
  protected readonly kinds = NOTICE_KINDS;

  protected readonly status = signal<OutboxStatus | null>('failed');
  protected readonly kind = signal<NoticeKind | null>(null);
  protected readonly page = signal(1);
  protected readonly result = new Loadable<OutboxResult>();
  protected readonly counts = new Loadable<Record<OutboxStatus, number>>();
  protected readonly open = signal<OutboxMessageDetail | null>(null);
  protected readonly retrying = signal<string | null>(null);

  protected readonly pages = computed(() => {
    const r = this.result.value();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.result.value()?.items ?? []).map((m) => ({
      ...m,
      created: formatTime(m.createdAt, lang),
      sent: m.sentAt ? formatTime(m.sentAt, lang) : '',
      statusText: this.statusLabel(m.status),
      kindText: this.kindLabel(m.kind),
    }));
  });
  protected readonly chart = computed<BarDatum[]>(() => {
    const c = this.counts.value();
    return c ? OUTBOX_STATUSES.map((s) => ({ label: this.statusLabel(s), value: c[s] })) : [];
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.result.load(this.notices.outbox({ status: this.status(), kind: this.kind(), page: this.page(), size: PAGE_SIZE }));
    this.counts.load(
      forkJoin(OUTBOX_STATUSES.map((s) => this.notices.outbox({ status: s, size: 1 }).pipe(map((r) => [s, r.total] as const)))).pipe(
        map((pairs) => Object.fromEntries(pairs) as Record<OutboxStatus, number>),
      ),
    );
  }

  protected filter(status: OutboxStatus | null, kind: NoticeKind | null): void {
    this.status.set(status);
    this.kind.set(kind);
    this.page.set(1);
    this.load();
  }

  protected go(page: number): void {
    this.page.set(page);
    this.load();
  }

  protected statusLabel(s: string): string {
    return this.t(`outbox.state.${s}` as MessageKey);
  }

  protected kindLabel(k: string): string {
    return (NOTICE_KINDS as readonly string[]).includes(k) ? this.t(`notice.${k}` as MessageKey) : k;
  }

  protected show(m: OutboxMessage): void {
    if (this.open()?.id === m.id) return this.open.set(null);
    this.notices.message(m.id).subscribe({ next: (full) => this.open.set(full), error: (e: ApiError) => this.fail(e) });
  }

  protected retry(m: OutboxMessage): void {
    this.retrying.set(m.id);
    this.notices.retry(m.id).subscribe({
      next: () => {
        this.retrying.set(null);
        this.snackBar.open(this.t('outbox.retried'), this.t('error.close'), { duration: 4000 });
        this.load();
      },
      error: (e: ApiError) => {
        this.retrying.set(null);
        this.fail(e);
      },
    });
  }

  private fail(e: ApiError): void {
    if (!e.notified) this.notifier.show(e);
  }
}
