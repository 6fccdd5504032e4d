import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { I18n } from '../core/i18n';
import { RegionText } from './region-i18n';

/**
 * The regional OPAC's shell (`/opac/r/{code}/`): skip link, a toolbar with the page's name and
 * the language switch, the routed page and the footer. No city here, so no sign-in, cart or
 * My page: holds are placed at each library's own record page.
 */
@Component({
  selector: 'opac-root',
  imports: [RouterOutlet, RouterLink],
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ t('app.skipToMain') }}</a>
    <header>
      <!-- the city shell's plain toolbar (app.html; _top-bar.scss), without Angular Material -->
      <div class="toolbar top-bar">
        <a class="library-name" routerLink="/">{{ rt('region.titlePlain') }}</a>
        <span class="spacer"></span>
        <button type="button" class="bar-button language" [attr.lang]="otherLang()" (click)="toggleLanguage()">
          <span class="icon" aria-hidden="true">translate</span>
          {{ t('app.switchLanguage') }}
        </button>
      </div>
    </header>
    <main id="main" #main tabindex="-1">
      <router-outlet />
    </main>
    <footer class="footer">
      <p>{{ t('footer.creditBefore') }}<a href="https://www.aozora.gr.jp/" rel="noopener">https://www.aozora.gr.jp/</a>{{ t('footer.creditAfter') }}</p>
    </footer>
  `,
  styleUrl: '../app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionApp {
  private readonly i18n = inject(I18n);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly t = this.i18n.t;
  protected readonly rt = inject(RegionText).t;
  protected readonly otherLang = computed(() => (this.i18n.lang() === 'ja' ? 'en' : 'ja'));

  constructor() {
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => this.main().nativeElement.focus({ preventScroll: true }));
  }

  protected toggleLanguage(): void {
    this.i18n.toggle();
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
