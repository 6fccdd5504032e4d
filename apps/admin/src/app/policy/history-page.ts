import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, switchMap, tap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { formatTime } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { changeValue } from './change-value';
import type { PolicyDiff, PolicyVersionEntry } from '@shiori/contracts';
import { PolicyApi } from './policy-api';
import { fieldLabel } from './policy-fields';

/**
 * Every saved version of the policy, who saved it and when; any two compared as a readable
 * list of changes; and a way back: reverting saves an old version's content as a new version
 * (history is never rewritten).
 */
@Component({
  selector: 'admin-history-page',
  imports: [FormsModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, LoadState],
  templateUrl: './history-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage {
  private readonly policyApi = inject(PolicyApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly t = this.i18n.t;

  protected readonly versions = new Loadable<PolicyVersionEntry[]>();
  protected readonly diff = new Loadable<PolicyDiff>();
  protected readonly from = signal<number | null>(null);
  protected readonly to = signal<number | null>(null);
  protected readonly reverting = signal(false);

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.versions.value() ?? []).map((v) => ({ ...v, at: formatTime(v.changedAt, lang) }));
  });
  protected readonly latest = computed(() => this.versions.value()?.[0]?.version ?? null);
  protected readonly changes = computed(() => {
    const d = this.diff.value();
    const pick = this.i18n.pick;
    return (d?.changes ?? []).map((c) => ({
      label: fieldLabel(c.path, pick),
      path: c.path,
      before: changeValue(c.before, pick),
      after: changeValue(c.after, pick),
    }));
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.versions.load(
      this.policyApi.versions().pipe(
        tap((list) => {
          if (list.length >= 2 && this.from() === null) this.compare(list[1].version, list[0].version);
        }),
      ),
    );
  }

  /** The changes made by one version: against the version before it. */
  protected showVersion(v: number): void {
    const all = (this.versions.value() ?? []).map((x) => x.version).sort((a, b) => a - b);
    const before = all.filter((x) => x < v).pop();
    if (before !== undefined) this.compare(before, v);
  }

  protected compare(from: number | null = this.from(), to: number | null = this.to()): void {
    this.from.set(from);
    this.to.set(to);
    if (from === null || to === null) return;
    this.diff.load(this.policyApi.diff(from, to));
  }

  protected revert(v: PolicyVersionEntry): void {
    confirmAction(this.dialog, {
      title: this.t('history.revertTitle', { version: v.version }),
      body: this.t('history.revertBody', { version: v.version }),
      confirm: this.t('history.revert'),
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.reverting.set(true);
          return this.policyApi.revert(v.version);
        }),
      )
      .subscribe({
        next: (doc) => {
          this.reverting.set(false);
          this.snackBar.open(this.t('history.reverted', { from: v.version, version: doc.version }), this.t('error.close'), { duration: 6000 });
          this.library.reloadPolicy();
          this.from.set(null);
          this.load();
          this.compare(v.version, doc.version);
        },
        error: (e: ApiError) => {
          this.reverting.set(false);
          if (!e.notified) this.notifier.show(e);
        },
      });
  }
}
