import { ChangeDetectionStrategy, Component, computed, DOCUMENT, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import type { PullListEntry } from '@shiori/contracts';
import { DeskApi } from './desk-api';
import { DeskBar, deskBranch } from './desk-bar';

/** Today's pull list: copies to fetch from the shelves for holds, in shelf order, printable. */
@Component({
  selector: 'admin-pull-list-page',
  imports: [MatButtonModule, MatIconModule, DeskBar, LoadState],
  templateUrl: './pull-list-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PullListPage {
  private readonly desk = inject(DeskApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  protected readonly branch = deskBranch();
  protected readonly t = this.i18n.t;
  protected readonly list = new Loadable<PullListEntry[]>();
  protected readonly today = computed(() => formatDay(tokyoToday(), this.i18n.lang()));
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value() ?? []).map((e) => ({
      ...e,
      branch: this.library.branchName(e.branchCode, lang),
      destination: e.pickupBranchCode ? this.library.branchName(e.pickupBranchCode, lang) : '',
      reasonText: this.t(e.reason === 'allocated' ? 'pull.allocated' : 'pull.wanted'),
    }));
  });

  constructor() {
    this.library.ensure();
    effect(() => {
      const branch = this.branch();
      untracked(() => this.load(branch));
    });
  }

  protected load(branch = this.branch()): void {
    this.list.load(this.desk.pullList(branch));
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
