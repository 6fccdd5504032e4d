import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, Observable, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import {
  Machine,
  MACHINE_CHARSETS,
  MACHINE_LOGIN,
  MACHINE_PASSWORD,
  MachineCharset,
  MachineConnection,
  MachinePermissions,
  MachineWithPassword,
  SelfCheckApi,
} from './self-check-api';

const PERMISSIONS: (keyof MachinePermissions)[] = ['checkout', 'checkin', 'renew', 'patronInfo'];

/**
 * Self-check machines (自動貸出機) of the library: register one (name, login, branch, what it
 * may do, character set), change it, take it out of use at once, issue a new password,
 * delete it. A password is shown once, on this page, until the librarian has typed it into
 * the machine; the API keeps only its hash.
 */
@Component({
  selector: 'admin-self-check-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, LoadState],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './self-check-page.html',
  styles: `
    .checks {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0.5rem 1rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      legend {
        padding: 0 0.25rem;
      }
    }
    .secret {
      font-family: ui-monospace, 'Noto Sans Mono', Consolas, monospace;
      font-size: 1.5rem;
      letter-spacing: 0.1em;
      user-select: all;
      word-break: break-all;
    }
    .row-actions {
      white-space: nowrap;
    }
    tr.inactive {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfCheckPage {
  private readonly machinesApi = inject(SelfCheckApi);
  protected readonly library = inject(Library);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly permissionKeys = PERMISSIONS;
  protected readonly charsets = MACHINE_CHARSETS;
  protected readonly machines = new Loadable<Machine[]>();
  protected readonly connection = new Loadable<MachineConnection>();
  protected readonly editing = signal<Machine | null>(null);
  protected readonly busy = signal(false);
  /** A password just set, shown until dismissed; never kept elsewhere. */
  protected readonly shown = signal<{ name: string; login: string; password: string } | null>(null);
  protected readonly copied = signal(false);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    login: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(MACHINE_LOGIN)] }),
    branchCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    permissions: new FormGroup({
      checkout: new FormControl(true, { nonNullable: true }),
      checkin: new FormControl(true, { nonNullable: true }),
      renew: new FormControl(true, { nonNullable: true }),
      patronInfo: new FormControl(true, { nonNullable: true }),
    }),
    charset: new FormControl<MachineCharset>('utf-8', { nonNullable: true }),
    enabled: new FormControl(true, { nonNullable: true }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.pattern(MACHINE_PASSWORD)] }),
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.machines.value() ?? []).map((m) => ({
      ...m,
      branch: this.library.branchName(m.branchCode, lang),
      can: PERMISSIONS.filter((p) => m.permissions[p])
        .map((p) => this.t(`selfCheck.perm.${p}` as MessageKey))
        .join('・'),
      charsetLabel: this.t(`selfCheck.charset.${m.charset}` as MessageKey),
      lastLogin: m.lastLoginAt ? this.t('selfCheck.lastLoginFrom', { when: formatTime(m.lastLoginAt, lang), address: m.lastLoginAddress ?? '' }) : this.t('selfCheck.neverConnected'),
    }));
  });

  constructor() {
    this.library.ensure();
    this.load();
    this.connection.load(this.machinesApi.connection());
  }

  protected load(): void {
    this.machines.load(this.machinesApi.list());
  }

  protected err(path: string): string {
    return serverError(this.form.get(path), this.pick);
  }

  protected charsetLabel(c: MachineCharset): string {
    return this.t(`selfCheck.charset.${c}` as MessageKey);
  }

  protected permissionLabel(p: keyof MachinePermissions): string {
    return this.t(`selfCheck.perm.${p}` as MessageKey);
  }

  protected edit(m: Machine): void {
    this.editing.set(m);
    this.form.reset({ name: m.name, login: m.login, branchCode: m.branchCode, permissions: m.permissions, charset: m.charset, enabled: m.enabled, password: '' });
    this.form.controls.login.disable();
    this.form.controls.password.disable();
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form.reset();
    this.form.controls.login.enable();
    this.form.controls.password.enable();
  }

  protected save(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsDirty();
      return;
    }
    const v = this.form.getRawValue();
    const editing = this.editing();
    const fields = { name: v.name.trim(), branchCode: v.branchCode, permissions: v.permissions, charset: v.charset };
    const request: Observable<Machine | MachineWithPassword> = editing
      ? this.machinesApi.update(editing.id, { ...fields, enabled: v.enabled })
      : this.machinesApi.create({ ...fields, login: v.login.trim(), ...(v.password ? { password: v.password } : {}) });
    this.busy.set(true);
    request.subscribe({
      next: (r) => {
        this.busy.set(false);
        this.cancel();
        if ('password' in r) this.show(r);
        else this.snackBar.open(this.t('selfCheck.saved', { name: r.name }), this.t('error.close'), { duration: 4000 });
        this.load();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!applyFieldErrors(this.form, e.errors).length && !e.notified) this.notifier.show(e);
      },
    });
  }

  protected setEnabled(m: Machine, enabled: boolean): void {
    this.machinesApi.update(m.id, { enabled }).subscribe({
      next: () => {
        this.snackBar.open(this.t(enabled ? 'selfCheck.resumed.done' : 'selfCheck.stopped.done', { name: m.name }), this.t('error.close'), { duration: 5000 });
        this.load();
      },
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected newPassword(m: Machine): void {
    confirmAction(this.dialog, { title: this.t('selfCheck.newPasswordTitle', { name: m.name }), body: this.t('selfCheck.newPasswordBody'), confirm: this.t('selfCheck.newPassword') })
      .pipe(
        filter(Boolean),
        switchMap(() => this.machinesApi.newPassword(m.id)),
      )
      .subscribe({ next: (r) => this.show(r), error: (e: ApiError) => this.fail(e) });
  }

  protected remove(m: Machine): void {
    confirmAction(this.dialog, { title: this.t('selfCheck.deleteTitle', { name: m.name }), body: this.t('selfCheck.deleteBody'), confirm: this.t('selfCheck.delete'), danger: true })
      .pipe(
        filter(Boolean),
        switchMap(() => this.machinesApi.remove(m.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.t('selfCheck.deleted', { name: m.name }), this.t('error.close'), { duration: 4000 });
          this.load();
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  private show(r: MachineWithPassword): void {
    this.copied.set(false);
    this.shown.set({ name: r.machine.name, login: r.machine.login, password: r.password });
    this.load();
  }

  protected copy(password: string): void {
    this.window?.navigator.clipboard?.writeText(password).then(
      () => this.copied.set(true),
      () => undefined,
    );
  }

  private fail(e: ApiError): void {
    if (!e.notified) this.notifier.show(e);
  }
}
