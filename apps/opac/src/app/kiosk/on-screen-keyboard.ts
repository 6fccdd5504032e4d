import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../core/i18n';

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * The kiosk's on-screen keyboard (館内OPAC, Katori): digits for the card number; digits,
 * letters (with shift) and the city's allowed symbols for a password. Emits key presses;
 * the page puts them into the field it is for. Big touch targets; every key is a button
 * with a name, so it also works with a keyboard and a screen reader.
 */
@Component({
  selector: 'opac-on-screen-keyboard',
  imports: [MatButtonModule, MatIconModule],
  styleUrl: './keys.scss',
  template: `
    <div class="keys" role="group" [attr.aria-label]="t('kiosk.keyboard', { field: target() })">
      <div class="row">
        @for (k of digits; track k) {
          <button type="button" class="key" (click)="key.emit(k)">{{ k }}</button>
        }
      </div>
      @if (mode() === 'text') {
        @for (row of letterRows(); track $index) {
          <div class="row">
            @for (k of row; track k) {
              <button type="button" class="key" (click)="key.emit(k)">{{ k }}</button>
            }
          </div>
        }
        @if (symbols()) {
          <div class="row">
            @for (k of symbolKeys(); track k) {
              <button type="button" class="key" (click)="key.emit(k)">{{ k }}</button>
            }
          </div>
        }
      }
      <div class="row">
        @if (mode() === 'text' && letters()) {
          <button type="button" class="key wide" [attr.aria-pressed]="shift()" (click)="shift.set(!shift())">
            <mat-icon aria-hidden="true">keyboard_capslock</mat-icon>{{ t('kiosk.shift') }}
          </button>
        }
        <button type="button" class="key wide" (click)="backspace.emit()">
          <mat-icon aria-hidden="true">backspace</mat-icon>{{ t('kiosk.backspace') }}
        </button>
        <button type="button" class="key wide" (click)="clear.emit()">{{ t('kiosk.clear') }}</button>
      </div>
    </div>
  `,
  styles: `
    .key {
      min-width: 3.25rem;
      min-height: 3.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OnScreenKeyboard {
  /** digits: card numbers and digit-only passwords; text: digits, letters, symbols */
  readonly mode = input<'digits' | 'text'>('digits');
  readonly letters = input(true);
  /** The symbols the city allows in passwords (policy.password.symbols), or '' for none. */
  readonly symbols = input('');
  /** The name of the field the keys go to, for the group label. */
  readonly target = input('');
  readonly key = output<string>();
  readonly backspace = output<void>();
  readonly clear = output<void>();

  protected readonly t = inject(I18n).t;
  protected readonly digits = [...'1234567890'];
  protected readonly shift = signal(false);
  protected readonly letterRows = computed(() =>
    this.letters() ? LETTER_ROWS.map((r) => [...(this.shift() ? r.toUpperCase() : r)]) : [],
  );
  protected readonly symbolKeys = computed(() => [...this.symbols()]);
}
