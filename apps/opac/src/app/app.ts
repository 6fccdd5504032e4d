import { afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { I18n } from './core/i18n';
import { Kiosk } from './core/kiosk';
import { Library } from './core/library';
import { Session } from './core/session';
import { Cart } from './holds/cart';

/**
 * The OPAC shell: skip link, the city's toolbar (name, brand colour, language; on a phone one
 * row: the city, さがす, 予約かご and a labelled メニュー), the routed page and the footer. Loads the library's info once for every page.
 *
 * Plain HTML and CSS with the OPAC's icon font, no Angular Material: the shell is in the first
 * render of every page, and Material's toolbar, buttons and menu (with the CDK overlay) cost a
 * phone more script time than the page they frame. The メニュー is a WAI-ARIA menu button
 * (arrow keys, Home/End, Escape back to the button, closed by Tab or a click elsewhere).
 */
@Component({
  selector: 'opac-root',
  imports: [RouterOutlet, RouterLink],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[style.--shiori-brand]': 'brand()?.background',
    '[style.--shiori-on-brand]': 'brand()?.foreground',
    '[class.kiosk]': 'kiosk.active()',
    '(document:click)': 'closeMenuOutside($event)',
  },
})
export class App {
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly menuButton = viewChild<ElementRef<HTMLButtonElement>>('menuButton');
  private readonly menuPanel = viewChild<ElementRef<HTMLElement>>('menuPanel');
  private readonly injector = inject(Injector);
  protected readonly menuOpen = signal(false);

  protected readonly t = this.i18n.t;
  protected readonly brand = this.library.brand;
  protected readonly libraryName = computed(() => this.library.name() || this.t('app.name'));
  /** The toggle offers the other language, labelled in that language. */
  protected readonly otherLang = computed(() => (this.i18n.lang() === 'ja' ? 'en' : 'ja'));

  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly kiosk = inject(Kiosk);
  protected readonly signedIn = this.session.signedIn;
  protected readonly mustChange = this.session.mustChangePassword;
  protected readonly cartCount = inject(Cart).count;
  protected readonly showCard = computed(() => !!this.library.features()?.digitalCard && !this.kiosk.active());
  /** m:ss until the kiosk signs the patron out. */
  protected readonly countdown = computed(() => {
    const s = this.kiosk.remaining() ?? 0;
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  });

  constructor() {
    this.library.load();
    void this.session.ensureLoaded();
    // After an in-app navigation, put focus at the start of the new page, as a page load would.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => {
        this.menuOpen.set(false);
        this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  protected toggleMenu(): void {
    if (this.menuOpen()) this.closeMenu(true);
    else this.showMenu('first');
  }

  protected openMenu(event: Event): void {
    event.preventDefault();
    this.showMenu('first');
  }

  private showMenu(focus: 'first' | 'last'): void {
    this.menuOpen.set(true);
    afterNextRender(() => this.focusItem(focus === 'first' ? 0 : -1), { injector: this.injector });
  }

  private closeMenu(refocus: boolean): void {
    this.menuOpen.set(false);
    if (refocus) this.menuButton()?.nativeElement.focus();
  }

  private items(): HTMLElement[] {
    return Array.from(this.menuPanel()?.nativeElement.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  }

  /** Focuses item `index` (negative: from the end), wrapping around. */
  private focusItem(index: number): void {
    const items = this.items();
    if (items.length) items[((index % items.length) + items.length) % items.length].focus();
  }

  protected menuKey(event: KeyboardEvent): void {
    const items = this.items();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      event.preventDefault();
      this.focusItem(moves[event.key]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.closeMenu(true);
    } else if (event.key === 'Tab') {
      this.closeMenu(false);
    }
  }

  /** An item chosen: the menu closes (a link then navigates, a button does its work). */
  protected menuClicked(event: Event): void {
    if ((event.target as HTMLElement).closest('[role="menuitem"]')) this.closeMenu(false);
  }

  protected menuFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && !(event.currentTarget as HTMLElement).contains(to)) this.menuOpen.set(false);
  }

  protected closeMenuOutside(event: Event): void {
    if (!this.menuOpen()) return;
    const anchor = this.menuButton()?.nativeElement.parentElement;
    if (anchor && !anchor.contains(event.target as Node)) this.menuOpen.set(false);
  }

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigateByUrl('/');
  }

  protected toggleLanguage(): void {
    this.i18n.toggle();
  }

  /** `href="#main"` alone would leave the page: the base href is /opac/{slug}/, not this URL. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
