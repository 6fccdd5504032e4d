import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, Observable, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Session } from '../core/session';
import { StaffNameData, StaffNameDialog, StaffPasswordData, StaffPasswordDialog } from './staff-dialogs';
import { StaffAccount, TenantsApi } from './tenants-api';

interface StaffRowView extends StaffAccount {
  name: string;
  lastLogin: string;
  lockedText: string;
  /** The platform admin signed in here: they cannot disable it (a colleague does). */
  self: boolean;
}

/**
 * Staff accounts (a library's librarians, or the platform admins) with their management:
 * display name, disable/enable (confirmed), temporary password (shown once) and unlock.
 * Each change answers the updated account, which goes out through `changed`.
 */
@Component({
  selector: 'admin-staff-table',
  imports: [MatButtonModule, MatIconModule],
  templateUrl: './staff-table.html',
  styles: `
    tr.is-disabled td,
    tr.is-disabled th {
      color: var(--mat-sys-on-surface-variant);
    }
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffTable {
  readonly accounts = input.required<StaffAccount[]>();
  /** Describes the table (its caption and the scroll region's name). */
  readonly caption = input.required<string>();
  readonly changed = output<StaffAccount>();

  private readonly tenantsApi = inject(TenantsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.t;

  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly rows = computed<StaffRowView[]>(() => {
    const lang = this.i18n.lang();
    const me = this.session.current();
    const myName = me?.kind === 'platform' ? me.username.toLowerCase() : null;
    return this.accounts().map((s) => ({
      ...s,
      name: s.displayName || s.username,
      lastLogin: s.lastLoginAt ? formatTime(s.lastLoginAt, lang) : this.t('staff.never'),
      lockedText: s.lockedUntil ? this.t('staff.statusLocked', { time: formatTime(s.lockedUntil, lang) }) : '',
      self: s.role === 'platform-admin' && s.username.toLowerCase() === myName,
    }));
  });

  protected roleLabel(s: StaffAccount): string {
    return this.t(s.role === 'platform-admin' ? 'staff.roleAdmin' : 'staff.roleLibrarian');
  }

  protected edit(s: StaffRowView): void {
    this.dialog
      .open<StaffNameDialog, StaffNameData, string>(StaffNameDialog, { data: { name: s.name, displayName: s.displayName }, maxWidth: '32rem' })
      .afterClosed()
      .pipe(filter((name): name is string => typeof name === 'string'))
      .subscribe((name) => {
        if (name === (s.displayName ?? '')) return;
        this.run(s, this.tenantsApi.updateStaff(s.id, { displayName: name || null }), (updated) => ({
          key: 'staff.saved',
          name: updated.displayName || updated.username,
        }));
      });
  }

  protected toggleDisabled(s: StaffRowView): void {
    const disable = !s.disabled;
    confirmAction(this.dialog, {
      title: this.t(disable ? 'staff.disableTitle' : 'staff.enableTitle', { name: s.name }),
      body: this.t(disable ? 'staff.disableBody' : 'staff.enableBody'),
      confirm: this.t(disable ? 'staff.disable' : 'staff.enable'),
      danger: disable,
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.run(s, this.tenantsApi.updateStaff(s.id, { disabled: disable }), () => ({ key: disable ? 'staff.disabled' : 'staff.enabled', name: s.name })),
      );
  }

  protected resetPassword(s: StaffRowView): void {
    confirmAction(this.dialog, {
      title: this.t('staff.resetTitle', { name: s.name }),
      body: this.t('staff.resetBody'),
      confirm: this.t('staff.resetConfirm'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.markBusy(s.id, true);
          return this.tenantsApi.resetStaffPassword(s.id);
        }),
      )
      .subscribe({
        next: (r) => {
          this.markBusy(s.id, false);
          this.changed.emit(r.staff);
          this.dialog.open<StaffPasswordDialog, StaffPasswordData>(StaffPasswordDialog, {
            data: { name: s.name, temporaryPassword: r.temporaryPassword },
            maxWidth: '34rem',
            disableClose: true,
          });
        },
        error: (e: ApiError) => this.failed(s, e),
      });
  }

  protected unlock(s: StaffRowView): void {
    this.run(s, this.tenantsApi.unlockStaff(s.id), () => ({ key: 'staff.unlocked', name: s.name }));
  }

  protected isBusy(id: string): boolean {
    return this.busy().has(id);
  }

  private run(s: StaffRowView, call: Observable<StaffAccount>, done: (updated: StaffAccount) => { key: MessageKey; name: string }): void {
    this.markBusy(s.id, true);
    call.subscribe({
      next: (updated) => {
        this.markBusy(s.id, false);
        this.changed.emit(updated);
        const { key, name } = done(updated);
        this.snackBar.open(this.t(key, { name }), this.t('error.close'), { duration: 5000 });
      },
      error: (e: ApiError) => this.failed(s, e),
    });
  }

  /** The API's own words (e.g. LAST_PLATFORM_ADMIN) in the global snack bar. */
  private failed(s: StaffRowView, e: ApiError): void {
    this.markBusy(s.id, false);
    if (!e.notified) this.notifier.show(e);
  }

  private markBusy(id: string, busy: boolean): void {
    this.busy.update((set) => {
      const next = new Set(set);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
