import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import type { ReadingGoal } from '@shiori/contracts';
import { ReadingApi } from './reading-api';

const W = 600;
const H = 260;
const PAD = { left: 40, right: 12, top: 16, bottom: 32 };

/**
 * Reading marathon (読書マラソン, Koga): a yearly goal of loans and the progress as a chart,
 * drawn as SVG: loans per month as bars, the running total as a line, the goal as a dashed
 * line. The numbers are also given as text and a table for screen readers.
 */
@Component({
  selector: 'opac-marathon-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 class="heading">{{ t('nav.marathon') }}</h2>
    @if (error()) {
      <p class="error" role="alert">{{ error() }}</p>
    }
    @if (goal(); as g) {
      <p class="progress-text">
        @if (g.target) {
          {{ t('marathon.progress', { year: g.year, progress: g.progress, target: g.target, percent: g.percent ?? 0 }) }}
        } @else {
          {{ t('marathon.noGoal', { year: g.year, progress: g.progress }) }}
        }
      </p>
      <svg class="chart" [attr.viewBox]="'0 0 ' + w + ' ' + h" role="img" [attr.aria-label]="t('marathon.chart')">
        <line [attr.x1]="pad.left" [attr.x2]="w - pad.right" [attr.y1]="h - pad.bottom" [attr.y2]="h - pad.bottom" stroke="currentColor" stroke-width="1" />
        @for (bar of chart().bars; track bar.month) {
          <rect [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height" class="bar" />
          <text [attr.x]="bar.x + bar.width / 2" [attr.y]="h - pad.bottom + 18" text-anchor="middle" class="label">{{ bar.month }}</text>
        }
        <polyline [attr.points]="chart().line" class="total" fill="none" />
        @if (chart().goalY !== null) {
          <line [attr.x1]="pad.left" [attr.x2]="w - pad.right" [attr.y1]="chart().goalY" [attr.y2]="chart().goalY" class="goal" />
          <text [attr.x]="w - pad.right" [attr.y]="(chart().goalY ?? 0) - 4" text-anchor="end" class="label">{{ t('marathon.goal') }} {{ g.target }}</text>
        }
        <text [attr.x]="pad.left - 6" [attr.y]="pad.top + 4" text-anchor="end" class="label">{{ chart().max }}</text>
        <text [attr.x]="pad.left - 6" [attr.y]="h - pad.bottom" text-anchor="end" class="label">0</text>
      </svg>
      <p class="legend"><span class="swatch bar-swatch"></span>{{ t('marathon.perMonth') }} <span class="swatch line-swatch"></span>{{ t('marathon.total') }}</p>
      <table class="visually-hidden">
        <caption>{{ t('marathon.chart') }}</caption>
        <tr><th scope="col">{{ t('marathon.month') }}</th><th scope="col">{{ t('marathon.perMonth') }}</th></tr>
        @for (m of g.monthly; track m.month) {
          <tr><td>{{ m.month }}</td><td>{{ m.loans }}</td></tr>
        }
      </table>
      <form class="inline-form" (submit)="save($event)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ t('marathon.setGoal', { year: g.year }) }}</mat-label>
          <input matInput type="number" min="1" max="10000" inputmode="numeric" name="target" [value]="target()" (input)="target.set($any($event.target).value)" />
        </mat-form-field>
        <button mat-flat-button type="submit">{{ t('common.save') }}</button>
      </form>
    }
  `,
  styleUrl: './reading.scss',
  styles: `
    .bar {
      fill: var(--mat-sys-primary-container);
      stroke: var(--mat-sys-primary);
    }
    .total {
      stroke: var(--mat-sys-primary);
      stroke-width: 3;
    }
    .goal {
      stroke: var(--mat-sys-error);
      stroke-width: 2;
      stroke-dasharray: 6 4;
    }
    .label {
      font-size: 12px;
      fill: var(--mat-sys-on-surface);
    }
    .progress-text {
      font: var(--mat-sys-title-medium);
      font-weight: 700;
    }
    .swatch {
      display: inline-block;
      width: 1rem;
      height: 0.75rem;
      margin: 0 0.25rem 0 0.75rem;
      vertical-align: middle;
    }
    .bar-swatch {
      background: var(--mat-sys-primary-container);
      border: 1px solid var(--mat-sys-primary);
    }
    .line-swatch {
      height: 3px;
      background: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarathonPage implements OnInit {
  private readonly reading = inject(ReadingApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly w = W;
  protected readonly h = H;
  protected readonly pad = PAD;
  protected readonly goal = signal<ReadingGoal | null>(null);
  protected readonly target = signal('');
  protected readonly error = signal('');

  protected readonly chart = computed(() => chartOf(this.goal()));

  async ngOnInit(): Promise<void> {
    await this.guard(async () => {
      const g = await firstValueFrom(this.reading.goal());
      this.goal.set(g);
      this.target.set(g.target ? String(g.target) : '');
    });
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const n = Number(this.target());
    if (!Number.isInteger(n) || n < 1) return this.error.set(this.t('marathon.invalid'));
    await this.guard(async () => this.goal.set(await firstValueFrom(this.reading.setGoal(n, this.goal()?.year))));
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    this.error.set('');
    try {
      await fn();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}

/** Geometry of the chart: monthly bars, the cumulative line and the goal line, in one scale. */
export function chartOf(g: ReadingGoal | null) {
  const monthly = g?.monthly ?? [];
  let sum = 0;
  const cumulative = monthly.map((m) => (sum += m.loans));
  const max = Math.max(1, g?.target ?? 0, sum, ...monthly.map((m) => m.loans));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, monthly.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const bars = monthly.map((m, i) => ({
    month: m.month,
    x: PAD.left + i * step + step * 0.15,
    width: step * 0.7,
    y: y(m.loans),
    height: (m.loans / max) * plotH,
  }));
  const line = cumulative.map((v, i) => `${PAD.left + i * step + step / 2},${y(v)}`).join(' ');
  return { bars, line, max, goalY: g?.target ? y(g.target) : null };
}
