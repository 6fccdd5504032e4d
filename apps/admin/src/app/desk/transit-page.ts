import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import type { TrappedHold } from '@shiori/contracts';
import { DeskApi } from './desk-api';
import { DeskBar, deskBranch } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';
import { HoldSlip } from './hold-slip';

/** Receiving copies sent from another branch for a hold: each becomes ready on the hold shelf here. */
@Component({
  selector: 'admin-transit-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, DeskBar, DeskFeedbackView, HoldSlip],
  template: `
    <h1 class="page-title">{{ t('transit.title') }}</h1>
    <admin-desk-bar />
    <section class="scan" aria-labelledby="item-label">
      <mat-form-field appearance="outline" class="scan-field" subscriptSizing="dynamic">
        <mat-label id="item-label">{{ t('transit.item') }}</mat-label>
        <input #itemInput matInput [formControl]="item" name="itemBarcode" autocomplete="off" spellcheck="false" (keydown.enter)="submit($event)" />
        <mat-hint>{{ t('desk.scanHint') }}</mat-hint>
      </mat-form-field>
      <button mat-flat-button type="button" (click)="submit()" [disabled]="busy()">{{ t('transit.submit') }}</button>
    </section>
    <admin-desk-feedback [feedback]="feedback()" />
    @if (slip(); as hold) {
      <admin-hold-slip [hold]="hold" />
    }
  `,
  styleUrl: './desk-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransitPage {
  private readonly desk = inject(DeskApi);
  private readonly beeper = inject(Beeper);
  private readonly i18n = inject(I18n);
  private readonly branch = deskBranch();
  protected readonly t = this.i18n.t;
  private readonly itemInput = viewChild<ElementRef<HTMLInputElement>>('itemInput');
  protected readonly item = new FormControl('', { nonNullable: true });
  protected readonly feedback = signal<DeskFeedback | null>(null);
  protected readonly slip = signal<TrappedHold | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    afterNextRender(() => this.focus());
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    const barcode = this.item.value.trim();
    if (!barcode || this.busy()) return;
    const branch = this.branch();
    if (!branch) {
      this.feedback.set({ kind: 'refused', title: { key: 'transit.refused' }, lines: [{ key: 'transit.needBranch' }] });
      this.beeper.refusal();
      return;
    }
    this.item.setValue('');
    this.busy.set(true);
    this.desk.receiveTransit(barcode, branch).subscribe({
      next: (r) => {
        this.busy.set(false);
        const h = r.trappedHold;
        if (h) {
          this.feedback.set({
            kind: 'hold',
            title: { key: 'transit.ok' },
            lines: [{ key: 'checkin.trappedReadyDetail', params: { pickup: h.pickupPointName, lastDay: formatDay(h.lastDay, this.i18n.lang()) } }],
            subject: barcode,
          });
          this.beeper.success();
        } else {
          this.feedback.set({ kind: 'info', title: { key: 'transit.none' }, subject: barcode });
        }
        this.slip.set(h ?? null);
        this.focus();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.feedback.set({ kind: 'refused', title: { key: 'transit.refused' }, lines: [{ localized: e.localized }], subject: barcode });
        this.slip.set(null);
        this.beeper.refusal();
        this.focus();
      },
    });
  }

  private focus(): void {
    this.itemInput()?.nativeElement.focus();
  }
}
