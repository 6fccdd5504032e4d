import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { formatNumber } from './format';
import { I18n } from './i18n';

export interface BarDatum {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart drawn in SVG (no chart library). Screen readers get the title as the
 * image's name and the same numbers as a table, which is also what keyboard users can read.
 */
@Component({
  selector: 'admin-bar-chart',
  template: `
    <figure class="chart">
      <figcaption>{{ caption() }}</figcaption>
      <svg
        [attr.viewBox]="'0 0 ' + width + ' ' + height()"
        width="100%"
        [style.max-width.px]="width * 1.25"
        role="img"
        [attr.aria-label]="caption()"
        preserveAspectRatio="xMinYMin meet"
      >
        @for (bar of bars(); track $index; let i = $index) {
          <g [attr.transform]="'translate(0,' + i * rowHeight + ')'">
            <title>{{ bar.full }}: {{ bar.text }}</title>
            <text x="0" [attr.y]="rowHeight / 2" dominant-baseline="middle" class="label">{{ bar.label }}</text>
            <rect [attr.x]="labelWidth" y="6" [attr.width]="bar.width" [attr.height]="rowHeight - 12" rx="3" class="bar" />
            <text [attr.x]="labelWidth + bar.width + 6" [attr.y]="rowHeight / 2" dominant-baseline="middle" class="value">{{ bar.text }}</text>
          </g>
        }
      </svg>
      <table class="visually-hidden">
        <caption>{{ t('chart.dataTable') }}: {{ caption() }}</caption>
        <tbody>
          @for (bar of bars(); track $index) {
            <tr><th scope="row">{{ bar.full }}</th><td>{{ bar.text }}</td></tr>
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
      font-size: 16px;
      fill: var(--mat-sys-on-surface);
    }
    .bar {
      fill: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChart {
  readonly data = input.required<readonly BarDatum[]>();
  readonly caption = input.required<string>();
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly width = 480;
  protected readonly rowHeight = 36;
  protected readonly labelWidth = 160;
  protected readonly height = computed(() => Math.max(1, this.data().length) * this.rowHeight);
  protected readonly bars = computed(() => {
    const max = Math.max(1, ...this.data().map((d) => d.value));
    const room = this.width - this.labelWidth - 50;
    const lang = this.i18n.lang();
    return this.data().map((d) => ({
      full: d.label,
      label: d.label.length > 9 ? d.label.slice(0, 8) + '…' : d.label,
      width: Math.max(d.value > 0 ? 2 : 0, (d.value / max) * room),
      text: formatNumber(d.value, lang),
    }));
  });
}
