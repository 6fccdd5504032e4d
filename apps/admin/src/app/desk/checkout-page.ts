import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import type { CheckoutResult, StaffHoldView, StaffPatronView } from '@shiori/contracts';
import { PatronsApi } from '../patrons/patrons-api';
import { DeskApi, HomeCardCity } from './desk-api';
import { CardScan, CardScanned } from './card-scan';
import { DeskBar, deskBranch, deskStation } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';
import { LoanReceipt } from './loan-receipt';

/**
 * Check-out (貸出), built for a barcode scanner: the scanner types the number and sends
 * Enter. Card first (checked against the city's card rules as typed, then looked up), then
 * any number of items; each scan is queued, so a fast scanner never loses one, and the
 * focus never leaves the field. Esc starts over with the next patron.
 *
 * As Koha's circulation does: the card shows the patron's holds waiting on the hold shelf;
 * an item this patron already has, scanned again, offers a renewal; the visit's loans print
 * as a receipt (貸出レシート).
 *
 * 広域利用: where this library lends to residents of other cities on their home card, 「お住まいの
 * 市」 chooses that city before the card is scanned: the card is then the home city's (not
 * checked against this library's card rules), the visitor is found as registered here with it,
 * and each loan is asked for with the home city.
 */
@Component({
  selector: 'admin-checkout-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, CardScan, DeskBar, DeskFeedbackView, LoanReceipt],
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
  private readonly station = deskStation();
  protected readonly t = this.i18n.t;

  private readonly cardScan = viewChild(CardScan);
  private readonly itemInput = viewChild<ElementRef<HTMLInputElement>>('itemInput');

  protected readonly item = new FormControl('', { nonNullable: true });
  /** The normalised card number once the patron is confirmed. */
  protected readonly cardNumber = signal<string | null>(null);
  /** Cities whose residents borrow here on their home card; '' in `homeCity` is this library's own card. */
  protected readonly homeCities = signal<HomeCardCity[]>([]);
  protected readonly homeCity = signal('');
  /** The home city of the confirmed card (null: this library's card). */
  private readonly lendingHome = signal<string | null>(null);
  protected readonly patron = signal<StaffPatronView | null>(null);
  protected readonly currentLoans = signal<number | null>(null);
  protected readonly loans = signal<CheckoutResult[]>([]);
  protected readonly feedback = signal<DeskFeedback | null>(null);
  /** The patron's holds on the hold shelf (ready), to hand over with this visit's loans. */
  protected readonly readyHolds = signal<StaffHoldView[]>([]);
  /** An item this patron already has, scanned again: the renewal the desk offers. */
  protected readonly renewOffer = signal<string | null>(null);
  protected readonly renewing = signal(false);
  protected readonly readyRows = computed(() => {
    const lang = this.i18n.lang();
    return this.readyHolds().map((h) => ({ ...h, until: h.expiresAt ? formatDay(h.expiresAt, lang) : '' }));
  });
  private readonly queue: string[] = [];
  protected readonly waiting = signal(0);
  private processing = false;

  protected readonly loanRows = computed(() => {
    const lang = this.i18n.lang();
    return this.loans().map((l) => ({ ...l, due: formatDay(l.dueDate, lang) }));
  });

  constructor() {
    this.library.ensure();
    this.desk.homeCardCities().subscribe({ next: (list) => this.homeCities.set(list), error: () => undefined });
    afterNextRender(() => this.focusCard());
  }

  /** 「お住まいの市」: the next card scanned is that city's (or this library's, ''). */
  protected chooseHomeCity(slug: string): void {
    this.homeCity.set(slug);
    this.focusCard();
  }

  /** The card step (CardScan) ended: refuse the number, or start with this patron. */
  protected cardScanned({ typed, step }: CardScanned): void {
    if (step.kind === 'invalid') return this.refuseCard({ localized: step.message }, typed);
    if (step.kind === 'unknown') {
      const home = this.homeCities().find((c) => c.slug === this.homeCity());
      return this.refuseCard(home ? { key: 'checkout.homeCardUnknown', params: { city: home.name } } : { key: 'checkout.patronNotFound' }, step.number);
    }
    // found; or the lookup failed, a convenience only: the loan request itself still decides
    this.startPatron(step.number, step.kind === 'found' ? step.patron : null);
  }

  private startPatron(number: string, p: StaffPatronView | null): void {
    this.cardNumber.set(number);
    this.lendingHome.set(this.homeCity() || null);
    this.patron.set(p);
    this.loans.set([]);
    this.currentLoans.set(null);
    if (p?.status === 'blocked') {
      this.feedback.set({ kind: 'refused', title: { key: 'checkout.refused' }, lines: [{ key: 'checkout.patronBlocked' }], subject: number });
      this.beeper.refusal();
    } else if (p?.expiresAt && p.expiresAt < tokyoToday()) {
      // the counter serves an expired card (it is where cards are renewed); the policy may refuse it on the web and at self-check machines
      this.feedback.set({
        kind: 'info',
        title: { key: 'checkout.cardExpiredTitle' },
        lines: [{ key: 'checkout.cardExpired', params: { date: formatDay(p.expiresAt, this.i18n.lang()) } }, { key: 'checkout.cardExpiredCounter' }],
        subject: number,
      });
    } else {
      this.feedback.set(null);
    }
    this.readyHolds.set([]);
    this.renewOffer.set(null);
    if (p) {
      this.patrons.loans(p.id).subscribe({ next: (l) => this.currentLoans.set(l.length), error: () => undefined });
      this.patrons.holds(p.id).subscribe({ next: (h) => this.readyHolds.set(h.filter((x) => x.status === 'ready')), error: () => undefined });
    }
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
    this.desk.checkout(card, barcode, this.branch(), this.station(), this.lendingHome()).subscribe({
      next: (loan) => {
        this.loans.update((list) => [loan, ...list]);
        this.currentLoans.update((n) => (n === null ? null : n + 1));
        const lines: DeskFeedback['lines'] = [{ key: 'checkout.okDetail', params: { title: loan.title, due: formatDay(loan.dueDate, this.i18n.lang()) } }];
        if (loan.collectedHoldId) {
          lines.push({ key: 'checkout.collectedHold' });
          this.readyHolds.update((list) => list.filter((h) => h.id !== loan.collectedHoldId));
        }
        this.renewOffer.set(null);
        if (loan.cardExpired) lines.push({ key: 'checkout.cardExpiredCounter' });
        this.feedback.set({ kind: 'ok', title: { key: 'checkout.ok' }, lines, subject: barcode });
        this.beeper.success();
        this.done();
      },
      error: (e: ApiError) => {
        if (e.code === 'ITEM_ON_LOAN_TO_PATRON') {
          // the patron's own loan: not a mistake, a renewal to offer
          this.feedback.set({ kind: 'info', title: { key: 'checkout.onLoanToPatron' }, lines: [{ localized: e.localized }], subject: barcode });
          this.renewOffer.set(barcode);
        } else {
          this.feedback.set({ kind: 'refused', title: { key: 'checkout.refused' }, lines: [{ localized: e.localized }], subject: barcode });
          this.renewOffer.set(null);
          this.beeper.refusal();
        }
        this.done();
      },
    });
  }

  /** The offered renewal of the item scanned again (a counter renewal, by the policy's rules). */
  protected renewOffered(): void {
    const barcode = this.renewOffer();
    if (!barcode || this.renewing()) return;
    this.renewing.set(true);
    this.desk.renew(barcode, 'counter').subscribe({
      next: (loan) => {
        this.renewing.set(false);
        this.renewOffer.set(null);
        const lines: DeskFeedback['lines'] = [
          { key: 'checkout.okDetail', params: { title: loan.title, due: formatDay(loan.dueDate, this.i18n.lang()) } },
          { key: 'checkout.renewedDetail', params: { due: formatDay(loan.dueDate, this.i18n.lang()) } },
        ];
        this.feedback.set({ kind: 'ok', title: { key: 'checkout.renewed' }, lines, subject: barcode });
        this.beeper.success();
        this.focusItem();
      },
      error: (e: ApiError) => {
        this.renewing.set(false);
        this.renewOffer.set(null);
        this.feedback.set({ kind: 'refused', title: { key: 'checkout.renewRefused' }, lines: [{ localized: e.localized }], subject: barcode });
        this.beeper.refusal();
        this.focusItem();
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
    this.lendingHome.set(null);
    this.homeCity.set(''); // the next patron is most likely a resident: back to this library's card
    this.patron.set(null);
    this.loans.set([]);
    this.readyHolds.set([]);
    this.renewOffer.set(null);
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
