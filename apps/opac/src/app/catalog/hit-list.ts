import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { MESSAGES as POLICY_MESSAGES, NotReservableReason, ReservableMode } from '@shiori/policy';
import { ApiError } from '../core/api';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { Cart, CartEntry, NOT_RESERVABLE_KEYS } from '../holds/cart';
import type { Availability } from '@shiori/contracts';
import { authorsText, Hit } from './catalog';

const AVAILABILITY_KEYS: Record<string, MessageKey> = {
  available: 'availability.available',
  'on-loan': 'availability.on-loan',
  'reference-only': 'availability.reference-only',
  unavailable: 'availability.unavailable',
};

/** 貸出可 / 貸出中 / 館内のみ / 所蔵なし, with the copy counts. Colour is never the only cue. Styled globally (styles.scss), as the server's hit list is. */
@Component({
  selector: 'opac-availability',
  template: `@if (label()) {
    <span [class]="'availability-badge ' + status()">{{ label() }}</span>
  }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvailabilityBadge {
  readonly availability = input<Availability | undefined>();
  private readonly i18n = inject(I18n);
  protected readonly status = computed(() => this.availability()?.status ?? '');
  protected readonly label = computed(() => {
    const a = this.availability();
    const key = a && AVAILABILITY_KEYS[a.status];
    if (!key) return '';
    const text = this.i18n.t(key);
    return a.total > 0 ? `${text} ${this.i18n.t('availability.counts', { available: a.available, total: a.total })}` : text;
  });
}

/**
 * Whether the hit list offers "add to cart" for a record, as far as its availability summary
 * tells (the hit has no `reservable` decision of its own): never where the record page would
 * refuse it whatever the copies' details, i.e. 禁帯出 only or no usable copy
 * (NO_LOANABLE_COPY), nor, where web holds are for items on loan only (Koga), while a loanable
 * copy is on the shelf (ON_SHELF). Anything finer (owned copies, copies in transit) the cart
 * decides when the record is added.
 */
export function offersCart(availability: Availability | undefined, mode: ReservableMode | undefined): boolean {
  if (!availability) return true;
  if (availability.status === 'reference-only' || availability.status === 'unavailable') return false;
  if (mode === 'only-on-loan' && availability.status === 'available') return false;
  return true;
}

let nextId = 0;

/**
 * Records as a list (phone and PC) or as a grid of cards; each title links to its page, and
 * records that may be reserved have "add to cart" (予約かごに入れる) after the title, as on
 * the record page: the same cart, the same sign-in rule, the same refusals.
 */
@Component({
  selector: 'opac-hit-list',
  imports: [RouterLink, AvailabilityBadge, MatButtonModule, MatIconModule],
  template: `
    <p class="visually-hidden" role="status" aria-live="polite">{{ announcement() }}</p>
    <ol class="hits" [class.grid]="view() === 'grid'" [attr.start]="start()">
      @for (hit of hits(); track hit.id) {
        <li class="hit">
          @if (hit.rank) {
            <span class="rank" [attr.aria-label]="t('lists.rank', { rank: hit.rank })">{{ hit.rank }}</span>
          }
          <div class="body">
            <a class="title" [routerLink]="['/records', hit.id]">
              {{ hit.title }}@if (hit.volume) {
                <span class="volume"> {{ hit.volume }}</span>
              }
            </a>
            @if (hit.subtitle) {
              <div class="subtitle">{{ hit.subtitle }}</div>
            }
            <div class="meta">
              @if (authors(hit); as a) {
                <span>{{ a }}</span>
              }
              @if (hit.publisher) {
                <span>{{ hit.publisher }}</span>
              }
              @if (hit.year) {
                <span>{{ hit.year }}</span>
              }
            </div>
            <opac-availability [availability]="hit.availability" />
            @if (cartActions() && offered(hit)) {
              <div class="cart-action">
                @if (inCart().has(hit.id)) {
                  <a mat-stroked-button class="in-cart" routerLink="/cart" [attr.data-record]="hit.id" [attr.aria-label]="t('hits.inCart', { title: fullTitle(hit) })">
                    <mat-icon>shopping_basket</mat-icon>{{ t('record.inCart') }}
                  </a>
                } @else {
                  <button
                    mat-stroked-button
                    type="button"
                    class="add-to-cart"
                    [attr.data-record]="hit.id"
                    [attr.aria-label]="t('hits.addToCart', { title: fullTitle(hit) })"
                    [attr.aria-describedby]="refusals()[hit.id] ? refusalId(hit) : null"
                    [disabled]="busy().has(hit.id)"
                    disabledInteractive
                    (click)="addToCart(hit)"
                  >
                    <mat-icon>add_shopping_cart</mat-icon>{{ t('record.addToCart') }}
                  </button>
                }
                @if (refusals()[hit.id]; as refusal) {
                  <p class="cart-refusal" role="alert" [id]="refusalId(hit)">{{ refusal }}</p>
                }
              </div>
            }
          </div>
        </li>
      }
    </ol>
  `,
  // the rows' own rules (.hits, .hit, .title, .subtitle, .meta) are global (styles.scss), shared with the server's first hits
  styles: `
    .grid {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    }
    .grid .hit {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 0.75rem;
      background: var(--mat-sys-surface-container-low);
    }
    .cart-action {
      margin-top: 0.5rem;
    }
    .cart-refusal {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-error);
    }
    .rank {
      flex: none;
      display: grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font-weight: 700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HitList {
  readonly hits = input.required<readonly Hit[]>();
  readonly view = input<'list' | 'grid'>('list');
  /** Number of the first hit (pagination), for the ordered list. */
  readonly start = input(1);
  /** Offer "add to cart" on each record that may be reserved. */
  readonly cartActions = input(true);

  private readonly cart = inject(Cart);
  private readonly session = inject(Session);
  private readonly library = inject(Library);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  private readonly uid = `hits-${nextId++}`;
  protected readonly t = this.i18n.t;
  protected readonly authors = (hit: Hit) => authorsText(hit.authors);

  protected readonly inCart = computed(() => new Set(this.cart.entries().map((e) => e.recordId)));
  /** Records being added now. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  /** Why a record could not be added, by record id. */
  protected readonly refusals = signal<Readonly<Record<string, string>>>({});
  /** The polite live region's text: what the last addition did. */
  protected readonly announcement = signal('');
  private readonly reservableMode = computed(() => this.library.policy()?.holds.reservable);

  constructor() {
    // Signed in, the cart is the API's: ask for it once, so records already in it say so.
    effect(() => {
      if (this.cartActions() && this.session.signedIn()) untracked(() => void this.cart.ensureLoaded().catch(() => undefined));
    });
  }

  protected offered(hit: Hit): boolean {
    return offersCart(hit.availability, this.reservableMode());
  }

  protected fullTitle(hit: Hit): string {
    return hit.volume ? `${hit.title} ${hit.volume}` : hit.title;
  }

  protected refusalId(hit: Hit): string {
    return `${this.uid}-refusal-${hit.id}`;
  }

  /**
   * As on the record page: signed out where the city asks for sign-in first, to the login
   * page and back here; otherwise into the cart. The cart decides what the list could not
   * (its entry's `reservable`); a record it refuses is taken out again and the reason shown.
   */
  protected async addToCart(hit: Hit): Promise<void> {
    if (this.busy().has(hit.id)) return;
    const title = this.fullTitle(hit);
    this.setBusy(hit.id, true);
    this.refuse(hit.id, '');
    this.announcement.set('');
    try {
      await this.session.ensureLoaded();
      if (!this.session.signedIn() && !this.cart.openToAll()) {
        // kept in this tab's cart: the login hands it over, so the book is in the cart after sign-in
        await this.cart.add(hit);
        await this.router.navigate(['/login'], { queryParams: { next: this.router.url, reason: 'cart' } });
        return;
      }
      await this.cart.ensureLoaded();
      if (!this.cart.has(hit.id)) {
        await this.cart.add(hit);
        const entry = this.cart.entries().find((e) => e.recordId === hit.id);
        if (entry && !entry.reservable.ok) {
          try {
            await this.cart.remove(hit.id);
          } catch {
            // left in the cart, where the cart page says why it cannot be reserved
          }
          this.refuse(hit.id, this.t('hits.notAdded', { title, reason: this.reason(entry) }));
          return;
        }
      }
      this.announcement.set(this.t('hits.addedToCart', { title }));
      this.focusCartLink(hit.id);
    } catch (e) {
      const reason = e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected');
      this.refuse(hit.id, this.t('hits.notAdded', { title, reason }));
    } finally {
      this.setBusy(hit.id, false);
    }
  }

  private reason(entry: CartEntry): string {
    const key = NOT_RESERVABLE_KEYS[entry.reservable.reason as NotReservableReason];
    return key ? this.t(key) : this.i18n.pick(POLICY_MESSAGES.NOT_RESERVABLE);
  }

  /** The button became the "in cart" link in its place: keep the focus there. */
  private focusCartLink(recordId: string): void {
    afterNextRender(
      () => {
        const link = [...this.host.nativeElement.querySelectorAll<HTMLElement>('a.in-cart')].find((a) => a.dataset['record'] === recordId);
        link?.focus();
      },
      { injector: this.injector },
    );
  }

  private setBusy(recordId: string, on: boolean): void {
    this.busy.update((s) => {
      const next = new Set(s);
      if (on) next.add(recordId);
      else next.delete(recordId);
      return next;
    });
  }

  private refuse(recordId: string, text: string): void {
    this.refusals.update((r) => {
      const next = { ...r };
      if (text) next[recordId] = text;
      else delete next[recordId];
      return next;
    });
  }
}
