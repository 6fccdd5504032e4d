import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { I18n, Localized, MessageKey } from '../core/i18n';
import type { Branch, PickupPoint } from '@shiori/contracts';
import { PlacesApi } from './places-api';

/** The messages a delete dialog uses, each under its kind's prefix (`pickup.deleteTitle`, `branches.deleteTitle`, …). */
type DeleteMessage = 'deleteTitle' | 'deleteBody' | 'deleteRefused' | 'deleting' | 'deleteConfirm' | 'deactivateInstead';

/** What one kind of place (pickup point, branch) tells the delete dialog. */
export interface DeletePlaceData<O extends string = string> {
  /** The place's name, in the title. */
  name: string;
  /** Where its messages are. */
  keys: 'pickup' | 'branches';
  /** The API's 409 code for "still in use": shown in the dialog rather than notified. */
  inUseCode: string;
  /** Deletes it; the API says how (deleted, or taken out of use because history names it). */
  remove: (places: PlacesApi) => Observable<{ outcome: O }>;
  /** Takes it out of use (after a refusal, when offered). */
  deactivate: (places: PlacesApi) => Observable<unknown>;
  /** Whether a refusal offers to take it out of use instead. */
  offerDeactivate: boolean;
  /** How the dialog ends when it was taken out of use instead. */
  deactivatedOutcome: O;
}

/**
 * Deleting a place (a pickup point or a branch). Asks first (Cancel has the initial focus); the
 * API then deletes it, or takes it out of use when history names it. While something still uses
 * it the API refuses (409 with the kind's in-use code, saying what uses it): the dialog stays
 * open with that message, in Japanese then English, announced and focused, and offers to take
 * the place out of use instead (when the kind allows it).
 */
@Component({
  selector: 'admin-delete-place-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ t(key('deleteTitle'), { name: data.name }) }}</h2>
    <mat-dialog-content>
      <p>{{ t(key('deleteBody')) }}</p>
      @if (refusal(); as message) {
        <div class="refusal" role="alert" tabindex="-1" #refusalBox>
          <strong>{{ t(key('deleteRefused')) }}</strong>
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
          {{ busy() ? t(key('deleting')) : t(key('deleteConfirm')) }}
        </button>
      } @else if (data.offerDeactivate) {
        <button mat-stroked-button type="button" (click)="deactivate()" [disabled]="busy()">{{ t(key('deactivateInstead')) }}</button>
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
export class DeletePlaceDialog {
  protected readonly data = inject<DeletePlaceData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DeletePlaceDialog, string | null>>(MatDialogRef);
  private readonly places = inject(PlacesApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).t;
  protected readonly busy = signal(false);
  /** The API's refusal in both languages (it says what still uses the place). */
  protected readonly refusal = signal<Localized | null>(null);
  private readonly refusalBox = viewChild<ElementRef<HTMLElement>>('refusalBox');

  protected key(message: DeleteMessage): MessageKey {
    return `${this.data.keys}.${message}`;
  }

  protected remove(): void {
    this.busy.set(true);
    this.data.remove(this.places).subscribe({
      next: (r) => this.ref.close(r.outcome),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.status === 409 && e.code === this.data.inUseCode) {
          this.refusal.set(e.localized);
          // the delete button is gone: keep focus in the dialog, on the message
          afterNextRender(() => this.refusalBox()?.nativeElement.focus(), { injector: this.injector });
        } else if (!e.notified) this.notifier.show(e);
      },
    });
  }

  protected deactivate(): void {
    this.busy.set(true);
    this.data.deactivate(this.places).subscribe({
      next: () => this.ref.close(this.data.deactivatedOutcome),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}

/** Opens the dialog for one place; emits once with how it ended (null or undefined: nothing done). */
function deletePlace<O extends string>(dialog: MatDialog, data: DeletePlaceData<O>): Observable<O | null | undefined> {
  return dialog
    .open<DeletePlaceDialog, DeletePlaceData<O>, O | null>(DeletePlaceDialog, { data, maxWidth: '34rem' })
    .afterClosed();
}

/** How deleting a pickup point ended: deleted, taken out of use, or nothing done (null). */
export type DeletePickupPointOutcome = 'deleted' | 'deactivated' | null;

/**
 * How deleting a branch ended: deleted, taken out of use by the API because history names it,
 * taken out of use by the librarian after a refusal, or nothing done (null).
 */
export type DeleteBranchOutcome = 'deleted' | 'deactivated' | 'taken-out-of-use' | null;

/**
 * Deleting a pickup point: refused (409 PICKUP_POINT_IN_USE) while holds still use it; taking
 * it out of use instead is offered while it is in use.
 */
export function deletePickupPoint(dialog: MatDialog, point: PickupPoint): Observable<DeletePickupPointOutcome | undefined> {
  return deletePlace<NonNullable<DeletePickupPointOutcome>>(dialog, {
    name: point.name,
    keys: 'pickup',
    inUseCode: 'PICKUP_POINT_IN_USE',
    remove: (places) => places.deletePickupPoint(point.code),
    deactivate: (places) => places.updatePickupPoint(point.code, { active: false }),
    offerDeactivate: point.active,
    deactivatedOutcome: 'deactivated',
  });
}

/**
 * Deleting a branch with its pickup points: refused (409 BRANCH_IN_USE) while copies, open
 * loans or holds use it, or when it is the last branch in use; taking it out of use instead is
 * offered while it is in use and another branch is too (`othersInUse`).
 */
export function deleteBranch(dialog: MatDialog, branch: Branch, othersInUse: boolean): Observable<DeleteBranchOutcome | undefined> {
  return deletePlace<NonNullable<DeleteBranchOutcome>>(dialog, {
    name: branch.name,
    keys: 'branches',
    inUseCode: 'BRANCH_IN_USE',
    remove: (places) => places.deleteBranch(branch.code),
    deactivate: (places) => places.updateBranch(branch.code, { active: false }),
    offerDeactivate: branch.active && othersInUse,
    deactivatedOutcome: 'taken-out-of-use',
  });
}
