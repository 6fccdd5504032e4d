import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { type HoldColumn, isActiveHold } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import type { HoldView } from '@shiori/contracts';
import { AccountApi } from './account-api';

type Editing = { id: string; kind: 'cancel' | 'pickup' | 'postpone'; value: string } | null;

/**
 * 予約状況: the patron's holds in the city's columns and words (policy.display), with the
 * queue position (exact or an estimate), pickup point, last day on the hold shelf, and
 * cancel / change pickup / postpone where the policy allows it for that hold (the API
 * decides each per hold); changing the pickup point shows the chosen point's note. `mode: cancelled` lists the cancelled and expired ones.
 */
@Component({
  selector: 'opac-holds-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatProgressBarModule],
  templateUrl: './holds-page.html',
  styleUrl: './tables.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoldsPage implements OnInit {
  /** Route data: `active` (default) or `cancelled`. */
  readonly mode = input<'active' | 'cancelled'>('active');

  private readonly account = inject(AccountApi);
  protected readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly date = this.i18n.date;
  protected readonly pick = this.i18n.pick;

  private readonly all = signal<HoldView[] | null>(null);
  protected readonly holds = computed(() => {
    const list = this.all();
    if (!list) return null;
    return this.mode() === 'cancelled' ? list.filter((h) => !isActiveHold(h.status)) : list.filter((h) => isActiveHold(h.status));
  });
  protected readonly columns = computed<readonly HoldColumn[]>(() => {
    const cols = this.library.policy()?.display.holdColumns ?? ['title', 'status', 'queuePosition', 'pickupPoint', 'placedAt', 'expiresAt', 'cancel'];
    return this.mode() === 'cancelled' ? cols.filter((c) => c !== 'cancel' && c !== 'queuePosition') : cols;
  });
  protected readonly editing = signal<Editing>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly postponeAllowed = computed(() => !!this.library.policy()?.holds.postponeAllowed);
  protected readonly notes = computed(() => this.library.policy()?.holds.notes ?? []);
  protected readonly today = new Date().toISOString().slice(0, 10);
  /** The note of the pickup point chosen in the change-pickup form, in the reader's language. */
  protected readonly editingNote = computed(() => {
    const e = this.editing();
    return e?.kind === 'pickup' ? this.library.pickupPointNote(e.value) : null;
  });

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected columnLabel(c: HoldColumn): string {
    // a cancelled hold has no shelf deadline: the column gives the day it ended (取消日), not 取置期限
    if (c === 'expiresAt' && this.mode() === 'cancelled') return this.t('holds.col.cancelledAt');
    return this.t(('holds.col.' + c) as MessageKey);
  }

  protected statusText(h: HoldView): string {
    const label = h.statusLabel ?? this.library.policy()?.display.holdStatusLabels[h.status];
    return label ? this.pick(label) : h.status;
  }

  protected queueText(h: HoldView): string {
    if (h.queuePosition === null || h.status !== 'waiting') return '';
    const mode = this.library.policy()?.display.queuePosition ?? 'exact';
    if (mode === 'hidden') return '';
    return this.t(mode === 'estimate' ? 'holds.queueEstimate' : 'holds.queue', { n: h.queuePosition });
  }

  protected contactText(h: HoldView): string {
    const key = ('contact.' + h.contact) as MessageKey;
    return this.t(key);
  }

  protected pickupName(h: HoldView): string {
    return this.library.pickupPointName(h.pickupPointCode, h.pickupPointName);
  }

  /** The id of the note under a hold's change-pickup select (its aria-describedby). */
  protected noteId(h: HoldView): string {
    return `pickup-note-${h.id}`;
  }

  protected edit(h: HoldView, kind: 'cancel' | 'pickup' | 'postpone'): void {
    this.editing.set({ id: h.id, kind, value: kind === 'pickup' ? h.pickupPointCode : kind === 'postpone' ? (h.suspendedUntil ?? '') : '' });
  }

  protected setValue(value: string): void {
    const e = this.editing();
    if (e) this.editing.set({ ...e, value });
  }

  protected async confirmCancel(h: HoldView): Promise<void> {
    await this.run(() => firstValueFrom(this.account.cancelHold(h.id)), this.t('holds.cancelled', { title: h.title }));
  }

  protected async savePickup(h: HoldView): Promise<void> {
    const code = this.editing()?.value;
    if (!code) return;
    await this.run(() => firstValueFrom(this.account.updateHold(h.id, { pickupPointCode: code })), this.t('holds.pickupChanged', { title: h.title }));
  }

  protected async savePostpone(h: HoldView, until: string | null): Promise<void> {
    await this.run(
      () => firstValueFrom(this.account.updateHold(h.id, { suspendedUntil: until })),
      until ? this.t('holds.postponed', { title: h.title, date: this.date(until) }) : this.t('holds.resumed', { title: h.title }),
    );
  }

  private async run(fn: () => Promise<unknown>, done: string): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    this.notice.set('');
    try {
      await fn();
      this.editing.set(null);
      this.notice.set(done);
      await this.load();
      void this.session.refresh();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.all.set(await firstValueFrom(this.account.holds()));
    } catch (e) {
      this.all.set([]);
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
