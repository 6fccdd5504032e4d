import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { I18n, Localized } from '../core/i18n';
import { Branch } from '../core/library';
import { PlacesApi } from './places-api';

/**
 * How the dialog ended: the branch deleted, taken out of use by the API because history names
 * it, taken out of use by the librarian after a refusal, or nothing done (null).
 */
export type DeleteBranchOutcome = 'deleted' | 'deactivated' | 'taken-out-of-use' | null;

export interface DeleteBranchData {
  branch: Branch;
  /** Another branch is in use: taking this one out of use instead leaves the library one. */
  othersInUse: boolean;
}

/**
 * Deleting a branch, as deleting a pickup point. Asks first (Cancel has the initial focus);
 * the API then deletes it with its pickup points, or takes it out of use when history names
 * it. While copies, open loans or holds use it, or when it is the last branch in use, the API
 * refuses (409 BRANCH_IN_USE, saying what uses it): the dialog stays open with that message,
 * in Japanese then English, announced and focused, and offers to take the branch out of use
 * instead (unless no other branch is in use).
 */
@Component({
  selector: 'admin-delete-branch-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ t('branches.deleteTitle', { name: branch.name }) }}</h2>
    <mat-dialog-content>
      <p>{{ t('branches.deleteBody') }}</p>
      @if (refusal(); as message) {
        <div class="refusal" role="alert" tabindex="-1" #refusalBox>
          <strong>{{ t('branches.deleteRefused') }}</strong>
          <p lang="ja">{{ message.ja }}</p>
          @if (message.en && message.en !== message.ja) {
            <p lang="en">{{ message.en }}</p>
          }
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="null" cdkFocusInitial>{{ refusal() ? t('common.close') : t('common.cancel') }}</button>
      @if (!refusal()) {
        <button mat-flat-button type="button" class="danger" (click)="remove()" [disabled]="busy()">
          {{ busy() ? t('branches.deleting') : t('branches.deleteConfirm') }}
        </button>
      } @else if (branch.active && othersInUse) {
        <button mat-stroked-button type="button" (click)="deactivate()" [disabled]="busy()">{{ t('branches.deactivateInstead') }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .refusal {
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      padding: 0.5rem 0.75rem;
      border-radius: 4px;
    }
    .refusal p {
      margin: 0.25rem 0 0;
    }
    .danger {
      background-color: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeleteBranchDialog {
  private readonly data = inject<DeleteBranchData>(MAT_DIALOG_DATA);
  protected readonly branch = this.data.branch;
  protected readonly othersInUse = this.data.othersInUse;
  private readonly ref = inject<MatDialogRef<DeleteBranchDialog, DeleteBranchOutcome>>(MatDialogRef);
  private readonly places = inject(PlacesApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.t;
  protected readonly busy = signal(false);
  /** The API's refusal in both languages (it says what still uses the branch). */
  protected readonly refusal = signal<Localized | null>(null);
  private readonly refusalBox = viewChild<ElementRef<HTMLElement>>('refusalBox');

  protected remove(): void {
    this.busy.set(true);
    this.places.deleteBranch(this.branch.code).subscribe({
      next: (r) => this.ref.close(r.outcome),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.status === 409 && e.code === 'BRANCH_IN_USE') {
          this.refusal.set(e.localized);
          // the delete button is gone: keep focus in the dialog, on the message
          afterNextRender(() => this.refusalBox()?.nativeElement.focus(), { injector: this.injector });
        } else if (!e.notified) this.notifier.show(e);
      },
    });
  }

  protected deactivate(): void {
    this.busy.set(true);
    this.places.updateBranch(this.branch.code, { active: false }).subscribe({
      next: () => this.ref.close('taken-out-of-use'),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}

/** Opens the dialog; emits once with how it ended. */
export function deleteBranch(dialog: MatDialog, branch: Branch, othersInUse: boolean): Observable<DeleteBranchOutcome | undefined> {
  return dialog
    .open<DeleteBranchDialog, DeleteBranchData, DeleteBranchOutcome>(DeleteBranchDialog, {
      data: { branch, othersInUse },
      maxWidth: '34rem',
    })
    .afterClosed();
}
