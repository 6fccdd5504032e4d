import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18n } from '../core/i18n';

/** The 50音 table in columns (ア行 … ワ行), read top to bottom as on a paper table. */
const COLUMNS = ['アイウエオ', 'カキクケコ', 'サシスセソ', 'タチツテト', 'ナニヌネノ', 'ハヒフヘホ', 'マミムメモ', 'ヤ ユ ヨ', 'ラリルレロ', 'ワヲン  '];
const SMALL = [...'ァィゥェォッャュョ'];
const DAKUTEN = '\u3099';
const HANDAKUTEN = '\u309A';

/** The last character with ゛ or ゜ added, where Japanese has such a letter (カ→ガ, ハ→パ); otherwise unchanged. */
export function withMark(text: string, mark: 'dakuten' | 'handakuten'): string {
  const chars = [...text];
  const last = chars.pop();
  if (!last) return text;
  const marked = (last + (mark === 'dakuten' ? DAKUTEN : HANDAKUTEN)).normalize('NFC');
  return [...chars, [...marked].length === 1 ? marked : last].join('');
}

/**
 * The kiosk's 50音 kana pad for names and readings in full-width katakana (Katori's guide,
 * 000: 氏名は全角カタカナ): the table by columns, ゛ and ゜ applied to the last letter,
 * small letters, the long vowel ー and a space between family and given names. Emits text
 * to append, or a whole new value for ゛/゜; every key is a named button.
 */
@Component({
  selector: 'opac-kana-pad',
  imports: [MatIconModule],
  styleUrl: './keys.scss',
  template: `
    <div class="keys pad" role="group" [attr.aria-label]="t('kiosk.kanaPad', { field: target() })">
      <div class="table">
        @for (col of columns; track $index) {
          <div class="column">
            @for (k of col; track $index) {
              @if (k === ' ') {
                <span class="gap" aria-hidden="true"></span>
              } @else {
                <button type="button" class="key" (click)="key.emit(k)">{{ k }}</button>
              }
            }
          </div>
        }
      </div>
      <div class="row">
        @for (k of small; track k) {
          <button type="button" class="key" (click)="key.emit(k)">{{ k }}</button>
        }
        <button type="button" class="key" [attr.aria-label]="t('kiosk.longVowel')" (click)="key.emit('ー')">ー</button>
      </div>
      <div class="row">
        <button type="button" class="key wide" [attr.aria-label]="t('kiosk.dakuten')" (click)="mark.emit('dakuten')">゛</button>
        <button type="button" class="key wide" [attr.aria-label]="t('kiosk.handakuten')" (click)="mark.emit('handakuten')">゜</button>
        <button type="button" class="key wide" (click)="key.emit('　')">{{ t('kiosk.space') }}</button>
        <button type="button" class="key wide" (click)="backspace.emit()"><mat-icon aria-hidden="true">backspace</mat-icon>{{ t('kiosk.backspace') }}</button>
        <button type="button" class="key wide" (click)="clear.emit()">{{ t('kiosk.clear') }}</button>
      </div>
    </div>
  `,
  styles: `
    .table {
      display: flex;
      flex-direction: row-reverse; /* ア行 on the right, as a Japanese 50音 table reads */
      gap: 0.3rem;
      justify-content: center;
      flex-wrap: wrap;
    }
    .column {
      display: grid;
      gap: 0.3rem;
    }
    .key,
    .gap {
      min-width: 3rem;
      min-height: 3rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KanaPad {
  /** The name of the field the keys go to, for the group label. */
  readonly target = input('');
  readonly key = output<string>();
  readonly mark = output<'dakuten' | 'handakuten'>();
  readonly backspace = output<void>();
  readonly clear = output<void>();

  protected readonly t = inject(I18n).t;
  protected readonly columns = COLUMNS.map((c) => [...c]);
  protected readonly small = SMALL;
}
