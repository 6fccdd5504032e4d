import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Code, MESSAGES as POLICY_MESSAGES } from '@shiori/policy';
import { filter, switchMap, tap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { applyFieldErrors } from '../core/field-errors';
import { formatDay, formatTime, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { DeskApi } from '../desk/desk-api';
import { BlockDialog, TempPasswordDialog } from './patron-dialogs';
import { PatronFields } from './patron-fields';
import { patronDetailsGroup, patronDetailsValue } from './patron-form';
import type { PatronLoanView, StaffHoldView, StaffPatronView } from '@shiori/contracts';
import { PatronsApi } from './patrons-api';

/**
 * One patron for the desk: who they are and their card's state, the counter actions (renew
 * the card, block, issue a temporary password shown once), their details to edit, and what
 * they have on loan and on hold (renew a loan, cancel a hold).
 */
@Component({
  selector: 'admin-patron-detail-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, LoadState, PatronFields],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './patron-detail-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatronDetailPage {
  /** From the route `patrons/:id`. */
  readonly id = input.required<string>();
  private readonly patrons = inject(PatronsApi);
  private readonly desk = inject(DeskApi);
  private readonly library = inject(Library);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;

  protected readonly patron = new Loadable<StaffPatronView>();
  protected readonly loans = new Loadable<PatronLoanView[]>();
  protected readonly holds = new Loadable<StaffHoldView[]>();
  protected details = patronDetailsGroup();
  protected readonly busy = signal(false);
  protected readonly saveError = signal<ApiError | null>(null);
  protected readonly saveErrorText = computed(() => {
    const e = this.saveError();
    return e ? this.i18n.pick(e.localized) : '';
  });

  protected readonly view = computed(() => {
    const p = this.patron.value();
    if (!p) return null;
    const lang = this.i18n.lang();
    return {
      ...p,
      expires: formatDay(p.expiresAt, lang),
      expired: !!p.expiresAt && p.expiresAt < tokyoToday(),
      lastLogin: p.lastLoginAt ? formatTime(p.lastLoginAt, lang) : '—',
    };
  });
  protected readonly categoryName = computed(() => {
    const code = this.patron.value()?.category ?? '';
    const c = this.library.categories().find((x) => x.code === code);
    return c?.name ? `${this.i18n.pick(c.name)} (${code})` : code;
  });
  protected readonly loanRows = computed(() => {
    const lang = this.i18n.lang();
    return (this.loans.value() ?? []).map((l) => {
      // why the counter cannot renew it, in the policy's words (e.g. Katori's ILL_NOT_RENEWABLE)
      const code = l.renewable.code;
      const refusal = code && code in POLICY_MESSAGES ? this.i18n.pick(POLICY_MESSAGES[code as Code]) : '';
      return { ...l, loaned: formatDay(l.loanDate, lang), due: formatDay(l.dueDate, lang), refusal };
    });
  });
  protected readonly holdRows = computed(() => {
    const lang = this.i18n.lang();
    return (this.holds.value() ?? []).map((h) => ({
      ...h,
      statusText: this.i18n.pick(h.statusLabel),
      placed: formatTime(h.placedAt, lang),
      lastDay: h.expiresAt ? formatDay(h.expiresAt, lang) : '',
      active: h.status === 'waiting' || h.status === 'in-transit' || h.status === 'ready',
    }));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    this.patron.load(this.patrons.get(id).pipe(tap((p) => (this.details = patronDetailsGroup(p)))));
    this.loadLoans(id);
    this.holds.load(this.patrons.holds(id));
  }

  private loadLoans(id = this.id()): void {
    this.loans.load(this.patrons.loans(id));
  }

  private resetForm(p: StaffPatronView): void {
    this.details = patronDetailsGroup(p);
    this.patron.set(p);
  }

  protected save(): void {
    if (this.busy()) return;
    this.saveError.set(null);
    if (this.details.invalid) {
      for (const c of Object.values(this.details.controls)) c.markAsDirty();
      return;
    }
    this.busy.set(true);
    this.patrons.update(this.id(), patronDetailsValue(this.details, true)).subscribe({
      next: (p) => {
        this.busy.set(false);
        this.resetForm(p);
        this.snackBar.open(this.t('patron.saved'), this.t('error.close'), { duration: 4000 });
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        const placed = applyFieldErrors(this.details, e.errors);
        if (placed.length) this.host.nativeElement.querySelector<HTMLElement>(`[name="${placed[0]}"]`)?.focus();
        else this.saveError.set(e);
      },
    });
  }

  protected renewCard(): void {
    confirmAction(this.dialog, { title: this.t('patron.renewCardTitle'), body: this.t('patron.renewCardBody'), confirm: this.t('patron.renewCard') })
      .pipe(
        filter(Boolean),
        switchMap(() => this.patrons.renewCard(this.id())),
      )
      .subscribe({
        next: (p) => {
          this.resetForm(p);
          this.snackBar.open(this.t('patron.renewed', { date: formatDay(p.expiresAt, this.i18n.lang()) }), this.t('error.close'), { duration: 6000 });
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  protected toggleBlock(): void {
    const p = this.patron.value();
    if (!p) return;
    if (p.status === 'blocked') {
      this.patrons.setBlocked(p.id, false).subscribe({
        next: (x) => {
          this.resetForm(x);
          this.snackBar.open(this.t('patron.unblockedDone'), this.t('error.close'), { duration: 4000 });
        },
        error: (e: ApiError) => this.fail(e),
      });
      return;
    }
    this.dialog
      .open<BlockDialog, { name: string }, string | null>(BlockDialog, { data: { name: p.name }, width: '28rem' })
      .afterClosed()
      .pipe(
        filter((reason): reason is string => reason !== null && reason !== undefined),
        switchMap((reason) => this.patrons.setBlocked(p.id, true, reason.trim() || undefined)),
      )
      .subscribe({
        next: (x) => {
          this.resetForm(x);
          this.snackBar.open(this.t('patron.blockedDone'), this.t('error.close'), { duration: 4000 });
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  protected temporaryPassword(): void {
    confirmAction(this.dialog, { title: this.t('patron.tempPasswordTitle'), body: this.t('patron.tempPasswordBody'), confirm: this.t('patron.tempPassword') })
      .pipe(
        filter(Boolean),
        switchMap(() => this.patrons.temporaryPassword(this.id())),
      )
      .subscribe({
        next: (r) => {
          this.dialog.open(TempPasswordDialog, { data: r, width: '26rem', disableClose: true });
          this.patrons.get(this.id()).subscribe({ next: (p) => this.patron.set(p), error: () => undefined });
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  protected renewLoan(loan: PatronLoanView): void {
    this.desk.renew(loan.itemBarcode, 'counter').subscribe({
      next: (l) => {
        this.snackBar.open(this.t('patron.renewedLoan', { date: formatDay(l.dueDate, this.i18n.lang()) }), this.t('error.close'), { duration: 6000 });
        this.loadLoans();
      },
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected cancelHold(hold: StaffHoldView): void {
    confirmAction(this.dialog, {
      title: this.t('patron.cancelHoldTitle'),
      body: this.t('patron.cancelHoldBody', { title: hold.title }),
      confirm: this.t('patron.cancelHold'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.desk.cancelHold(hold.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.t('patron.holdCancelled'), this.t('error.close'), { duration: 4000 });
          this.holds.load(this.patrons.holds(this.id()));
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  private fail(e: ApiError): void {
    if (!e.notified) this.notifier.show(e);
  }
}
