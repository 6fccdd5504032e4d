import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { DeskApi } from './desk-api';
import { DeskBar } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';

/**
 * Counter renewal (延長): allowed even where the city has no online renewal (city003); the
 * policy still refuses for holds by others or the renewal limit, in its own words.
 */
@Component({
  selector: 'admin-renewal-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatButtonToggleModule, DeskBar, DeskFeedbackView],
  template: `
    <h1 class="page-title">{{ t('renewal.title') }}</h1>
    <admin-desk-bar />
    <div class="channel">
      <span id="channel-label">{{ t('renewal.channel') }}</span>
      <mat-button-toggle-group [formControl]="channel" aria-labelledby="channel-label">
        <mat-button-toggle value="counter">{{ t('renewal.counter') }}</mat-button-toggle>
        <mat-button-toggle value="phone">{{ t('renewal.phone') }}</mat-button-toggle>
      </mat-button-toggle-group>
    </div>
    <section class="scan" aria-labelledby="item-label">
      <mat-form-field appearance="outline" class="scan-field" subscriptSizing="dynamic">
        <mat-label id="item-label">{{ t('renewal.item') }}</mat-label>
        <input #itemInput matInput [formControl]="item" name="itemBarcode" autocomplete="off" spellcheck="false" (keydown.enter)="submit($event)" />
        <mat-hint>{{ t('desk.scanHint') }}</mat-hint>
      </mat-form-field>
      <button mat-flat-button type="button" (click)="submit()" [disabled]="busy()">{{ t('renewal.submit') }}</button>
    </section>
    <admin-desk-feedback [feedback]="feedback()" />
  `,
  styleUrl: './desk-page.scss',
  styles: `
    .channel {
      display: flex;
      gap: 1rem;
      align-items: center;
      margin-bottom: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenewalPage {
  private readonly desk = inject(DeskApi);
  private readonly beeper = inject(Beeper);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  private readonly itemInput = viewChild<ElementRef<HTMLInputElement>>('itemInput');
  protected readonly item = new FormControl('', { nonNullable: true });
  protected readonly channel = new FormControl<'counter' | 'phone'>('counter', { nonNullable: true });
  protected readonly feedback = signal<DeskFeedback | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    afterNextRender(() => this.focus());
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    const barcode = this.item.value.trim();
    if (!barcode || this.busy()) return;
    this.item.setValue('');
    this.busy.set(true);
    this.desk.renew(barcode, this.channel.value).subscribe({
      next: (loan) => {
        this.busy.set(false);
        this.feedback.set({
          kind: 'ok',
          title: { key: 'renewal.ok' },
          lines: [{ key: 'renewal.okDetail', params: { title: loan.title, due: formatDay(loan.dueDate, this.i18n.lang()) } }],
          subject: barcode,
        });
        this.beeper.success();
        this.focus();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.feedback.set({ kind: 'refused', title: { key: 'renewal.refused' }, lines: [{ localized: e.localized }], subject: barcode });
        this.beeper.refusal();
        this.focus();
      },
    });
  }

  private focus(): void {
    this.itemInput()?.nativeElement.focus();
  }
}
