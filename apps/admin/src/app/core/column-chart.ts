import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatNumber } from './format';
import { I18n } from './i18n';
import { BarDatum } from './bar-chart';

/**
 * A column chart in SVG for values over time (a column per month), with a baseline, the
 * largest value as the scale, and every value written above its column. Screen readers get
 * the caption as the image's name and the numbers as a table.
 */
@Component({
  selector: 'admin-column-chart',
  template: `
    <figure class="chart">
      <figcaption>{{ caption() }}</figcaption>
      <svg [attr.viewBox]="'0 0 ' + width() + ' ' + height" width="100%" [style.max-width.px]="width() * 1.25" role="img" [attr.aria-label]="caption()">
        <line [attr.x1]="0" [attr.x2]="width()" [attr.y1]="base" [attr.y2]="base" class="axis" />
        @for (c of columns(); track $index) {
          <g>
            <title>{{ c.label }}: {{ c.text }}</title>
            <rect [attr.x]="c.x" [attr.y]="base - c.h" [attr.width]="slot - 8" [attr.height]="c.h" rx="2" class="bar" />
            <text [attr.x]="c.x + (slot - 8) / 2" [attr.y]="base - c.h - 6" text-anchor="middle" class="value">{{ c.text }}</text>
            <text [attr.x]="c.x + (slot - 8) / 2" [attr.y]="base + 20" text-anchor="middle" class="label">{{ c.short }}</text>
          </g>
        }
      </svg>
      <table class="visually-hidden">
        <caption>{{ t('chart.dataTable') }}: {{ caption() }}</caption>
        <tbody>
          @for (c of columns(); track $index) {
            <tr><th scope="row">{{ c.label }}</th><td>{{ c.text }}</td></tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styles: `
    .chart {
      margin: 0;
    }
    svg {
      display: block;
    }
    figcaption {
      font: var(--mat-sys-title-small);
      margin-bottom: 0.5rem;
    }
    .label,
    .value {
      font-size: 14px;
      fill: var(--mat-sys-on-surface);
    }
    .bar {
      fill: var(--mat-sys-primary);
    }
    .axis {
      stroke: var(--mat-sys-outline);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColumnChart {
  /** `label` is what a screen reader hears; `short` (optional) what fits under the column. */
  readonly data = input.required<readonly (BarDatum & { short?: string })[]>();
  readonly caption = input.required<string>();
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly slot = 44;
  protected readonly height = 220;
  protected readonly base = 190;
  protected readonly width = computed(() => Math.max(1, this.data().length) * this.slot);
  protected readonly columns = computed(() => {
    const max = Math.max(1, ...this.data().map((d) => d.value));
    const lang = this.i18n.lang();
    return this.data().map((d, i) => ({
      x: i * this.slot + 4,
      h: (d.value / max) * (this.base - 30),
      label: d.label,
      short: d.short ?? d.label,
      text: formatNumber(d.value, lang),
    }));
  });
}
