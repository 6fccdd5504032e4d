import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { I18n } from '../core/i18n';
import { PickupPoint } from '../core/library';
import { PlacesApi } from './places-api';

/** How the dialog ended: the point deleted, taken out of use, or nothing done (null). */
export type DeletePickupPointOutcome = 'deleted' | 'deactivated' | null;

/**
 * Deleting a pickup point. Asks first (Cancel has the initial focus); the API then deletes
 * it, or takes it out of use when past holds name it. While holds still use it the API
 * refuses (409 PICKUP_POINT_IN_USE, saying how many): the dialog stays open with that
 * message, announced and focused, and offers to take the point out of use instead.
 */
@Component({
  selector: 'admin-delete-pickup-point-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ t('pickup.deleteTitle', { name: point.name }) }}</h2>
    <mat-dialog-content>
      <p>{{ t('pickup.deleteBody') }}</p>
      @if (refusal(); as message) {
        <div class="refusal" role="alert" tabindex="-1" #refusalBox>
          <strong>{{ t('pickup.deleteRefused') }}</strong>
          <p>{{ message }}</p>
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="null" cdkFocusInitial>{{ refusal() ? t('common.close') : t('common.cancel') }}</button>
      @if (!refusal()) {
        <button mat-flat-button type="button" class="danger" (click)="remove()" [disabled]="busy()">
          {{ busy() ? t('pickup.deleting') : t('pickup.deleteConfirm') }}
        </button>
      } @else if (point.active) {
        <button mat-stroked-button type="button" (click)="deactivate()" [disabled]="busy()">{{ t('pickup.deactivateInstead') }}</button>
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
export class DeletePickupPointDialog {
  protected readonly point = inject<{ point: PickupPoint }>(MAT_DIALOG_DATA).point;
  private readonly ref = inject<MatDialogRef<DeletePickupPointDialog, DeletePickupPointOutcome>>(MatDialogRef);
  private readonly places = inject(PlacesApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.t;
  protected readonly busy = signal(false);
  /** The API's refusal in the reader's language (it says how many holds use the point). */
  protected readonly refusal = signal<string | null>(null);
  private readonly refusalBox = viewChild<ElementRef<HTMLElement>>('refusalBox');

  protected remove(): void {
    this.busy.set(true);
    this.places.deletePickupPoint(this.point.code).subscribe({
      next: (r) => this.ref.close(r.outcome),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.status === 409 && e.code === 'PICKUP_POINT_IN_USE') {
          this.refusal.set(this.i18n.pick(e.localized));
          // the delete button is gone: keep focus in the dialog, on the message
          afterNextRender(() => this.refusalBox()?.nativeElement.focus(), { injector: this.injector });
        } else if (!e.notified) this.notifier.show(e);
      },
    });
  }

  protected deactivate(): void {
    this.busy.set(true);
    this.places.updatePickupPoint(this.point.code, { active: false }).subscribe({
      next: () => this.ref.close('deactivated'),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}

/** Opens the dialog; emits once with how it ended. */
export function deletePickupPoint(dialog: MatDialog, point: PickupPoint): Observable<DeletePickupPointOutcome | undefined> {
  return dialog
    .open<DeletePickupPointDialog, { point: PickupPoint }, DeletePickupPointOutcome>(DeletePickupPointDialog, {
      data: { point },
      maxWidth: '34rem',
    })
    .afterClosed();
}
