import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { defaultHoldContact, defaultPickupPoint, MESSAGES as POLICY_MESSAGES, NotReservableReason } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import type { HoldView } from '@shiori/contracts';
import { AccountApi } from '../account/account-api';
import { ApiError } from '../core/api';
import { I18n, MessageKey } from '../core/i18n';
import { CLOCK, tokyoToday } from '../core/clock';
import type { PublicPickupPoint, StationVisit } from '@shiori/contracts';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { Catalog } from '../catalog/catalog';
import { Cart, CartEntry, NOT_RESERVABLE_KEYS } from './cart';

type Step = 'select' | 'form' | 'confirm' | 'done';

/**
 * 予約かご and the hold form: pick all or some records, then pickup library, pickup point
 * (asked only where the branch says so: Kushiro's counter / locker room / bookmobile
 * stations) with the chosen point's note from the library, contact method (the city's list), e-mail confirmation, ordered series (順番予約,
 * where the city has it); a confirmation step, then done.
 *
 * Routed as `hold/:recordId` (予約する on a record page) the same form holds just that record,
 * the cart untouched: the form names the record and is the confirmation, so record → form → done.
 */
@Component({
  selector: 'opac-cart-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
  ],
  templateUrl: './cart-page.html',
  styleUrl: './cart-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CartPage implements OnInit {
  /** `hold/:recordId`: a hold on this one record, straight from its page (not through the cart). */
  readonly recordId = input<string>();
  protected readonly direct = computed(() => !!this.recordId());
  /** The record of a direct hold, as the catalogue gives it (its title and whether it may be reserved now). */
  private readonly directEntry = signal<CartEntry | null>(null);

  private readonly cart = inject(Cart);
  private readonly catalogue = inject(Catalog);
  private readonly account = inject(AccountApi);
  protected readonly library = inject(Library);
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly now = inject(CLOCK);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly date = this.i18n.date;

  protected readonly step = signal<Step>('select');
  /** The steps shown above the page: a direct hold has no cart to choose from and no separate confirmation. */
  protected readonly steps = computed<Step[]>(() => (this.direct() ? ['form', 'done'] : ['select', 'form', 'confirm', 'done']));
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly placed = signal<HoldView[]>([]);

  protected readonly entries = computed<CartEntry[]>(() => {
    if (!this.direct()) return this.cart.entries();
    const e = this.directEntry();
    return e ? [e] : [];
  });
  protected readonly policy = this.library.policy;
  /** The remove button as the city's guide words it (削除, Kitakyushu 解除): policy data. */
  protected readonly removeWord = computed(() => {
    const word = this.policy()?.display.words?.cartRemove;
    return word ? this.pick(word) : this.t('cart.remove');
  });
  protected readonly selectable = computed(() => this.entries().filter((e) => e.reservable.ok));
  protected readonly selected = computed(() => this.selectable().filter((e) => e.selected));
  protected readonly allSelected = computed(() => this.selectable().length > 0 && this.selected().length === this.selectable().length);
  protected readonly someSelected = computed(() => this.selected().length > 0 && !this.allSelected());

  // --- the hold form ---
  /** Branches with somewhere to collect a hold. */
  protected readonly branches = computed(() => {
    const info = this.library.info();
    return (info?.branches ?? []).filter((b) => info?.pickupPoints.some((p) => p.branchCode === b.code));
  });
  /**
   * The points the patron may choose, in the libraries' order: all of a library's where it
   * asks which, else only the one its select implies (its counter).
   */
  private readonly offered = computed<PublicPickupPoint[]>(() => {
    const all = this.library.info()?.pickupPoints ?? [];
    return this.branches().flatMap((b) => {
      const own = all.filter((p) => p.branchCode === b.code);
      const implied = defaultPickupPoint({ points: own });
      return b.askPickupPoint && own.length > 1 ? own : implied ? [implied] : [];
    });
  });
  /**
   * Where the form starts: the one rule of the three tiers (libs/policy `defaultPickupPoint`):
   * the point of the patron's latest hold (`lastPickupPointCode` of `/me`) while it is
   * offered, else the first library's counter.
   */
  private readonly defaultPoint = computed(() => defaultPickupPoint({ points: this.offered(), lastUsedPointCode: this.session.me()?.lastPickupPointCode }));
  protected readonly branchCode = linkedSignal(() => this.defaultPoint()?.branchCode ?? '');
  protected readonly points = computed<PublicPickupPoint[]>(() => (this.library.info()?.pickupPoints ?? []).filter((p) => p.branchCode === this.branchCode()));
  /** Asked only when the branch says so (policy data) and there is a choice. */
  protected readonly askPoint = computed(() => {
    const b = this.library.info()?.branches.find((x) => x.code === this.branchCode());
    return !!b?.askPickupPoint && this.points().length > 1;
  });
  /** The default point while its library is chosen; another library's: its counter (the same rule within it). */
  protected readonly pointCode = linkedSignal(() => {
    const pts = this.offered().filter((p) => p.branchCode === this.branchCode());
    const preferred = this.defaultPoint();
    return (pts.find((p) => p.code === preferred?.code) ?? defaultPickupPoint({ points: pts }))?.code ?? '';
  });
  /**
   * The chosen point's note (Kushiro: 「予約本受取窓口は4階です。」), shown under the select that
   * decides the point: the pickup-point select where it is asked, else the library select
   * (its counter is implied). Read out with that select through aria-describedby.
   */
  protected readonly pointNote = computed(() => this.library.pickupPointNote(this.pointCode()));
  protected readonly pointNoteId = 'cart-pickup-note';
  protected readonly contactMethods = computed(() => this.policy()?.holds.contactMethods ?? ['none']);
  protected readonly hasEmail = computed(() => !!this.session.me()?.email);
  protected readonly contact = linkedSignal(() => defaultHoldContact(this.contactMethods(), this.hasEmail()));
  /** The hold-received mail the patron may ask for (Kushiro); shown where the policy offers it. */
  protected readonly offerEmailConfirmation = computed(() => {
    const mode = this.policy()?.notices?.holdPlaced;
    return mode === 'opt-in' || (mode === undefined && this.contactMethods().includes('email') && this.contactMethods().includes('none'));
  });
  protected readonly emailConfirmation = signal(false);
  protected readonly orderedOffered = computed(() => !!this.policy()?.holds.orderedSeries && this.selected().length > 1);
  protected readonly ordered = signal(false);
  /** 予約種別 (通常予約 / 順番予約) asked as a type with its (i), where the city's guide shows it (Kushiro). */
  protected readonly holdKind = computed(() => !!this.policy()?.display.holdKindChoice && !!this.policy()?.holds.orderedSeries);
  protected readonly holdKindHelp = signal(false);
  /** Records in the order the volumes should come (ordered series). */
  protected readonly order = linkedSignal<CartEntry[]>(() => this.selected());

  protected readonly emailMissing = computed(() => this.contact() === 'email' && !this.hasEmail());

  async ngOnInit(): Promise<void> {
    try {
      await this.session.ensureLoaded();
      if (this.direct()) await this.loadDirect(this.recordId()!);
      else await this.cart.load();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.loaded.set(true);
    }
  }

  /** The one record of a direct hold; the form opens at once where it may be reserved, else the page says why. */
  private async loadDirect(id: string): Promise<void> {
    const r = await firstValueFrom(this.catalogue.record(id));
    this.directEntry.set({ recordId: r.id, title: r.title, volume: r.volume ?? null, selected: true, reservable: r.reservable });
    if (r.reservable.ok) this.step.set('form');
    else this.error.set(r.reservable.message ? this.pick(r.reservable.message) : this.reason(this.directEntry()!));
  }

  /** Back from the form: to the cart's list, or to the record's page for a direct hold. */
  protected backFromForm(): void {
    if (this.direct()) void this.router.navigate(['/records', this.recordId()]);
    else this.step.set('select');
  }

  protected reason(e: CartEntry): string {
    const r = e.reservable.reason as NotReservableReason | undefined;
    if (r && NOT_RESERVABLE_KEYS[r]) return this.t(NOT_RESERVABLE_KEYS[r]);
    return this.pick(POLICY_MESSAGES.NOT_RESERVABLE);
  }

  protected async toggle(e: CartEntry, selected: boolean): Promise<void> {
    await this.guard(() => this.cart.select(e.recordId, selected));
  }

  protected async toggleAll(selected: boolean): Promise<void> {
    await this.guard(async () => {
      for (const e of this.selectable()) if (e.selected !== selected) await this.cart.select(e.recordId, selected);
    });
  }

  protected async remove(e: CartEntry): Promise<void> {
    await this.guard(() => this.cart.remove(e.recordId));
  }

  protected async removeSelected(): Promise<void> {
    await this.guard(async () => {
      for (const e of this.selected()) await this.cart.remove(e.recordId);
    });
  }

  protected move(index: number, delta: number): void {
    const list = [...this.order()];
    const j = index + delta;
    if (j < 0 || j >= list.length) return;
    [list[index], list[j]] = [list[j], list[index]];
    this.order.set(list);
  }

  protected toForm(): void {
    if (!this.session.signedIn()) {
      void this.router.navigate(['/login'], { queryParams: { next: '/cart', reason: 'cart' } });
      return;
    }
    this.error.set('');
    this.step.set('form');
  }

  protected toConfirm(event: Event): void {
    event.preventDefault();
    this.error.set('');
    if (!this.pointCode()) return this.error.set(this.t('cart.pickPoint'));
    if (this.emailMissing()) return this.error.set(this.t('cart.emailMissing'));
    if (this.direct()) return void this.submit();
    this.step.set('confirm');
  }

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    const ordered = this.orderedOffered() && this.ordered();
    try {
      const list = ordered ? this.order() : this.selected();
      const holds = await firstValueFrom(
        this.account.placeHolds({
          recordIds: list.map((e) => e.recordId),
          pickupPointCode: this.pointCode(),
          contact: this.contact(),
          ...(ordered ? { ordered: true } : {}),
          ...(this.offerEmailConfirmation() ? { emailConfirmation: this.emailConfirmation() } : {}),
        }),
      );
      this.cart.forget(list.map((e) => e.recordId)); // the API takes held records out of the cart, a direct one too
      this.placed.set(holds);
      this.step.set('done');
      void this.session.refresh();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }

  protected contactLabel(m: string): string {
    return this.t(('contact.' + m) as MessageKey);
  }

  /** The bus's stations are listed with their next visits (radio buttons: long names wrap on a phone). */
  protected readonly stationList = computed(() => this.points().length > 0 && this.points().every((p) => p.kind === 'bookmobile-station'));

  /** 12月8日(火) 10:00〜10:40 */
  protected visitLabel(v: StationVisit): string {
    return `${this.i18n.date(v.date, { weekday: true })} ${v.start}〜${v.end}`;
  }

  /**
   * The chosen station's earliest pickup: a hold is ready at the first visit after the day
   * its copy is set aside, so at the earliest the first visit after today.
   */
  protected readonly earliestPickup = computed(() => {
    const p = this.points().find((x) => x.code === this.pointCode());
    const today = tokyoToday(this.now());
    const v = p?.nextVisits?.find((x) => x.date > today);
    return v ? this.t('cart.stationEarliest', { date: this.i18n.date(v.date, { weekday: true }), time: `${v.start}〜${v.end}`, place: v.place }) : '';
  });

  protected pointLabel(p: PublicPickupPoint): string {
    const name = this.library.pickupPointName(p.code);
    const kind = this.t(('pickup.kind.' + p.kind) as MessageKey);
    // the kind is added only where the name does not say it already (not 「予約取置室（予約取置室）」)
    return p.kind === 'counter' || name.toLowerCase().includes(kind.toLowerCase()) ? name : `${name}（${kind}）`;
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    this.error.set('');
    try {
      await fn();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
