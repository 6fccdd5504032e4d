import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { I18n, MessageKey } from '../core/i18n';
import type { Suggestion } from '@shiori/contracts';
import { Catalog } from './catalog';

let nextId = 0;

/** Quiet time after a keystroke before suggestions are asked for. */
const SUGGEST_DEBOUNCE_MS = 150;

/**
 * The catalogue search form: a labelled field and a button. Emits the trimmed query
 * (`querySubmit`). As the patron types, titles, authors and series of the library's
 * catalogue are offered (なつめ → 夏目 漱石) in Angular Material's autocomplete, which
 * follows the ARIA combobox pattern: the field is a `combobox` with `aria-expanded` and
 * `aria-activedescendant`, the list a `listbox`; ↓/↑ move through it, Enter searches the
 * highlighted suggestion (or what was typed when none is), Escape closes the list. A
 * polite live region says how many suggestions there are.
 */
@Component({
  selector: 'opac-search-box',
  imports: [MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatAutocompleteModule],
  template: `
    <form class="search-box" [class.large]="large()" role="search" (submit)="submit($event)">
      <mat-form-field class="field" appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ t('search.label') }}</mat-label>
        <input
          matInput
          type="search"
          name="q"
          data-replay="q"
          [id]="inputId"
          [value]="text()"
          (input)="type($any($event.target).value)"
          [placeholder]="t('search.placeholder')"
          enterkeyhint="search"
          autocomplete="off"
          [matAutocomplete]="auto"
          [attr.aria-describedby]="inputId + '-count'"
        />
        <mat-autocomplete
          #auto="matAutocomplete"
          class="opac-suggestions"
          [attr.aria-label]="t('suggest.label')"
          (optionSelected)="choose($event)"
        >
          @for (s of suggestions(); track s.kind + s.label) {
            <mat-option [value]="s.label" class="suggestion">
              <span class="label">{{ s.label }}</span><span class="visually-hidden">、</span>
              <span class="kind">{{ kindLabel(s) }}</span>
            </mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <button mat-flat-button type="submit" class="submit">
        <mat-icon>search</mat-icon>
        {{ t('search.submit') }}
      </button>
      <span class="visually-hidden suggest-count" aria-live="polite" [id]="inputId + '-count'">{{ countText() }}</span>
    </form>
  `,
  styles: `
    .search-box {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    .field {
      flex: 1 1 16rem;
    }
    .submit {
      min-height: 56px;
      padding-inline: 1.5rem;
    }
    .large .field {
      font-size: 1.25rem;
    }
    .large .submit {
      font-size: 1.125rem;
    }
    .suggestion .label {
      margin-inline-end: 0.75rem;
    }
    .suggestion .kind {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchBox {
  /** The query to show at first (e.g. from the URL). */
  readonly query = input('');
  /** The home page's prominent variant. */
  readonly large = input(false);
  // Not `search`: <input type="search"> fires a native `search` event that would bubble into that binding.
  readonly querySubmit = output<string>();

  private readonly catalogue = inject(Catalog);
  protected readonly t = inject(I18n).t;
  protected readonly inputId = `opac-search-${nextId++}`;
  protected readonly text = linkedSignal(() => this.query());
  /** What the patron typed (not the query shown at first): only typing asks for suggestions. */
  private readonly typed = linkedSignal<string, string | null>({ source: this.query, computation: () => null });

  protected readonly suggestions = toSignal(
    toObservable(this.typed).pipe(
      debounceTime(SUGGEST_DEBOUNCE_MS),
      map((q) => q?.trim() ?? ''),
      distinctUntilChanged(),
      switchMap((q) =>
        q
          ? this.catalogue.suggest(q).pipe(
              map((r) => r.suggestions ?? []),
              // suggestions are a help: when they fail, the box is a plain search box
              catchError(() => of([] as Suggestion[])),
            )
          : of([] as Suggestion[]),
      ),
    ),
    { initialValue: [] as Suggestion[] },
  );
  protected readonly countText = computed(() => {
    const n = this.suggestions().length;
    return n ? this.t('suggest.count', { n }) : '';
  });

  protected kindLabel(s: Suggestion): string {
    return this.t(`suggest.kind.${s.kind === 'author' || s.kind === 'series' ? s.kind : 'title'}` as MessageKey);
  }

  protected type(value: string): void {
    this.text.set(value);
    this.typed.set(value);
  }

  /** A suggestion chosen (click, or Enter on the highlighted one): search it at once. */
  protected choose(event: MatAutocompleteSelectedEvent): void {
    const q = String(event.option.value ?? '').trim();
    this.text.set(q);
    this.typed.set(null);
    if (q) this.querySubmit.emit(q);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const q = this.text().trim();
    this.typed.set(null);
    if (q) this.querySubmit.emit(q);
  }
}
