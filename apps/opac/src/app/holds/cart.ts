import { computed, effect, inject, Injectable, signal } from '@angular/core';
import type { CartEntry as ApiCartEntry } from '@shiori/contracts';
import { NotReservableReason } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import { Api } from '../core/api';
import { MessageKey } from '../core/i18n';
import { Kiosk } from '../core/kiosk';
import { Library } from '../core/library';
import { Session } from '../core/session';

/**
 * A record in the reservation cart (予約かご): the API's entry (`CartEntry` of libs/contracts), or
 * one kept in this browser before sign-in, which has no place or date yet. `reservable` is as the
 * policy decides now; unreservable entries cannot be selected.
 */
export type CartEntry = Pick<ApiCartEntry, 'recordId' | 'title' | 'selected' | 'reservable'> &
  Partial<Pick<ApiCartEntry, 'volume' | 'series' | 'position' | 'addedAt'>>;

const LOCAL_KEY = 'shiori.opac.cart';

/** Why a record in the cart cannot be reserved now, in the patron's words (cart page, hit list). */
export const NOT_RESERVABLE_KEYS: Record<NotReservableReason, MessageKey> = {
  NO_LOANABLE_COPY: 'cart.reason.NO_LOANABLE_COPY',
  NOT_OWNED: 'cart.reason.NOT_OWNED',
  ON_SHELF: 'cart.reason.ON_SHELF',
};

/**
 * The reservation cart. Signed in, it is the API's (`/me/cart`). Where the city lets anyone
 * fill it before signing in (policy.cart.requiresLogin false, Kitakyushu), the cart is kept
 * in this browser session and handed to the API at sign-in.
 */
@Injectable({ providedIn: 'root' })
export class Cart {
  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly library = inject(Library);
  private readonly kiosk = inject(Kiosk);

  private readonly remote = signal<CartEntry[] | null>(null);
  private readonly local = signal<CartEntry[]>(readLocal());
  private loading: Promise<CartEntry[]> | null = null;

  readonly entries = computed<CartEntry[]>(() => (this.session.signedIn() ? (this.remote() ?? []) : this.local()));
  readonly count = computed(() => (this.session.signedIn() && this.remote() === null ? (this.session.me()?.counts.cart ?? 0) : this.entries().length));
  /** Anyone may fill the cart (login asked only to see and submit it). */
  readonly openToAll = computed(() => this.library.policy()?.cart.requiresLogin === false);

  constructor() {
    effect(() => {
      if (!this.session.signedIn()) this.remote.set(null);
    });
    // a kiosk left idle: the cart kept in this browser is the last visitor's, not the next one's
    effect(() => {
      if (this.kiosk.resets() > 0) this.setLocal([]);
    });
  }

  async load(): Promise<CartEntry[]> {
    if (!this.session.signedIn()) return this.local();
    const list = await firstValueFrom(this.api.get<ApiCartEntry[]>(this.api.tenantPath('/me/cart')));
    this.remote.set(list);
    return list;
  }

  /**
   * The patron's cart, asked once (the hit list needs it to mark records already in it);
   * nothing to ask when signed out or already known.
   */
  ensureLoaded(): Promise<CartEntry[]> {
    if (!this.session.signedIn() || this.remote() !== null) return Promise.resolve(this.entries());
    return (this.loading ??= this.load().finally(() => (this.loading = null)));
  }

  has(recordId: string): boolean {
    return this.entries().some((e) => e.recordId === recordId);
  }

  async add(record: { id: string; title: string; volume?: string | null }): Promise<void> {
    if (!this.session.signedIn()) {
      if (this.has(record.id)) return;
      this.setLocal([...this.local(), { recordId: record.id, title: record.title, volume: record.volume ?? null, selected: true, reservable: { ok: true } }]);
      return;
    }
    const entry = await firstValueFrom(this.api.post<ApiCartEntry>(this.api.tenantPath('/me/cart'), { recordId: record.id }));
    if (this.remote() === null) {
      // not loaded yet: the rest of the cart is unknown here, so ask for it (the header's count)
      try {
        await this.load();
        return;
      } catch {
        // the record is in; the count catches up at the next load
      }
    }
    this.remote.update((list) => [...(list ?? []).filter((e) => e.recordId !== record.id), entry]);
  }

  async remove(recordId: string): Promise<void> {
    if (!this.session.signedIn()) {
      this.setLocal(this.local().filter((e) => e.recordId !== recordId));
      return;
    }
    await firstValueFrom(this.api.delete(this.api.tenantPath(`/me/cart/${recordId}`)));
    this.remote.update((list) => (list ?? []).filter((e) => e.recordId !== recordId));
  }

  /** Ticks or unticks one record; the API keeps the choice for the next visit. */
  async select(recordId: string, selected: boolean): Promise<void> {
    this.patch(recordId, selected);
    if (this.session.signedIn()) {
      try {
        await firstValueFrom(this.api.patch(this.api.tenantPath(`/me/cart/${recordId}`), { selected }));
      } catch (e) {
        this.patch(recordId, !selected);
        throw e;
      }
    } else {
      this.setLocal(this.local());
    }
  }

  /** After placing holds the API has taken those records out of the cart. */
  forget(recordIds: readonly string[]): void {
    // not loaded (a hold placed from a record page): the header's count comes with the next load
    this.remote.update((list) => list && list.filter((e) => !recordIds.includes(e.recordId)));
  }

  /** At sign-in: what was collected before goes into the patron's cart. */
  async handOver(): Promise<void> {
    const pending = this.local();
    if (!pending.length || !this.session.signedIn()) return;
    for (const e of pending) {
      try {
        await firstValueFrom(this.api.post(this.api.tenantPath('/me/cart'), { recordId: e.recordId }));
      } catch {
        // a record withdrawn meanwhile: leave it out
      }
    }
    this.setLocal([]);
    await this.load();
  }

  private patch(recordId: string, selected: boolean): void {
    const f = (list: CartEntry[]) => list.map((e) => (e.recordId === recordId ? { ...e, selected } : e));
    if (this.session.signedIn()) this.remote.update((l) => f(l ?? []));
    else this.local.update(f);
  }

  private setLocal(list: CartEntry[]): void {
    this.local.set(list);
    try {
      sessionStorage.setItem(LOCAL_KEY, JSON.stringify(list));
    } catch {
      // storage off: the cart lasts this page
    }
  }
}

function readLocal(): CartEntry[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(LOCAL_KEY) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
