import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18n, Localized, MessageKey } from '../core/i18n';

/** A text decided now but shown in the language of the moment (the toggle may be used meanwhile). */
export type DeskText = { key: MessageKey; params?: Record<string, string | number> } | { localized: Localized };

/** The answer to the last scan: success, refusal, a hold to route, or a note. */
export interface DeskFeedback {
  kind: 'ok' | 'refused' | 'hold' | 'info';
  title: DeskText;
  lines?: DeskText[];
  /** The barcode or card the answer is about, shown so a refusal can be matched to the book in hand. */
  subject?: string;
}

const ICONS: Record<DeskFeedback['kind'], string> = { ok: 'check_circle', refused: 'block', hold: 'bookmark_added', info: 'info' };

/**
 * The big coloured answer under a desk's scan field: green = done, red = refused (with the
 * API's reason in words), amber = a hold to route. Colour, icon and words together, and read
 * out: refusals assertively, the rest politely.
 */
@Component({
  selector: 'admin-desk-feedback',
  imports: [MatIconModule],
  template: `
    <div class="live" aria-live="polite" aria-atomic="true">
      @if (view(); as v) {
        @if (v.kind !== 'refused') {
          <div [class]="'feedback ' + v.kind" role="status" data-feedback [attr.data-kind]="v.kind">
            <mat-icon aria-hidden="true">{{ v.icon }}</mat-icon>
            <div>
              <p class="title">{{ v.title }}</p>
              @for (line of v.lines; track $index) {
                <p>{{ line }}</p>
              }
              @if (v.subject) {
                <p class="subject"><code>{{ v.subject }}</code></p>
              }
            </div>
          </div>
        }
      }
    </div>
    <div class="live" aria-live="assertive" aria-atomic="true">
      @if (view(); as v) {
        @if (v.kind === 'refused') {
          <div class="feedback refused" role="alert" data-feedback data-kind="refused">
            <mat-icon aria-hidden="true">{{ v.icon }}</mat-icon>
            <div>
              <p class="title">{{ v.title }}</p>
              @for (line of v.lines; track $index) {
                <p class="reason">{{ line }}</p>
              }
              @if (v.subject) {
                <p class="subject"><code>{{ v.subject }}</code></p>
              }
            </div>
          </div>
        }
      }
    </div>
  `,
  styles: `
    .feedback {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      padding: 1rem 1.25rem;
      border-radius: 12px;
      border: 3px solid transparent;
      margin: 1rem 0;

      p {
        margin: 0.125rem 0;
      }
      mat-icon {
        flex: none;
        width: 40px;
        height: 40px;
        font-size: 40px;
      }
    }
    .title {
      font: var(--mat-sys-headline-small);
      font-weight: 700;
    }
    .reason {
      font: var(--mat-sys-title-medium);
    }
    .ok {
      background: #d6f5dc;
      color: #0b3b17;
      border-color: #1e7b34;
    }
    .refused {
      background: #ffdad6;
      color: #410002;
      border-color: #ba1a1a;
    }
    .hold {
      background: #ffefc2;
      color: #3b2c00;
      border-color: #8a6500;
    }
    .info {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeskFeedbackView {
  readonly feedback = input<DeskFeedback | null>(null);
  private readonly i18n = inject(I18n);

  protected readonly view = computed(() => {
    const f = this.feedback();
    if (!f) return null;
    const text = (x: DeskText) => ('key' in x ? this.i18n.t(x.key, x.params) : this.i18n.pick(x.localized));
    return { kind: f.kind, icon: ICONS[f.kind], title: text(f.title), lines: (f.lines ?? []).map(text), subject: f.subject };
  });
}
