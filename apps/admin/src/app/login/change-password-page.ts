import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { LanguageToggle } from '../core/language-toggle';
import { Session } from '../core/session';

const MIN_LENGTH = 10;

function sameAsNew(control: AbstractControl): ValidationErrors | null {
  const group = control.parent as FormGroup | null;
  const next = group?.get('newPassword')?.value as string | undefined;
  return control.value && next !== undefined && control.value !== next ? { mismatch: true } : null;
}

/**
 * After signing in with a temporary password (issued by a platform admin), a staff member
 * sets their own before anything else: the API refuses every other route until then.
 */
@Component({
  selector: 'admin-change-password-page',
  imports: [ReactiveFormsModule, LanguageToggle, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  templateUrl: './change-password-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly who = this.session.displayName;
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(MIN_LENGTH)] }),
    again: new FormControl('', { nonNullable: true, validators: [Validators.required, sameAsNew] }),
  });
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly serverError = (name: 'currentPassword' | 'newPassword') => serverError(this.form.controls[name], this.pick);

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() => this.form.controls.again.updateValueAndValidity({ emitEvent: false }));
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focus(Object.entries(this.form.controls).find(([, c]) => c.invalid)?.[0]);
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.session.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.busy.set(false);
        this.snackBar.open(this.t('ownPassword.changed'), this.t('error.close'), { duration: 5000 });
        void this.router.navigateByUrl(this.session.homeUrl());
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.code === 'STAFF_CURRENT_PASSWORD_WRONG') {
          this.form.controls.currentPassword.setErrors({ server: e.localized });
          this.form.controls.currentPassword.markAsTouched();
          this.focus('currentPassword');
          return;
        }
        const placed = applyFieldErrors(this.form, e.errors);
        if (placed.length) this.focus(placed[0]);
        else this.error.set(e);
      },
    });
  }

  protected logout(): void {
    this.session.logout().subscribe();
  }

  private focus(name: string | undefined): void {
    if (name) this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }
}
