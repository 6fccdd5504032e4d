import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../core/i18n';

let nextId = 0;

/** The catalogue search form: a labelled field and a button. Emits the trimmed query (`querySubmit`). */
@Component({
  selector: 'opac-search-box',
  imports: [MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule],
  template: `
    <form class="search-box" [class.large]="large()" role="search" (submit)="submit($event)">
      <mat-form-field class="field" appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ t('search.label') }}</mat-label>
        <input
          matInput
          type="search"
          name="q"
          [id]="inputId"
          [value]="text()"
          (input)="text.set($any($event.target).value)"
          [placeholder]="t('search.placeholder')"
          enterkeyhint="search"
          autocomplete="off"
        />
      </mat-form-field>
      <button mat-flat-button type="submit" class="submit">
        <mat-icon>search</mat-icon>
        {{ t('search.submit') }}
      </button>
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

  protected readonly t = inject(I18n).t;
  protected readonly inputId = `opac-search-${nextId++}`;
  protected readonly text = linkedSignal(() => this.query());

  protected submit(event: Event): void {
    event.preventDefault();
    const q = this.text().trim();
    if (q) this.querySubmit.emit(q);
  }
}
