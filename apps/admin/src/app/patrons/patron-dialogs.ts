import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../core/i18n';

/** Blocking a patron asks for a reason (kept for staff, shown on the patron's page). */
@Component({
  selector: 'admin-block-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>{{ t('patron.blockTitle', { name: data.name }) }}</h2>
    <mat-dialog-content>
      <mat-form-field appearance="outline" class="reason">
        <mat-label>{{ t('patron.blockReason') }}</mat-label>
        <textarea matInput [formControl]="reason" name="reason" rows="3" cdkFocusInitial></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="null">{{ t('common.cancel') }}</button>
      <button mat-flat-button type="button" class="danger" [mat-dialog-close]="reason.value">{{ t('patron.block') }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .reason {
      width: 100%;
    }
    .danger {
      background-color: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BlockDialog {
  protected readonly data = inject<{ name: string }>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] });
}

/**
 * The temporary password, shown once: large, in a monospace face that tells 0 from O, with a
 * copy button. It is not kept anywhere after the dialog closes.
 */
@Component({
  selector: 'admin-temp-password-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ t('patron.tempPasswordShown') }}</h2>
    <mat-dialog-content>
      <p class="password" data-temporary-password>{{ data.temporaryPassword }}</p>
      <p class="warn-box" role="note">{{ t('patron.tempPasswordOnce') }}</p>
      @if (data.mustChangePassword) {
        <p>{{ t('patron.tempPasswordMustChange') }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="copy()"><mat-icon>content_copy</mat-icon>{{ copied() ? t('common.copied') : t('common.copy') }}</button>
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>{{ t('common.close') }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .password {
      font-family: ui-monospace, 'Noto Sans Mono', Consolas, monospace;
      font-size: 2rem;
      letter-spacing: 0.15em;
      text-align: center;
      padding: 0.5rem;
      border: 2px solid var(--mat-sys-outline);
      border-radius: 8px;
      user-select: all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TempPasswordDialog {
  protected readonly data = inject<{ temporaryPassword: string; mustChangePassword: boolean }>(MAT_DIALOG_DATA);
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
