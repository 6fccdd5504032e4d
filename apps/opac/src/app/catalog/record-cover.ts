import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';

/** Calm background colours of generated covers (white text on each has a contrast ratio ≥ 4.5). */
const COVER_COLOURS = ['#2f4858', '#5b3a29', '#1f4e3d', '#4a3b6b', '#6b2d3a', '#2d4a6b', '#4d4d2a', '#3b3b3b'];

/** Characters per line and lines of the title on a generated cover. */
const LINE_CHARS = 8;
const MAX_LINES = 4;

/**
 * A record's cover: the record's own image when it has one, else a cover drawn here with the
 * title and the author, so the page never shows a broken image. An image that fails to load
 * is replaced by the drawn cover. Decorative (the title is the page's heading): hidden from
 * screen readers.
 */
@Component({
  selector: 'opac-record-cover',
  template: `
    @if (url() && !failed()) {
      <img class="cover" [src]="url()" alt="" aria-hidden="true" loading="lazy" (error)="failed.set(true)" width="160" height="224" />
    } @else {
      <svg class="cover generated" viewBox="0 0 160 224" width="160" height="224" aria-hidden="true" focusable="false" role="presentation">
        <rect width="160" height="224" rx="4" [attr.fill]="colour()" />
        <rect x="10" y="10" width="140" height="204" rx="2" fill="none" stroke="#ffffff" stroke-opacity="0.5" />
        @for (line of titleLines(); track $index) {
          <text x="80" [attr.y]="44 + $index * 24" text-anchor="middle" fill="#ffffff" font-size="17" font-weight="700">{{ line }}</text>
        }
        @if (author()) {
          <text x="80" y="196" text-anchor="middle" fill="#ffffff" font-size="12">{{ author() }}</text>
        }
      </svg>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .cover {
      display: block;
      width: 160px;
      height: auto;
      max-width: 100%;
      border-radius: 4px;
      box-shadow: 0 1px 3px rgb(0 0 0 / 30%);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordCover {
  readonly url = input<string | null | undefined>(null);
  readonly title = input.required<string>();
  readonly author = input<string>('');

  /** The image failed to load: draw the cover instead (reset when the address changes). */
  protected readonly failed = linkedSignal({ source: this.url, computation: () => false });
  protected readonly colour = computed(() => {
    let h = 0;
    for (const ch of this.title()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
    return COVER_COLOURS[h % COVER_COLOURS.length];
  });
  protected readonly titleLines = computed(() => {
    const chars = Array.from(this.title());
    const lines: string[] = [];
    for (let i = 0; i < chars.length && lines.length < MAX_LINES; i += LINE_CHARS) lines.push(chars.slice(i, i + LINE_CHARS).join(''));
    if (chars.length > LINE_CHARS * MAX_LINES) lines[MAX_LINES - 1] = lines[MAX_LINES - 1].slice(0, LINE_CHARS - 1) + '…';
    return lines;
  });
}
