import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { I18n } from '../core/i18n';

/** Suspending shuts a city's OPAC and staff screens, so it is confirmed first. */
@Component({
  selector: 'admin-confirm-suspend-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ t('tenants.confirmSuspendTitle', { name: data.name }) }}</h2>
    <mat-dialog-content>
      <p>{{ t('tenants.confirmSuspendBody') }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ t('tenants.confirmCancel') }}</button>
      <button mat-flat-button type="button" class="confirm" [mat-dialog-close]="true">{{ t('tenants.suspend') }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .confirm {
      background-color: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmSuspendDialog {
  protected readonly data = inject<{ name: string }>(MAT_DIALOG_DATA);
  protected readonly t = inject(I18n).t;
}
