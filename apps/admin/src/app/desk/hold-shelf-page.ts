import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { formatDay, formatTime } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { HoldShelfEntry, TrappedHold } from '@shiori/contracts';
import { DeskApi } from './desk-api';
import { DeskBar, deskBranch } from './desk-bar';
import { HoldSlip } from './hold-slip';

/**
 * The hold shelf (予約棚) of this desk's branch: what waits for whom until when, expired
 * holds marked, a slip to reprint, and the button that expires overdue holds now (the daily
 * job does it too) so their copies go to the next patron.
 */
@Component({
  selector: 'admin-hold-shelf-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, DeskBar, LoadState, HoldSlip],
  templateUrl: './hold-shelf-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldShelfPage {
  private readonly desk = inject(DeskApi);
  private readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly branch = deskBranch();
  protected readonly t = this.i18n.t;
  protected readonly shelf = new Loadable<HoldShelfEntry[]>();
  protected readonly slip = signal<TrappedHold | null>(null);
  protected readonly clearing = signal(false);

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.shelf.value() ?? []).map((e) => ({ ...e, ready: formatTime(e.readyAt, lang), last: formatDay(e.lastDay, lang) }));
  });

  constructor() {
    effect(() => {
      const branch = this.branch();
      untracked(() => this.load(branch));
    });
  }

  protected load(branch = this.branch()): void {
    this.shelf.load(this.desk.holdShelf(branch));
  }

  protected showSlip(e: HoldShelfEntry): void {
    this.slip.set({
      holdId: e.holdId,
      pickupPointCode: e.pickupPointCode,
      pickupPointName: e.pickupPointName,
      pickupBranchCode: e.branchCode,
      status: 'ready',
      patron: { cardNumber: e.patron.cardNumber, name: e.patron.name },
      title: e.title,
      itemBarcode: e.itemBarcode,
      lastDay: e.lastDay,
    });
  }

  protected clearExpired(): void {
    this.clearing.set(true);
    this.desk.clearExpired().subscribe({
      next: (r) => {
        this.clearing.set(false);
        const n = r.expired?.length ?? 0;
        this.snackBar.open(n ? this.t('shelf.cleared', { count: n }) : this.t('shelf.clearedNone'), this.t('error.close'), { duration: 8000 });
        this.load();
      },
      error: (e: ApiError) => {
        this.clearing.set(false);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}
