import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { map, Observable } from 'rxjs';
import { I18n } from './i18n';

export interface ConfirmData {
  title: string;
  body: string;
  confirm: string;
  /** Destructive actions get the error colour. */
  danger?: boolean;
}

/** "Are you sure?" for actions that are hard to undo; Cancel has the initial focus. */
@Component({
  selector: 'admin-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="body">{{ data.body }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ t('common.cancel') }}</button>
      <button mat-flat-button type="button" class="confirm" [class.danger]="data.danger" [mat-dialog-close]="true">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .body {
      white-space: pre-line;
    }
    .danger {
      background-color: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
}

/** Opens the dialog; emits once, true when confirmed. */
export function confirmAction(dialog: MatDialog, data: ConfirmData): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data, maxWidth: '32rem' })
    .afterClosed()
    .pipe(map((ok) => ok === true));
}
