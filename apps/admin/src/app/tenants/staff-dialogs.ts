import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../core/i18n';

export interface StaffNameData {
  /** shown in the title: the display name or user name */
  name: string;
  displayName: string | null;
}

/** Edits a staff account's display name; closes with the new name ('' clears it), undefined when cancelled. */
@Component({
  selector: 'admin-staff-name-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>{{ t('staff.editTitle', { name: data.name }) }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="name">
          <mat-label>{{ t('staff.displayName') }}</mat-label>
          <input matInput formControlName="displayName" name="displayName" autocomplete="off" cdkFocusInitial />
          <mat-hint>{{ t('staff.displayNameHint') }}</mat-hint>
          @if (form.controls.displayName.hasError('maxlength')) {
            <mat-error>{{ t('staff.displayNameTooLong') }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()">{{ t('common.cancel') }}</button>
        <button mat-flat-button type="submit" class="save">{{ t('common.save') }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .name {
      width: 100%;
      min-width: min(24rem, 70vw);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffNameDialog {
  protected readonly data = inject<StaffNameData>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
  private readonly ref = inject<MatDialogRef<StaffNameDialog, string>>(MatDialogRef);
  protected readonly form = new FormGroup({
    displayName: new FormControl(this.data.displayName ?? '', { nonNullable: true, validators: [Validators.maxLength(100)] }),
  });

  protected save(): void {
    const name = this.form.controls.displayName;
    if (name.invalid) {
      name.markAsTouched();
      return;
    }
    this.ref.close(name.value.trim());
  }

  protected cancel(): void {
    this.ref.close(undefined);
  }
}

export interface StaffPasswordData {
  name: string;
  temporaryPassword: string;
}

/**
 * A staff member's temporary password, shown once: large, in a face that tells 0 from O,
 * with a copy button and a warning. It is kept nowhere after the dialog closes.
 */
@Component({
  selector: 'admin-staff-password-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ t('staff.tempTitle', { name: data.name }) }}</h2>
    <mat-dialog-content>
      <p class="password" data-temporary-password [attr.aria-label]="t('staff.tempLabel')" aria-describedby="staff-temp-once">
        {{ data.temporaryPassword }}
      </p>
      <div class="warn-box" role="note" id="staff-temp-once">
        <p>{{ t('staff.tempOnce') }}</p>
        <p>{{ t('staff.tempMustChange') }}</p>
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="copy" (click)="copy()" cdkFocusInitial>
        <mat-icon>content_copy</mat-icon>{{ copied() ? t('common.copied') : t('common.copy') }}
      </button>
      <button mat-flat-button type="button" mat-dialog-close>{{ t('common.close') }}</button>
    </mat-dialog-actions>
    <p class="visually-hidden" aria-live="polite">{{ copied() ? t('common.copied') : '' }}</p>
  `,
  styles: `
    .password {
      font-family: ui-monospace, 'Noto Sans Mono', Consolas, monospace;
      font-size: 1.75rem;
      letter-spacing: 0.1em;
      text-align: center;
      padding: 0.5rem;
      border: 2px solid var(--mat-sys-outline);
      border-radius: 8px;
      user-select: all;
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffPasswordDialog {
  protected readonly data = inject<StaffPasswordData>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
  private readonly window = inject(DOCUMENT).defaultView;
  protected readonly copied = signal(false);

  protected copy(): void {
    this.window?.navigator.clipboard?.writeText(this.data.temporaryPassword).then(
      () => this.copied.set(true),
      () => undefined,
    );
  }
}
