import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api, ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { StaffTable } from './staff-table';
import { StaffAccount, Tenant, TenantsApi } from './tenants-api';

const USERNAME = /^[A-Za-z0-9._@-]{3,60}$/;

/** One library for the regional admin: what it is and its staff accounts (list, add, manage). */
@Component({
  selector: 'admin-tenant-detail-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, LoadState, StaffTable],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './tenant-detail-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantDetailPage {
  /** From the route `tenants/:slug`. */
  readonly slug = input.required<string>();

  private readonly tenantsApi = inject(TenantsApi);
  private readonly api = inject(Api);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly tenant = new Loadable<Tenant>();
  protected readonly staff = new Loadable<StaffAccount[]>();
  protected readonly opacUrl = computed(() => `${this.api.prefix}/opac/${encodeURIComponent(this.slug())}/`);

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(USERNAME)] }),
    displayName: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(10)] }),
  });
  protected readonly busy = signal(false);
  protected readonly formError = signal<ApiError | null>(null);
  protected readonly formErrorText = computed(() => {
    const e = this.formError();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly serverError = (name: 'username' | 'displayName' | 'password') => serverError(this.form.controls[name], this.pick);

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => this.load(slug));
    });
  }

  protected load(slug = this.slug()): void {
    this.tenant.load(this.tenantsApi.get(slug));
    this.staff.load(this.tenantsApi.staff(slug));
  }

  /** An account changed in the table (edit, disable, reset, unlock): its row takes the API's answer. */
  protected replaceStaff(updated: StaffAccount): void {
    this.staff.set((this.staff.value() ?? []).map((s) => (s.id === updated.id ? { ...s, ...updated } : s)));
  }

  protected addStaff(): void {
    if (this.busy()) return;
    this.formError.set(null);
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) c.markAsDirty();
      this.focus(Object.entries(this.form.controls).find(([, c]) => c.invalid)?.[0]);
      return;
    }
    const { username, displayName, password } = this.form.getRawValue();
    this.busy.set(true);
    this.tenantsApi
      .createStaff(this.slug(), { username: username.trim(), password, role: 'librarian', ...(displayName.trim() ? { displayName: displayName.trim() } : {}) })
      .subscribe({
        next: (created) => {
          this.busy.set(false);
          this.form.reset();
          this.snackBar.open(this.t('staff.created', { name: created.username }), this.t('error.close'), { duration: 5000 });
          this.staff.load(this.tenantsApi.staff(this.slug()));
        },
        error: (e: ApiError) => {
          this.busy.set(false);
          if (e.code === 'STAFF_EXISTS') {
            this.form.controls.username.setErrors({ taken: true });
            this.focus('username');
            return;
          }
          const placed = e.code === 'VALIDATION' || e.code === 'WEAK_STAFF_PASSWORD' ? applyFieldErrors(this.form, e.errors) : [];
          if (e.code === 'WEAK_STAFF_PASSWORD' && !placed.length) {
            this.form.controls.password.setErrors({ minlength: true });
            this.form.controls.password.markAsDirty();
            placed.push('password');
          }
          if (placed.length) this.focus(placed[0]);
          else this.formError.set(e);
        },
      });
  }

  private focus(name: string | undefined): void {
    if (name) this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }
}
