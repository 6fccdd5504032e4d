import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { COPY_STATUS_LABELS, CopyStatus, loanCategoryLabel, MESSAGES as POLICY_MESSAGES } from '@shiori/policy';
import { catchError, firstValueFrom, map, of, startWith, switchMap } from 'rxjs';
import { CLOCK, tokyoToday } from '../core/clock';
import { ApiError } from '../core/api';
import { I18n, MESSAGES, MessageKey } from '../core/i18n';
import { Kiosk } from '../core/kiosk';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { PageTitle } from '../core/title';
import { Cart } from '../holds/cart';
import type { ReadMark, Shelf } from '@shiori/contracts';
import { ReadingApi } from '../reading/reading-api';
import { OpeningDays } from '../libraries/opening-days';
import type { RecordCopy, RecordDetail } from '@shiori/contracts';
import { authorsText, Catalog } from './catalog';
import { ndcLabel } from '@shiori/web-core';
import { RecordCover } from './record-cover';
import { ResultLinks } from './result-links';

/** Copy states of the catalogue as the patron reads them (貸出可 / 貸出中 / 予約中 …). */
const COPY_VIEW: Record<string, CopyStatus> = {
  'on-shelf': 'on-shelf',
  'on-loan': 'on-loan',
  reserved: 'reserved',
  'on-hold-shelf': 'reserved',
  'in-transit': 'in-transit',
  missing: 'missing',
};

type State = { status: 'loading' } | { status: 'done'; record: RecordDetail } | { status: 'error'; error: ApiError };

/**
 * A record: its description, every copy with branch, status (貸出可 / 貸出中 / 予約中) and loan
 * category (帯出可 / 禁帯出), 予約する (the hold form for this record, `hold/:id`) and "add to
 * cart" only when the city's hold rules allow it (`reservable.ok`), and the patron's bookshelf
 * and read marks.
 */
@Component({
  selector: 'opac-record-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, RecordCover, ResultLinks],
  templateUrl: './record-page.html',
  styleUrl: './record-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordPage {
  /** `records/:id` */
  readonly id = input.required<string>();

  private readonly catalogue = inject(Catalog);
  private readonly cart = inject(Cart);
  private readonly session = inject(Session);
  private readonly library = inject(Library);
  private readonly kiosk = inject(Kiosk);
  private readonly reading = inject(ReadingApi);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  private readonly now = inject(CLOCK);
  /** Branch code → open today; empty until today's calendar answers, and if it fails (no mark then). */
  private readonly openToday = toSignal(inject(OpeningDays).openToday(), { initialValue: new Map<string, boolean>() as ReadonlyMap<string, boolean> });
  protected readonly t = this.i18n.t;

  protected readonly state = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.catalogue.record(id).pipe(
          map((record): State => ({ status: 'done', record })),
          startWith<State>({ status: 'loading' }),
          catchError((error: unknown) => of<State>({ status: 'error', error: error as ApiError })),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as State },
  );
  protected readonly record = computed(() => {
    const s = this.state();
    return s.status === 'done' ? s.record : null;
  });
  private readonly pageTitle = inject(PageTitle);
  // the tab's title is the book's, as in the HTML the API serves for this page
  private readonly showTitle = effect(() => this.pageTitle.set(this.record()?.title ?? null));
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? this.i18n.pick(s.error.localized) : '';
  });
  protected readonly authors = computed(() => authorsText(this.record()?.authors));
  protected readonly notReservableText = computed(() => {
    const r = this.record()?.reservable;
    if (!r || r.ok) return '';
    return this.i18n.pick(r.message ?? POLICY_MESSAGES.NOT_RESERVABLE);
  });
  /**
   * For a hold sent to a bookmobile station: the earliest pickup is a station's first visit
   * after today (a copy set aside today rides the bus from its next visit); the hold form
   * gives each station's own date.
   */
  protected readonly busPickup = computed(() => {
    const today = tokyoToday(this.now());
    const first = (this.library.info()?.pickupPoints ?? [])
      .flatMap((p) => (p.nextVisits ?? []).filter((v) => v.date > today).slice(0, 1).map((v) => ({ v, p })))
      .sort((a, b) => (a.v.date + a.v.start).localeCompare(b.v.date + b.v.start))[0];
    if (!first) return '';
    return this.t('record.busPickup', { date: this.i18n.date(first.v.date, { weekday: true }), station: this.library.pickupPointName(first.p.code) });
  });

  protected readonly inCart = computed(() => {
    const r = this.record();
    return !!r && this.cart.entries().some((e) => e.recordId === r.id);
  });
  protected readonly signedIn = this.session.signedIn;
  protected readonly canUseShelves = computed(
    () => this.signedIn() && !!this.library.features()?.bookshelves && this.kiosk.personalFeatures(),
  );
  protected readonly readMarks = computed(() => this.canUseShelves() && !!this.library.features()?.readMarks);
  protected readonly customShelves = computed(() => !!this.library.features()?.customShelves);

  protected readonly shelves = signal<Shelf[] | null>(null);
  protected readonly mark = signal<ReadMark | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<{ text: string; link?: string; linkText?: string } | null>(null);
  protected readonly actionError = signal('');

  protected back(): void {
    if (history.length > 1) history.back();
    else void this.router.navigate(['/search']);
  }

  protected copyStatus(c: RecordCopy): string {
    const s = COPY_VIEW[c.status];
    return s ? this.i18n.pick(COPY_STATUS_LABELS[s]) : c.status;
  }
  protected loanCategory(c: RecordCopy): string {
    return this.i18n.pick(loanCategoryLabel(c.loanable));
  }
  protected branch(c: RecordCopy): string {
    return this.library.branchName(c.branchCode) || c.branchName || c.branchCode;
  }
  /** True when the copy's library is closed today (本日休館), so nobody goes there for it today. */
  protected closedToday(c: RecordCopy): boolean {
    return this.openToday().get(c.branchCode) === false;
  }
  protected material(code: string | null | undefined): string {
    if (!code) return '';
    const key = ('material.' + code) as MessageKey;
    return key in MESSAGES.ja ? this.t(key) : code;
  }
  /** The class a subject link searches: the NDC as far as three digits (913.6 → 913). */
  protected ndcClass(code: string): string {
    return /^\d{1,3}/.exec(code)?.[0] ?? code;
  }

  /** 913.6 小説・物語: the class with its name (NDC to three digits, @shiori/web-core ndcLabel). */
  protected ndc(code: string | null | undefined): string {
    if (!code) return '';
    return ndcLabel(code, this.i18n.lang() === 'en' ? 'en' : 'ja');
  }

  /** What a regional search looks for to find this book elsewhere: its ISBN, else its title and first author. */
  protected readonly regionalQuery = computed(() => {
    const r = this.record();
    if (!r) return '';
    return r.isbn || [r.title, r.authors?.[0]?.name].filter(Boolean).join(' ');
  });

  protected async addToCart(): Promise<void> {
    const r = this.record();
    if (!r) return;
    if (!this.signedIn() && !this.cart.openToAll()) {
      // kept in this tab's cart: the login hands it over, so the book is in the cart after sign-in
      await this.cart.add(r);
      await this.router.navigate(['/login'], { queryParams: { next: `/records/${r.id}`, reason: 'cart' } });
      return;
    }
    await this.act(async () => {
      await this.cart.add(r);
      this.notice.set({ text: this.t('record.addedToCart'), link: '/cart', linkText: this.t('record.openCart') });
    });
  }

  /** Loads the patron's shelves once (for the "add to shelf" menu). */
  protected async loadShelves(): Promise<void> {
    if (this.shelves()) return;
    await this.act(async () => this.shelves.set(await firstValueFrom(this.reading.shelves())));
  }

  protected async addToShelf(shelf?: Shelf): Promise<void> {
    const r = this.record();
    if (!r) return;
    await this.act(async () => {
      const target = shelf ?? (await this.favourites());
      await firstValueFrom(this.reading.putEntry(target.id, r.id));
      this.notice.set({ text: this.t('record.addedToShelf', { shelf: this.shelfName(target) }), link: '/my/shelves', linkText: this.t('record.openShelves') });
    });
  }

  /** 読了 / 読みたい本: kept on the favourites shelf with the mark; pressing it again removes the mark. */
  protected async setMark(mark: ReadMark): Promise<void> {
    const r = this.record();
    if (!r) return;
    const next = this.mark() === mark ? null : mark;
    await this.act(async () => {
      const fav = await this.favourites();
      await firstValueFrom(this.reading.putEntry(fav.id, r.id, { mark: next }));
      this.mark.set(next);
      this.notice.set({ text: next ? this.t(next === 'read' ? 'record.markedRead' : 'record.markedWant') : this.t('record.markRemoved') });
    });
  }

  protected shelfName(s: Shelf): string {
    return s.kind === 'favourites' ? this.t('shelves.favourites') : s.name;
  }

  private async favourites(): Promise<Shelf> {
    await this.loadShelves();
    const fav = this.shelves()?.find((s) => s.kind === 'favourites');
    if (!fav) throw new Error('no favourites shelf');
    return fav;
  }

  private async act(fn: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set('');
    this.notice.set(null);
    try {
      await fn();
    } catch (e) {
      this.actionError.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }
}
