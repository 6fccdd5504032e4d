import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { I18n } from '../core/i18n';
import { changeValue } from './change-value';

export interface SaveDialogData {
  changes: { label: string; before: unknown; after: unknown }[];
}

/** "These N changes become version N+1": the diff, readable, before the policy is saved. */
@Component({
  selector: 'admin-policy-save-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ t('policy.confirmTitle', { count: data.changes.length }) }}</h2>
    <mat-dialog-content>
      <p>{{ t('policy.confirmBody') }}</p>
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">{{ t('history.field') }}</th>
            <th scope="col">{{ t('history.before') }}</th>
            <th scope="col">{{ t('history.after') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (c of data.changes; track $index) {
            <tr>
              <th scope="row">{{ c.label }}</th>
              <td><del>{{ value(c.before) }}</del></td>
              <td><ins>{{ value(c.after) }}</ins></td>
            </tr>
          }
        </tbody>
      </table>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ t('common.cancel') }}</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" cdkFocusInitial>{{ t('policy.saveVersion') }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    del {
      color: var(--mat-sys-error);
    }
    ins {
      text-decoration: none;
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SaveDialog {
  protected readonly data = inject<SaveDialogData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected value(v: unknown): string {
    return changeValue(v, this.i18n.pick);
  }
}
