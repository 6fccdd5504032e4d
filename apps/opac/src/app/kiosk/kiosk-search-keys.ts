import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../core/i18n';
import { KanaPad, withMark } from './kana-pad';
import { OnScreenKeyboard } from './on-screen-keyboard';

/**
 * The kiosk's search by touch (館内OPAC, Katori 000: 仮想キーボード): the words typed so far,
 * the 50音 pad or letters and digits, and a search key. Emits the new text on every key and
 * the search when asked; the page runs it as if typed in the search box.
 */
@Component({
  selector: 'opac-kiosk-search-keys',
  imports: [MatButtonModule, MatButtonToggleModule, MatIconModule, KanaPad, OnScreenKeyboard],
  template: `
    <section class="kiosk-search" [attr.aria-label]="t('kiosk.searchKeys')">
      <div class="typed">
        <output class="text" aria-live="polite" [attr.aria-label]="t('kiosk.searchTyped')">{{ text() || ' ' }}</output>
        <button mat-flat-button type="button" class="kiosk-search-go" [disabled]="!text().trim()" (click)="submitted.emit()">
          <mat-icon aria-hidden="true">search</mat-icon>{{ t('kiosk.searchGo') }}
        </button>
      </div>
      <mat-button-toggle-group [value]="pad()" (change)="pad.set($event.value)" [attr.aria-label]="t('kiosk.padChoice')">
        <mat-button-toggle value="kana">{{ t('kiosk.padKana') }}</mat-button-toggle>
        <mat-button-toggle value="latin">{{ t('kiosk.padLatin') }}</mat-button-toggle>
      </mat-button-toggle-group>
      @if (pad() === 'kana') {
        <opac-kana-pad [target]="t('kiosk.searchTyped')" (key)="type($event)" (mark)="mark($event)" (backspace)="backspace()" (clear)="textChange.emit('')" />
      } @else {
        <opac-on-screen-keyboard mode="text" [target]="t('kiosk.searchTyped')" (key)="type($event)" (backspace)="backspace()" (clear)="textChange.emit('')" />
      }
    </section>
  `,
  styles: `
    .kiosk-search {
      display: grid;
      gap: 0.5rem;
      margin: 0.5rem 0 1rem;
    }
    .typed {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .text {
      flex: 1;
      min-height: 3rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      font: var(--mat-sys-title-large);
      background: var(--mat-sys-surface);
    }
    .kiosk-search-go {
      min-height: 3rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KioskSearchKeys {
  readonly text = input('');
  readonly textChange = output<string>();
  readonly submitted = output<void>();

  protected readonly t = inject(I18n).t;
  protected readonly pad = signal<'kana' | 'latin'>('kana');

  protected type(key: string): void {
    this.textChange.emit(this.text() + (key === '　' ? ' ' : key));
  }

  protected mark(m: 'dakuten' | 'handakuten'): void {
    this.textChange.emit(withMark(this.text(), m));
  }

  protected backspace(): void {
    this.textChange.emit([...this.text()].slice(0, -1).join(''));
  }
}
