import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { formatNumber, formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { importReason } from './import-reasons';
import type { CatalogueImportReport } from '@shiori/contracts';
import { CatalogApi } from './catalog-api';

/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 500;

/**
 * One import: a progress bar while it runs (polling `GET /admin/imports/{id}`), then the
 * report: created, updated, and each record that could not be imported with the reason.
 */
@Component({
  selector: 'admin-import-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, LoadState],
  templateUrl: './import-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPage {
  /** From the route `catalogue/imports/:id`. */
  readonly id = input.required<string>();
  private readonly catalogue = inject(CatalogApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly report = new Loadable<CatalogueImportReport>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly view = computed(() => {
    const r = this.report.value();
    if (!r) return null;
    const lang = this.i18n.lang();
    const percent = r.total > 0 ? Math.round((r.processed / r.total) * 100) : r.status === 'running' ? 0 : 100;
    return {
      ...r,
      percent,
      progressText: this.t('import.progress', { processed: formatNumber(r.processed, lang), total: formatNumber(r.total, lang) }),
      statusText: this.t(`import.${r.status}` as MessageKey),
      started: formatTime(r.startedAt, lang),
      finished: r.finishedAt ? formatTime(r.finishedAt, lang) : '',
      // the parsers' reasons are English; a Japanese page reads them in Japanese
      rejected: r.rejected.map((x) => ({ ...x, reason: importReason(x.reason, lang) })),
      error: r.error ? importReason(r.error, lang) : r.error,
    };
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.poll(id));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  protected poll(id = this.id()): void {
    this.stop();
    this.catalogue.importReport(id).subscribe({
      next: (r) => {
        this.report.set(r);
        this.report.error.set(null);
        this.report.loading.set(false);
        if (r.status === 'running') this.timer = setTimeout(() => this.poll(id), IMPORT_POLL_MS);
      },
      error: (e) => {
        this.report.error.set(e);
        this.report.loading.set(false);
      },
    });
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
