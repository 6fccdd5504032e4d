import { ChangeDetectionStrategy, Component, computed, DestroyRef, DOCUMENT, effect, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';

/**
 * The card number as NW-7 (Codabar), the symbology of Japanese library cards, with the A…A
 * start/stop characters self-checkout scanners expect.
 */
export function codabarText(cardNumber: string): string {
  return `A${cardNumber.replace(/\D/g, '')}A`;
}

/**
 * Digital library card (Katori: show the card barcode on a phone at the self-checkout).
 * The barcode is drawn in the browser (bwip-js, loaded only on this page) as SVG: sharp at
 * any size, black on white, full screen on request with the screen kept bright and awake.
 */
@Component({
  selector: 'opac-digital-card-page',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="card-page" #cardBox [class.full]="fullScreen()">
      <h1 class="heading">{{ t('card.title') }}</h1>
      @if (me(); as m) {
        <div class="card" role="img" [attr.aria-label]="t('card.label', { number: m.cardNumber })">
          <p class="library">{{ library.name() }}</p>
          <div class="barcode" [innerHTML]="svg()"></div>
          <p class="number">{{ m.cardNumber }}</p>
          <p class="name">{{ m.name }}</p>
        </div>
        @if (failed()) {
          <p class="error" role="alert">{{ t('card.failed') }}</p>
        }
        <p class="hint">{{ t('card.hint') }}</p>
        <button mat-flat-button type="button" class="full-button" (click)="toggleFullScreen()">
          <mat-icon>{{ fullScreen() ? 'fullscreen_exit' : 'fullscreen' }}</mat-icon>{{ t(fullScreen() ? 'card.exitFull' : 'card.full') }}
        </button>
      }
    </div>
  `,
  styles: `
    .heading {
      font: var(--mat-sys-headline-small);
      font-weight: 700;
      margin: 0 0 1rem;
    }
    .card {
      max-width: 32rem;
      margin: 0 auto 1rem;
      padding: 1.5rem 1rem;
      border-radius: 16px;
      background: #ffffff;
      color: #000000;
      border: 2px solid #000000;
      text-align: center;
    }
    .barcode {
      background: #ffffff;
      padding: 0.5rem 1rem;
    }
    .barcode :is(svg) {
      width: 100%;
      height: auto;
      max-height: 40vh;
    }
    .number {
      font: var(--mat-sys-headline-medium);
      letter-spacing: 0.15em;
      font-variant-numeric: tabular-nums;
      margin: 0.5rem 0 0;
    }
    .library,
    .name {
      margin: 0;
    }
    .hint {
      text-align: center;
    }
    .full-button {
      display: flex;
      margin: 0 auto;
      min-height: 52px;
    }
    .full {
      position: fixed;
      inset: 0;
      z-index: 2000;
      background: #ffffff;
      color: #000000;
      display: flex;
      flex-direction: column;
      justify-content: center;
      padding: 1rem;
      overflow: auto;
    }
    .full .card {
      max-width: 60rem;
      width: 100%;
      border: none;
    }
    .error {
      color: #b00020;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DigitalCardPage {
  protected readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  protected readonly t = inject(I18n).t;
  protected readonly me = this.session.me;
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly svg = signal<SafeHtml>('');
  protected readonly failed = signal(false);
  protected readonly fullScreen = signal(false);
  private readonly cardBox = viewChild<ElementRef<HTMLElement>>('cardBox');
  private wakeLock: { release(): Promise<void> } | null = null;
  private readonly number = computed(() => this.me()?.cardNumber ?? '');

  constructor() {
    effect(() => {
      const n = this.number();
      if (n) void this.draw(n);
    });
    const onFullScreenChange = () => {
      if (!this.document.fullscreenElement) this.fullScreen.set(false);
    };
    this.document.addEventListener('fullscreenchange', onFullScreenChange);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('fullscreenchange', onFullScreenChange);
      void this.wakeLock?.release().catch(() => undefined);
    });
  }

  private async draw(cardNumber: string): Promise<void> {
    try {
      const bwip = await import('bwip-js/browser');
      const svg = bwip.toSVG({ bcid: 'rationalizedCodabar', text: codabarText(cardNumber), scale: 3, height: 18, includetext: false, backgroundcolor: 'FFFFFF', paddingwidth: 10 });
      // bwip-js writes the SVG itself from the card digits (non-digits are dropped above), so it
      // carries no markup from anyone; Angular's HTML sanitizer would otherwise strip the SVG.
      this.svg.set(this.sanitizer.bypassSecurityTrustHtml(svg));
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    }
  }

  protected async toggleFullScreen(): Promise<void> {
    const on = !this.fullScreen();
    this.fullScreen.set(on);
    try {
      if (on) {
        await this.cardBox()?.nativeElement.requestFullscreen?.();
        const nav = this.document.defaultView?.navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
        this.wakeLock = (await nav.wakeLock?.request('screen')) ?? null;
      } else {
        if (this.document.fullscreenElement) await this.document.exitFullscreen();
        await this.wakeLock?.release();
        this.wakeLock = null;
      }
    } catch {
      // full screen or wake lock refused (iOS Safari, settings): the page itself still fills the screen
    }
  }
}
