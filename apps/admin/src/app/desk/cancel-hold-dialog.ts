import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../core/i18n';

/**
 * Cancelling a patron's hold at the desk asks for a reason (optional; kept in the audit log).
 * Closes with the reason (possibly empty) when confirmed, with null when not.
 */
@Component({
  selector: 'admin-cancel-hold-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>{{ t('placeHold.cancelTitle', { title: data.title }) }}</h2>
    <mat-dialog-content>
      <p>{{ t('placeHold.cancelBody') }}</p>
      <mat-form-field appearance="outline" class="reason">
        <mat-label>{{ t('placeHold.cancelReason') }}</mat-label>
        <input matInput [formControl]="reason" name="cancelReason" maxlength="200" autocomplete="off" cdkFocusInitial />
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="null">{{ t('common.cancel') }}</button>
      <button mat-flat-button type="button" class="danger" [mat-dialog-close]="reason.value.trim()" [disabled]="reason.invalid">
        {{ t('placeHold.cancelConfirm') }}
      </button>
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
export class CancelHoldDialog {
  protected readonly data = inject<{ title: string }>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] });
}
