import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { I18n } from './core/i18n';
import { Kiosk } from './core/kiosk';
import { Library } from './core/library';
import { Session } from './core/session';
import { Cart } from './holds/cart';

/**
 * The OPAC shell: skip link, the city's toolbar (name, brand colour, language), the routed
 * page and the footer. Loads the library's info once for every page.
 */
@Component({
  selector: 'opac-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, MatIconModule],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[style.--shiori-brand]': 'brand()?.background',
    '[style.--shiori-on-brand]': 'brand()?.foreground',
    '[class.kiosk]': 'kiosk.active()',
  },
})
export class App {
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

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
      .subscribe(() => this.main().nativeElement.focus({ preventScroll: true }));
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
