import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { StaffPasswordData, StaffPasswordDialog } from './staff-dialogs';
import { StaffTable } from './staff-table';
import { StaffAccount, TenantsApi } from './tenants-api';

/** As the API takes it; spaces around it are trimmed before sending. */
const USERNAME = /^\s*[A-Za-z0-9._@-]{3,60}\s*$/;

/**
 * The platform admins (広域管理者) and their management, like a library's staff accounts;
 * a further admin is added with a temporary password, shown once.
 */
@Component({
  selector: 'admin-admins-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, LoadState, StaffTable],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './admins-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminsPage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly admins = new Loadable<StaffAccount[]>();

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(USERNAME)] }),
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<ApiError | null>(null);
  protected readonly formErrorText = computed(() => {
    const e = this.formError();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly serverError = (name: 'username' | 'displayName') => serverError(this.form.controls[name], this.pick);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.admins.load(this.tenantsApi.admins());
  }

  protected replace(updated: StaffAccount): void {
    this.admins.set((this.admins.value() ?? []).map((s) => (s.id === updated.id ? { ...s, ...updated } : s)));
  }

  /** Creates the admin, shows its temporary password once, and lists it. */
  protected add(): void {
    if (this.busy()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) c.markAsDirty();
      this.focus(Object.entries(this.form.controls).find(([, c]) => c.invalid)?.[0]);
      return;
    }
    const username = this.form.controls.username.value.trim();
    const displayName = this.form.controls.displayName.value.trim();
    this.busy.set(true);
    this.tenantsApi.createAdmin({ username, ...(displayName ? { displayName } : {}) }).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.form.reset();
        this.admins.set([...(this.admins.value() ?? []), r.staff]);
        this.snackBar.open(this.t('admins.added', { name: r.staff.username }), this.t('error.close'), { duration: 5000 });
        this.dialog.open<StaffPasswordDialog, StaffPasswordData>(StaffPasswordDialog, {
          data: { name: r.staff.displayName || r.staff.username, temporaryPassword: r.temporaryPassword },
          maxWidth: '34rem',
          disableClose: true,
        });
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.code === 'STAFF_EXISTS') {
          this.form.controls.username.setErrors({ taken: true });
          this.form.controls.username.markAsDirty();
          this.focus('username');
          return;
        }
        const placed = e.code === 'VALIDATION' ? applyFieldErrors(this.form, e.errors) : [];
        if (placed.length) this.focus(placed[0]);
        else this.formError.set(e);
      },
    });
  }

  private focus(name: string | undefined): void {
    if (name) this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }
}
