import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { LoanColumn } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n, MESSAGES, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import type { PatronLoanView } from '@shiori/contracts';
import { AccountApi } from './account-api';
import { LoansElsewhereSection } from './loans-elsewhere';
import { RenewAction } from './renew-action';

/**
 * 貸出状況: the patron's loans in the city's columns (policy.display.loanColumns: city003
 * lists item code, dates, 予約有, 延滞, branch, category, title), the due date, overdue and
 * reserved-by-others flags, and per loan a renew button or 延長不可 with the reason.
 */
@Component({
  selector: 'opac-loans-page',
  imports: [RouterLink, MatProgressBarModule, RenewAction, LoansElsewhereSection],
  templateUrl: './loans-page.html',
  styleUrl: './tables.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoansPage implements OnInit {
  private readonly account = inject(AccountApi);
  private readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;

  protected readonly loans = signal<PatronLoanView[] | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly columns = computed<readonly LoanColumn[]>(
    () => this.library.policy()?.display.loanColumns ?? ['title', 'loanDate', 'dueDate', 'hasHolds', 'overdue', 'renewals'],
  );
  protected readonly renewOnline = computed(() => this.library.policy()?.renewal.online ?? true);
  protected readonly overdueCount = computed(() => (this.loans() ?? []).filter((l) => l.overdue).length);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected columnLabel(c: LoanColumn): string {
    return this.t(('loans.col.' + c) as MessageKey);
  }

  protected material(code: string | undefined): string {
    if (!code) return '';
    const key = ('material.' + code) as MessageKey;
    return key in MESSAGES.ja ? this.t(key) : code;
  }

  protected branch(code: string | undefined): string {
    return this.library.branchName(code);
  }

  protected async renew(loan: PatronLoanView): Promise<void> {
    this.busyId.set(loan.id);
    this.error.set('');
    this.notice.set('');
    try {
      const renewed = await firstValueFrom(this.account.renew(loan.id));
      this.notice.set(this.t('loans.renewed', { title: loan.title, date: this.date(renewed.dueDate) }));
      await this.load();
      void this.session.refresh();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
      await this.load();
    } finally {
      this.busyId.set(null);
    }
  }

  private async load(): Promise<void> {
    try {
      this.loans.set(await firstValueFrom(this.account.loans()));
    } catch (e) {
      this.loans.set([]);
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
