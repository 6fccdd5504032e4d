import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { map, Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { StaffPasswordData, StaffPasswordDialog } from './staff-dialogs';
import { StaffAccount, TenantsApi } from './tenants-api';

/** As the API takes it; spaces around it are trimmed before sending. */
const USERNAME = /^\s*[A-Za-z0-9._@-]{3,60}\s*$/;

type Field = 'username' | 'displayName' | 'password';

/**
 * The form that adds a staff account, for either kind the platform manages:
 *
 * - `role="librarian"` (a library's staff, `tenant` = its slug): user name, display name and an
 *   initial password chosen here (`POST /platform/tenants/{slug}/staff`);
 * - `role="platform-admin"` (広域管理者): user name and display name; the API issues a
 *   temporary password, shown once in a dialog (`POST /platform/admins`).
 *
 * Checks the fields before asking, puts the API's field errors (and a taken user name) on the
 * fields with the focus on the first, shows any other refusal in words, and announces the new
 * account with a snack bar. `created` then carries the account, for the page's list.
 */
@Component({
  selector: 'admin-staff-create-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './staff-create-form.html',
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffCreateForm {
  /** What the new account is: a library's librarian, or a further platform admin. */
  readonly role = input.required<StaffAccount['role']>();
  /** The library's slug; needed for a librarian. */
  readonly tenant = input<string | null>(null);
  /** The section heading's level in the page's outline (h2 under the page's h1, h3 under a section's h2). */
  readonly headingLevel = input<2 | 3>(2);
  /** The account was created (for a platform admin, its temporary password has been shown). */
  readonly created = output<StaffAccount>();

  private readonly tenantsApi = inject(TenantsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly isAdmin = computed(() => this.role() === 'platform-admin');
  protected readonly title = computed(() => this.t(this.isAdmin() ? 'admins.add' : 'staff.add'));
  protected readonly headingId = computed(() => (this.isAdmin() ? 'add-admin-heading' : 'add-staff-heading'));

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(USERNAME)] }),
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    /** A librarian's initial password; a platform admin gets a temporary one from the API (disabled then). */
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(10)] }),
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<ApiError | null>(null);
  protected readonly formErrorText = computed(() => {
    const e = this.formError();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly serverError = (name: Field) => serverError(this.form.controls[name], this.pick);

  constructor() {
    effect(() => {
      const password = this.form.controls.password;
      if (this.isAdmin()) password.disable();
      else password.enable();
    });
  }

  /** Checks the form, creates the account and resets the form for the next one. */
  protected add(): void {
    if (this.busy()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) c.markAsDirty();
      this.focus(Object.entries(this.form.controls).find(([, c]) => c.invalid)?.[0]);
      return;
    }
    const request = this.request();
    if (!request) return;
    this.busy.set(true);
    request.subscribe({
      next: ({ staff, temporaryPassword }) => {
        this.busy.set(false);
        this.form.reset();
        this.created.emit(staff);
        this.announce(staff, temporaryPassword);
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.code === 'STAFF_EXISTS') {
          this.form.controls.username.setErrors({ taken: true });
          this.form.controls.username.markAsDirty();
          this.focus('username');
          return;
        }
        const weak = e.code === 'WEAK_STAFF_PASSWORD' && !this.isAdmin();
        const placed = e.code === 'VALIDATION' || weak ? applyFieldErrors(this.form, e.errors) : [];
        if (weak && !placed.length) {
          this.form.controls.password.setErrors({ minlength: true });
          this.form.controls.password.markAsDirty();
          placed.push('password');
        }
        if (placed.length) this.focus(placed[0]);
        else this.formError.set(e);
      },
    });
  }

  /** The API call for this role: a librarian with the password typed here, or a platform admin with one the API issues. */
  private request(): Observable<{ staff: StaffAccount; temporaryPassword?: string }> | null {
    const username = this.form.controls.username.value.trim();
    const displayName = this.form.controls.displayName.value.trim();
    const named = displayName ? { displayName } : {};
    if (this.isAdmin()) return this.tenantsApi.createAdmin({ username, ...named });
    const slug = this.tenant();
    if (!slug) return null;
    const password = this.form.controls.password.value;
    return this.tenantsApi.createStaff(slug, { username, password, role: 'librarian', ...named }).pipe(map((staff) => ({ staff })));
  }

  /** Says the account was created; a platform admin's temporary password is shown once, in a dialog that must be closed. */
  private announce(staff: StaffAccount, temporaryPassword: string | undefined): void {
    const done = this.isAdmin() ? this.t('admins.added', { name: staff.username }) : this.t('staff.created', { name: staff.username });
    this.snackBar.open(done, this.t('error.close'), { duration: 5000 });
    if (temporaryPassword === undefined) return;
    this.dialog.open<StaffPasswordDialog, StaffPasswordData>(StaffPasswordDialog, {
      data: { name: staff.displayName || staff.username, temporaryPassword },
      maxWidth: '34rem',
      disableClose: true,
    });
  }

  private focus(name: string | undefined): void {
    if (name) this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }
}
