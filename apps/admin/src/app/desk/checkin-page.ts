import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiError } from '../core/api';
import { Beeper } from '../core/beep';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import type { IllCheckinAnswer } from '@shiori/contracts';
import { IllApi, statusKey } from '../ill/ill-api';
import type { CheckinResult, TrappedHold } from '@shiori/contracts';
import { DeskApi } from './desk-api';
import { DeskBar, deskBranch, deskStation } from './desk-bar';
import { DeskFeedback, DeskFeedbackView } from './desk-feedback';
import { HoldSlip } from './hold-slip';

interface Returned {
  barcode: string;
  title: string;
  note: string;
  hold: boolean;
}

/**
 * Check-in (返却) for a scanner: one field, Enter returns the copy at this desk's branch. A
 * copy that a hold was waiting for is trapped: the answer turns amber, says whether it goes
 * on the hold shelf or to another branch, and shows the slip to print and put in the book.
 */
@Component({
  selector: 'admin-checkin-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, DeskBar, DeskFeedbackView, HoldSlip],
  templateUrl: './checkin-page.html',
  styleUrl: './desk-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckinPage {
  private readonly desk = inject(DeskApi);
  private readonly ill = inject(IllApi);
  private readonly library = inject(Library);
  private readonly beeper = inject(Beeper);
  private readonly i18n = inject(I18n);
  private readonly branch = deskBranch();
  private readonly station = deskStation();
  protected readonly t = this.i18n.t;

  private readonly itemInput = viewChild<ElementRef<HTMLInputElement>>('itemInput');
  protected readonly item = new FormControl('', { nonNullable: true });
  protected readonly feedback = signal<DeskFeedback | null>(null);
  protected readonly slip = signal<TrappedHold | null>(null);
  private readonly history = signal<((CheckinResult & { barcode: string }) | { barcode: string; illTitle: string; illNote: string })[]>([]);
  private readonly queue: string[] = [];
  protected readonly waiting = signal(0);
  private processing = false;

  protected readonly rows = computed<Returned[]>(() => {
    const lang = this.i18n.lang();
    return this.history().map((r) =>
      'illTitle' in r
        ? { barcode: r.barcode, title: r.illTitle, hold: false, note: r.illNote }
        : {
      barcode: r.barcode,
      title: r.loan?.title ?? r.trappedHold?.title ?? '',
      hold: !!r.trappedHold,
      note: r.trappedHold
        ? this.t(r.trappedHold.status === 'ready' ? 'checkin.trappedReady' : 'checkin.trappedTransit')
        : r.loan?.overdue
          ? this.t('checkin.overdue', { due: formatDay(r.loan.dueDate, lang) })
          : r.loan
            ? r.loan.patron.name
            : r.notice
              ? this.i18n.pick(r.notice.message)
              : '',
          },
    );
  });

  constructor() {
    this.library.ensure();
    afterNextRender(() => this.focus());
  }

  protected submit(event?: Event): void {
    event?.preventDefault();
    const barcode = this.item.value.trim();
    this.item.setValue('');
    this.focus();
    if (!barcode) return;
    this.queue.push(barcode);
    this.waiting.set(this.queue.length);
    this.drain();
  }

  private drain(): void {
    if (this.processing) return;
    const barcode = this.queue.shift();
    this.waiting.set(this.queue.length);
    if (!barcode) return;
    this.processing = true;
    this.desk.checkin(barcode, this.branch(), this.station()).subscribe({
      next: (r) => {
        this.history.update((list) => [{ ...r, barcode }, ...list].slice(0, 50));
        this.feedback.set(this.feedbackFor(r, barcode));
        this.slip.set(r.trappedHold ?? null);
        this.beeper.success();
        this.done();
      },
      error: (e: ApiError) => {
        // a barcode this city does not know may be another city's copy: one lent to us (相互貸借)
        // arriving or coming back, or one returned here under the agreement (return anywhere)
        if (e.code === 'ITEM_NOT_FOUND') return this.illCheckin(barcode, e);
        this.refuse(barcode, e);
      },
    });
  }

  private illCheckin(barcode: string, notHere: ApiError): void {
    this.ill.checkin(barcode).subscribe({
      next: (a) => {
        this.history.update((list) => [{ barcode, illTitle: a.request.title, illNote: this.t(statusKey(a.request.status)) }, ...list].slice(0, 50));
        this.feedback.set(this.illFeedback(a, barcode));
        this.slip.set(null);
        this.beeper.success();
        this.done();
      },
      // nothing of the region matches either: the desk's own answer (no such copy) is the one to show
      error: (e: ApiError) => this.refuse(barcode, e.code === 'ILL_UNKNOWN_BARCODE' || e.code === 'ITEM_NOT_FOUND' ? notHere : e),
    });
  }

  private illFeedback(a: IllCheckinAnswer, barcode: string): DeskFeedback {
    const lines: DeskFeedback['lines'] = [{ key: 'checkin.illDetail', params: { title: a.request.title, number: 'number' in a.request ? a.request.number : '', status: this.t(statusKey(a.request.status)) } }];
    const homeward = a.action === 'routed-home' || a.action === 'in-transit-home';
    return { kind: homeward || a.action === 'arrived' ? 'hold' : 'ok', title: { key: homeward ? 'checkin.illHome' : a.action === 'arrived' ? 'checkin.illArrived' : 'checkin.ok' }, lines, subject: barcode };
  }

  private refuse(barcode: string, e: ApiError): void {
    this.feedback.set({ kind: 'refused', title: { key: 'checkin.refused' }, lines: [{ localized: e.localized }], subject: barcode });
    this.slip.set(null);
    this.beeper.refusal();
    this.done();
  }

  private feedbackFor(r: CheckinResult, barcode: string): DeskFeedback {
    const lang = this.i18n.lang();
    const lines: DeskFeedback['lines'] = [];
    if (r.loan) {
      lines.push({ key: 'checkin.okDetail', params: { title: r.loan.title, patron: r.loan.patron.name } });
      if (r.loan.overdue) lines.push({ key: 'checkin.overdue', params: { due: formatDay(r.loan.dueDate, lang) } });
    }
    const h = r.trappedHold;
    if (h) {
      if (h.status === 'ready') {
        lines.push({ key: 'checkin.trappedReadyDetail', params: { pickup: h.pickupPointName, lastDay: formatDay(h.lastDay, lang) } });
      } else {
        lines.push({ key: 'checkin.trappedTransitDetail', params: { branch: this.library.branchName(h.pickupBranchCode, lang), pickup: h.pickupPointName } });
      }
      return { kind: 'hold', title: { key: h.status === 'ready' ? 'checkin.trappedReady' : 'checkin.trappedTransit' }, lines, subject: barcode };
    }
    if (!r.loan) return { kind: 'info', title: { key: 'checkin.ok' }, lines: r.notice ? [{ localized: r.notice.message }] : [], subject: barcode };
    return { kind: 'ok', title: { key: 'checkin.ok' }, lines, subject: barcode };
  }

  private done(): void {
    this.processing = false;
    this.focus();
    this.drain();
  }

  private focus(): void {
    this.itemInput()?.nativeElement.focus();
  }
}
