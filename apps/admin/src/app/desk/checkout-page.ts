import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Patron, PatronsApi } from '../patrons/patrons-api';
import { DeskApi, Loan } from './desk-api';
import { CardScan, CardScanned } from './card-scan';
import { DeskBar, deskBranch } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';

/**
 * Check-out (貸出), built for a barcode scanner: the scanner types the number and sends
 * Enter. Card first (checked against the city's card rules as typed, then looked up), then
 * any number of items; each scan is queued, so a fast scanner never loses one, and the
 * focus never leaves the field. Esc starts over with the next patron.
 */
@Component({
  selector: 'admin-checkout-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, CardScan, DeskBar, DeskFeedbackView],
  templateUrl: './checkout-page.html',
  styleUrl: './desk-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'nextPatron()' },
})
export class CheckoutPage {
  private readonly desk = inject(DeskApi);
  private readonly patrons = inject(PatronsApi);
  private readonly library = inject(Library);
  private readonly beeper = inject(Beeper);
  private readonly i18n = inject(I18n);
  private readonly branch = deskBranch();
  protected readonly t = this.i18n.t;

  private readonly cardScan = viewChild(CardScan);
  private readonly itemInput = viewChild<ElementRef<HTMLInputElement>>('itemInput');

  protected readonly item = new FormControl('', { nonNullable: true });
  /** The normalised card number once the patron is confirmed. */
  protected readonly cardNumber = signal<string | null>(null);
  protected readonly patron = signal<Patron | null>(null);
  protected readonly currentLoans = signal<number | null>(null);
  protected readonly loans = signal<Loan[]>([]);
  protected readonly feedback = signal<DeskFeedback | null>(null);
  private readonly queue: string[] = [];
  protected readonly waiting = signal(0);
  private processing = false;

  protected readonly loanRows = computed(() => {
    const lang = this.i18n.lang();
    return this.loans().map((l) => ({ ...l, due: formatDay(l.dueDate, lang) }));
  });

  constructor() {
    this.library.ensure();
    afterNextRender(() => this.focusCard());
  }

  /** The card step (CardScan) ended: refuse the number, or start with this patron. */
  protected cardScanned({ typed, step }: CardScanned): void {
    if (step.kind === 'invalid') return this.refuseCard({ localized: step.message }, typed);
    if (step.kind === 'unknown') return this.refuseCard({ key: 'checkout.patronNotFound' }, step.number);
    // found; or the lookup failed, a convenience only: the loan request itself still decides
    this.startPatron(step.number, step.kind === 'found' ? step.patron : null);
  }

  private startPatron(number: string, p: Patron | null): void {
    this.cardNumber.set(number);
    this.patron.set(p);
    this.loans.set([]);
    this.currentLoans.set(null);
    if (p?.status === 'blocked') {
      this.feedback.set({ kind: 'refused', title: { key: 'checkout.refused' }, lines: [{ key: 'checkout.patronBlocked' }], subject: number });
      this.beeper.refusal();
    } else if (p?.expiresAt && p.expiresAt < tokyoToday()) {
      this.feedback.set({
        kind: 'refused',
        title: { key: 'checkout.refused' },
        lines: [{ key: 'checkout.cardExpired', params: { date: formatDay(p.expiresAt, this.i18n.lang()) } }],
        subject: number,
      });
      this.beeper.refusal();
    } else {
      this.feedback.set(null);
    }
    if (p) this.patrons.loans(p.id).subscribe({ next: (l) => this.currentLoans.set(l.length), error: () => undefined });
    setTimeout(() => this.focusItem());
  }

  private refuseCard(reason: DeskFeedback['title'], subject: string): void {
    this.feedback.set({ kind: 'refused', title: { key: 'checkout.refused' }, lines: [reason], subject });
    this.beeper.refusal();
    this.cardScan()?.focus(true); // the next scan replaces the wrong number
  }

  /** Enter in the item field: queue the barcode and clear the field for the next scan. */
  protected submitItem(event?: Event): void {
    event?.preventDefault();
    const barcode = this.item.value.trim();
    this.item.setValue('');
    this.focusItem();
    if (!barcode || !this.cardNumber()) return;
    this.queue.push(barcode);
    this.waiting.set(this.queue.length);
    this.drain();
  }

  private drain(): void {
    if (this.processing) return;
    const barcode = this.queue.shift();
    this.waiting.set(this.queue.length);
    const card = this.cardNumber();
    if (!barcode || !card) return;
    this.processing = true;
    this.desk.checkout(card, barcode, this.branch()).subscribe({
      next: (loan) => {
        this.loans.update((list) => [loan, ...list]);
        this.currentLoans.update((n) => (n === null ? null : n + 1));
        const lines: DeskFeedback['lines'] = [{ key: 'checkout.okDetail', params: { title: loan.title, due: formatDay(loan.dueDate, this.i18n.lang()) } }];
        if (loan.collectedHoldId) lines.push({ key: 'checkout.collectedHold' });
        this.feedback.set({ kind: 'ok', title: { key: 'checkout.ok' }, lines, subject: barcode });
        this.beeper.success();
        this.done();
      },
      error: (e: ApiError) => {
        this.feedback.set({ kind: 'refused', title: { key: 'checkout.refused' }, lines: [{ localized: e.localized }], subject: barcode });
        this.beeper.refusal();
        this.done();
      },
    });
  }

  private done(): void {
    this.processing = false;
    this.focusItem();
    this.drain();
  }

  /** Esc or the button: forget this patron and wait for the next card. */
  protected nextPatron(): void {
    this.queue.length = 0;
    this.waiting.set(0);
    this.cardNumber.set(null);
    this.patron.set(null);
    this.loans.set([]);
    this.feedback.set(null);
    this.cardScan()?.clear();
    this.item.setValue('');
    setTimeout(() => this.focusCard());
  }

  private focusCard(): void {
    this.cardScan()?.focus();
  }

  private focusItem(): void {
    this.itemInput()?.nativeElement.focus();
  }
}
