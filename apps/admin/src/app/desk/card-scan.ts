import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import type { StaffPatronView } from '@shiori/contracts';
import { PatronsApi } from '../patrons/patrons-api';
import { CardStep, cardStep, homeCardStep } from './card-step';

/** Which desk screen's texts the card step uses (the same words today, kept per screen). */
export type CardScanScreen = 'checkout' | 'placeHold';

/** What a card scan found: the number as typed, and how the card step ended. */
export interface CardScanned {
  typed: string;
  step: CardStep;
}

/**
 * The card step of the desk screens (check-out, 予約受付), built for a barcode scanner: the
 * big card field (Enter or the button looks the number up through `cardStep`: the city's
 * card rules, then the patron), 次の利用者 once a patron is confirmed, and that patron's
 * name, card and expiry. The page decides what the step means (`scanned`) and holds the
 * confirmed number and patron (`confirmed`, `patron`); it moves the focus here with `focus()`
 * and empties the field with `clear()`.
 */
@Component({
  selector: 'admin-card-scan',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  templateUrl: './card-scan.html',
  styleUrl: './desk-page.scss',
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CardScan {
  /** The screen whose texts label the field, the buttons and the patron. */
  readonly screen = input.required<CardScanScreen>();
  /** The normalised card number once the page has confirmed the patron; the field is read-only then. */
  readonly confirmed = input<string | null>(null);
  /** The confirmed patron, shown below the field (none when the lookup could not be made). */
  readonly patron = input<StaffPatronView | null>(null);
  /** A home city chosen at check-out (広域利用): the number is that city's card, not this library's. */
  readonly homeCity = input<string | null>(null);
  /** The patron's current loans, when the page knows them (check-out). */
  readonly currentLoans = input<number | null>(null);
  /** A number was looked up (Enter or the button). */
  readonly scanned = output<CardScanned>();
  /** 次の利用者 was pressed (the page starts over, as on Esc). */
  readonly nextPatron = output<void>();

  private readonly patrons = inject(PatronsApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  private readonly cardInput = viewChild<ElementRef<HTMLInputElement>>('cardInput');
  protected readonly card = new FormControl('', { nonNullable: true });
  protected readonly lookingUp = signal(false);

  protected readonly key = (name: 'card' | 'cardSubmit' | 'nextPatron' | 'patron') => `${this.screen()}.${name}` as const;

  protected readonly patronView = computed(() => {
    const p = this.patron();
    if (!p) return null;
    const lang = this.i18n.lang();
    return { ...p, expires: p.expiresAt ? formatDay(p.expiresAt, lang) : null };
  });

  /** Enter in the card field: check the number as the city prints it, then find the patron. */
  protected submit(event?: Event): void {
    event?.preventDefault();
    const typed = this.card.value.trim();
    if (!typed || this.lookingUp()) return;
    this.lookingUp.set(true);
    const home = this.homeCity();
    const step$ = home ? homeCardStep(typed, home, this.patrons) : cardStep(typed, this.library.policy.value()?.card, this.patrons);
    step$.subscribe((step) => {
      this.lookingUp.set(false);
      this.scanned.emit({ typed, step });
    });
  }

  /** Puts the focus in the card field; `select` marks the number, so the next scan replaces it. */
  focus(select = false): void {
    const input = this.cardInput()?.nativeElement;
    input?.focus();
    if (select) input?.select();
  }

  /** Empties the field for the next patron. */
  clear(): void {
    this.card.setValue('');
  }
}
