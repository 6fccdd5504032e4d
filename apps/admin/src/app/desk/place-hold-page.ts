import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { defaultHoldContact, defaultPickupPoint, isActiveHold } from '@shiori/policy';
import { filter, switchMap } from 'rxjs';
import { CatalogApi } from '../catalog/catalog-api';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay, formatTime, tokyoToday } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable } from '../core/load-state';
import type { DeskHoldView, StaffHoldView, StaffPatronView, StaffRecordHit, StaffRecordSearchResult } from '@shiori/contracts';
import { PatronsApi } from '../patrons/patrons-api';
import { CancelHoldDialog } from './cancel-hold-dialog';
import { DeskApi } from './desk-api';
import { CardScan, CardScanned } from './card-scan';
import { DeskBar, deskBranch } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';

const RESULT_SIZE = 10;

/**
 * 予約受付: a hold taken for a patron standing at the counter or phoning in. Card first (as
 * at check-out: checked against the city's card rules, then looked up), then the record by
 * title, author or ISBN, or by scanning a copy's barcode (one hit is chosen at once), then the
 * pickup point and contact. The API decides with the patron's own rules; a refusal is shown in
 * words, and a hold-limit refusal offers an explicit 上限を超えて受け付ける. The patron's
 * current holds are listed below, each active one with a cancel button. Esc starts over.
 */
@Component({
  selector: 'admin-place-hold-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatSelectModule,
    MatCheckboxModule,
    CardScan,
    DeskBar,
    DeskFeedbackView,
  ],
  templateUrl: './place-hold-page.html',
  styleUrls: ['./desk-page.scss', './place-hold-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'nextPatron()' },
})
export class PlaceHoldPage {
  private readonly desk = inject(DeskApi);
  private readonly patrons = inject(PatronsApi);
  private readonly catalogue = inject(CatalogApi);
  private readonly library = inject(Library);
  private readonly beeper = inject(Beeper);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly branch = deskBranch();
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  private readonly cardScan = viewChild(CardScan);
  private readonly recordInput = viewChild<ElementRef<HTMLInputElement>>('recordInput');
  private readonly submitButton = viewChild('submitButton', { read: ElementRef<HTMLButtonElement> });
  private readonly overrideButton = viewChild('overrideButton', { read: ElementRef<HTMLButtonElement> });

  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly note = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] });

  /** The normalised card number once the patron is confirmed. */
  protected readonly cardNumber = signal<string | null>(null);
  protected readonly patron = signal<StaffPatronView | null>(null);
  protected readonly holds = new Loadable<StaffHoldView[]>();

  protected readonly searching = signal(false);
  protected readonly result = signal<StaffRecordSearchResult | null>(null);
  protected readonly selected = signal<StaffRecordHit | null>(null);
  protected readonly submitting = signal(false);
  protected readonly feedback = signal<DeskFeedback | null>(null);
  /** The last refusal was the hold limit: staff may take the hold beyond it, explicitly. */
  protected readonly overrideOffered = signal(false);

  protected readonly hits = computed(() =>
    (this.result()?.hits ?? []).map((h) => ({
      ...h,
      authorsText: (h.authors ?? []).map((a) => a.name).join('、'),
      label: h.volume ? `${h.title} ${h.volume}` : h.title,
    })),
  );
  /** What the search found, for the polite live region. */
  protected readonly resultText = computed(() => {
    const r = this.result();
    if (!r) return '';
    if (!r.hits.length) return this.t('placeHold.noResults');
    const found = this.t('placeHold.results', { count: r.total });
    return r.total > r.hits.length ? `${found} ${this.t('placeHold.resultsMore', { count: r.hits.length, total: r.total })}` : found;
  });

  protected readonly pickupPoints = computed(() => {
    const lang = this.i18n.lang();
    const order = new Map(this.library.activeBranches().map((b, i) => [b.code, i]));
    return this.library
      .pickupPoints()
      .filter((p) => p.active && order.has(p.branchCode))
      .sort((a, b) => order.get(a.branchCode)! - order.get(b.branchCode)!)
      .map((p) => ({
        code: p.code,
        kind: p.kind,
        branchCode: p.branchCode,
        label: (lang === 'en' && p.nameEn) || p.name,
        // what the patron should be told about it (the city's note, e.g. 「予約本受取窓口は4階です。」)
        note: p.note ? (lang === 'en' && p.note.en) || p.note.ja : '',
      }));
  });

  protected readonly pickupNote = computed(() => this.pickupPoints().find((p) => p.code === this.pickup())?.note ?? '');
  /**
   * The one rule of the three tiers (libs/policy `defaultPickupPoint`): the point of the
   * patron's latest hold (the API's `lastPickupPointCode`) while it is offered, else this
   * desk's counter, else the first branch's counter.
   */
  private readonly defaultPickup = computed(
    () => defaultPickupPoint({ points: this.pickupPoints(), lastUsedPointCode: this.patron()?.lastPickupPointCode, deskBranchCode: this.branch() })?.code ?? '',
  );
  protected readonly pickup = linkedSignal(() => this.defaultPickup());

  protected readonly contactMethods = computed(() => this.library.policy.value()?.holds.contactMethods ?? ['none']);
  protected readonly contactOptions = computed(() => this.contactMethods().map((m) => ({ code: m, label: this.t(('placeHold.contact.' + m) as MessageKey) })));
  /** As the OPAC's form: e-mail when the city offers it and the patron has an address. */
  protected readonly contact = linkedSignal(() => defaultHoldContact(this.contactMethods(), !!this.patron()?.email));
  /** Kushiro: the hold-received mail is sent when the patron asks for it. */
  protected readonly offerEmailConfirmation = computed(() => this.library.policy.value()?.notices.holdPlaced === 'opt-in' && this.contact() === 'email');
  protected readonly emailConfirmation = signal(false);

  protected readonly holdRows = computed(() => {
    const lang = this.i18n.lang();
    return (this.holds.value() ?? []).map((h) => ({
      ...h,
      statusText: this.i18n.pick(h.statusLabel),
      placed: formatTime(h.placedAt, lang),
      via: this.t(('placeHold.via.' + h.placedVia) as MessageKey) + (h.placedByStaff ? `（${h.placedByStaff}）` : ''),
      active: isActiveHold(h.status),
    }));
  });

  constructor() {
    this.library.ensure();
    afterNextRender(() => this.focusCard());
  }

  /** The card step (CardScan) ended: refuse the number, or start with this patron. */
  protected cardScanned({ typed, step }: CardScanned): void {
    if (step.kind === 'invalid') return this.refuseCard({ localized: step.message }, typed);
    if (step.kind === 'unknown') return this.refuseCard({ key: 'placeHold.patronNotFound' }, step.number);
    // found; or the lookup failed, a convenience only: the hold request itself still decides
    this.startPatron(step.number, step.kind === 'found' ? step.patron : null);
  }

  private startPatron(number: string, p: StaffPatronView | null): void {
    this.cardNumber.set(number);
    this.patron.set(p);
    this.clearRecord();
    this.emailConfirmation.set(false);
    if (p?.status === 'blocked') {
      this.feedback.set({ kind: 'refused', title: { key: 'placeHold.check' }, lines: [{ key: 'placeHold.patronBlocked' }], subject: number });
      this.beeper.refusal();
    } else if (p?.expiresAt && p.expiresAt < tokyoToday()) {
      // the counter serves an expired card, as it lends on one (the web may refuse it): a reminder, not a refusal
      this.feedback.set({
        kind: 'info',
        title: { key: 'placeHold.check' },
        lines: [{ key: 'placeHold.cardExpired', params: { date: formatDay(p.expiresAt, this.i18n.lang()) } }, { key: 'placeHold.cardExpiredCounter' }],
        subject: number,
      });
    } else {
      this.feedback.set(null);
    }
    if (p) this.holds.load(this.patrons.holds(p.id), false);
    else this.holds.value.set(null);
    setTimeout(() => this.focusRecord());
  }

  private refuseCard(reason: DeskFeedback['title'], subject: string): void {
    this.feedback.set({ kind: 'refused', title: { key: 'placeHold.refused' }, lines: [reason], subject });
    this.beeper.refusal();
    this.cardScan()?.focus(true); // the next scan replaces the wrong number
  }

  /** Enter in the record field: search by words, ISBN or a copy's barcode; one hit is chosen at once. */
  protected searchRecord(event?: Event): void {
    event?.preventDefault();
    const q = this.query.value.trim();
    if (!q || this.searching() || !this.cardNumber()) return;
    this.searching.set(true);
    this.selected.set(null);
    this.overrideOffered.set(false);
    this.catalogue.searchRecords(q, { size: RESULT_SIZE }).subscribe({
      next: (r) => {
        this.searching.set(false);
        this.result.set(r);
        if (r.hits.length === 1) this.select(r.hits[0]);
      },
      error: (e: ApiError) => {
        this.searching.set(false);
        this.result.set(null);
        this.feedback.set({ kind: 'refused', title: { key: 'placeHold.refused' }, lines: [{ localized: e.localized }], subject: q });
        this.beeper.refusal();
      },
    });
  }

  protected select(hit: StaffRecordHit): void {
    this.selected.set(hit);
    this.overrideOffered.set(false);
    setTimeout(() => this.submitButton()?.nativeElement.focus());
  }

  /** Back to the search results (or the search field) to choose another record. */
  protected changeRecord(): void {
    this.selected.set(null);
    this.overrideOffered.set(false);
    setTimeout(() => this.focusRecord(true));
  }

  protected submit(override = false): void {
    const card = this.cardNumber();
    const record = this.selected();
    if (!card || !record || this.submitting() || this.note.invalid) return;
    this.submitting.set(true);
    const note = this.note.value.trim();
    this.desk
      .placeHold({
        patronCard: card,
        recordId: record.id,
        ...(this.pickup() ? { pickupPoint: this.pickup() } : {}),
        contact: this.contact(),
        ...(this.offerEmailConfirmation() && this.emailConfirmation() ? { emailConfirmation: true } : {}),
        ...(note ? { note } : {}),
        ...(override ? { override: true } : {}),
      })
      .subscribe({
        next: (hold) => this.placed(hold),
        error: (e: ApiError) => this.refused(e, record),
      });
  }

  private placed(hold: DeskHoldView): void {
    this.submitting.set(false);
    this.overrideOffered.set(false);
    const title = hold.volume ? `${hold.title} ${hold.volume}` : hold.title;
    const lines: DeskFeedback['lines'] = [{ key: 'placeHold.okDetail', params: { title, pickup: hold.pickupPointName } }];
    if (hold.queuePosition !== null) lines.push({ key: 'placeHold.okQueue', params: { position: hold.queuePosition } });
    if (hold.limitOverridden) lines.push({ key: 'placeHold.okOverridden' });
    if (hold.noticeQueued) lines.push({ key: 'placeHold.okNotice' });
    if (hold.cardExpired) lines.push({ key: 'placeHold.cardExpiredCounter' });
    this.feedback.set({ kind: 'ok', title: { key: 'placeHold.ok' }, lines, subject: hold.patron.cardNumber });
    this.beeper.success();
    // this hold is now the patron's latest: the next one starts at its pickup point, as the API's patron view will say
    this.patron.update((p) => (p ? { ...p, lastPickupPointCode: hold.pickupPointCode } : p));
    this.reloadHolds(hold.patron.id);
    this.clearRecord();
    setTimeout(() => this.focusRecord());
  }

  private refused(e: ApiError, record: StaffRecordHit): void {
    this.submitting.set(false);
    const limit = e.code === 'HOLD_LIMIT';
    this.overrideOffered.set(limit);
    this.feedback.set({
      kind: 'refused',
      title: { key: 'placeHold.refused' },
      lines: [{ localized: e.localized }],
      subject: record.volume ? `${record.title} ${record.volume}` : record.title,
    });
    this.beeper.refusal();
    // on the hold limit the next step is the explicit override; otherwise another record
    setTimeout(() => (limit ? this.overrideButton()?.nativeElement.focus() : this.focusRecord(true)));
  }

  protected cancelHold(hold: StaffHoldView): void {
    this.dialog
      .open<CancelHoldDialog, { title: string }, string | null>(CancelHoldDialog, { data: { title: hold.title }, width: '30rem' })
      .afterClosed()
      .pipe(
        filter((reason): reason is string => reason !== null && reason !== undefined),
        switchMap((reason) => this.desk.cancelHold(hold.id, reason || undefined)),
      )
      .subscribe({
        next: () => {
          this.feedback.set({ kind: 'info', title: { key: 'placeHold.cancelled' }, lines: [{ key: 'placeHold.cancelledDetail', params: { title: hold.title } }] });
          this.reloadHolds();
          setTimeout(() => this.focusRecord());
        },
        error: (e: ApiError) => {
          this.feedback.set({ kind: 'refused', title: { key: 'placeHold.cancelRefused' }, lines: [{ localized: e.localized }], subject: hold.title });
          this.beeper.refusal();
        },
      });
  }

  private reloadHolds(patronId = this.patron()?.id): void {
    if (patronId && this.patron()?.id === patronId) this.holds.load(this.patrons.holds(patronId));
  }

  private clearRecord(): void {
    this.query.setValue('');
    this.note.setValue('');
    this.result.set(null);
    this.selected.set(null);
    this.overrideOffered.set(false);
  }

  /** Esc or the button: forget this patron and wait for the next card. */
  protected nextPatron(): void {
    if (this.dialog.openDialogs.length) return; // Esc closes the dialog first
    this.cardNumber.set(null);
    this.patron.set(null);
    this.holds.value.set(null);
    this.clearRecord();
    this.feedback.set(null);
    this.cardScan()?.clear();
    setTimeout(() => this.focusCard());
  }

  private focusCard(): void {
    this.cardScan()?.focus();
  }

  private focusRecord(selectText = false): void {
    const input = this.recordInput()?.nativeElement;
    input?.focus();
    if (selectText) input?.select();
  }
}
