import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router } from '@angular/router';
import { Beeper } from '../core/beep';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { DeskSettings } from './desk-settings';

/** F1 check-out, F2 check-in, F3 renew: the desk's screens switched from the keyboard, as on Koha's circulation. */
export const DESK_KEYS: Record<string, string> = { F1: '/desk/checkout', F2: '/desk/checkin', F3: '/desk/renewals' };

/** This desk's branch, the beep switch and the function keys, above every desk screen. */
@Component({
  selector: 'admin-desk-bar',
  imports: [MatFormFieldModule, MatSelectModule, MatSlideToggleModule],
  template: `
    <div class="bar no-print">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="branch">
        <mat-label>{{ t('desk.branch') }}</mat-label>
        <mat-select [canSelectNullableOptions]="true" [value]="branch()" (valueChange)="setBranch($event)" name="deskBranch">
          <mat-option [value]="null">{{ t('desk.branchNone') }}</mat-option>
          @for (b of branches(); track b.code) {
            <mat-option [value]="b.code">{{ b.label }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ t('desk.branchHint') }}</mat-hint>
      </mat-form-field>
      @if (stations().length) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="branch">
          <mat-label>{{ t('desk.station') }}</mat-label>
          <mat-select [canSelectNullableOptions]="true" [value]="station()" (valueChange)="setStation($event)" name="deskStation">
            <mat-option [value]="null">{{ t('desk.stationNone') }}</mat-option>
            @for (s of stations(); track s.code) {
              <mat-option [value]="s.code">{{ s.label }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ t('desk.stationHint') }}</mat-hint>
        </mat-form-field>
      }
      <mat-slide-toggle [checked]="beeper.enabled()" (change)="beeper.setEnabled($event.checked)">{{ t('desk.beep') }}</mat-slide-toggle>
      <p class="keys">{{ t('desk.keys') }}</p>
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem 2rem;
      align-items: center;
      margin-bottom: 1rem;
    }
    .branch {
      min-width: min(100%, 20rem);
    }
    .keys {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'functionKey($event)' },
})
export class DeskBar {
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly settings = inject(DeskSettings);
  private readonly router = inject(Router);
  protected readonly beeper = inject(Beeper);
  protected readonly t = this.i18n.t;
  protected readonly branch = computed(() => this.settings.branchFor(this.session.tenant()?.slug ?? '') ?? null);
  protected readonly branches = computed(() =>
    this.library.activeBranches().map((b) => ({ code: b.code, label: (this.i18n.lang() === 'en' && b.nameEn) || b.name })),
  );

  protected readonly station = deskStation();
  /** The stations of the bus this desk stands in (none unless the branch is a bookmobile). */
  protected readonly stations = computed(() => {
    const branch = this.library.activeBranches().find((b) => b.code === this.branch());
    if (!branch?.isBookmobile) return [];
    return this.library
      .pickupPoints()
      .filter((p) => p.active && p.kind === 'bookmobile-station' && p.branchCode === branch.code)
      .map((p) => ({ code: p.code, label: (this.i18n.lang() === 'en' && p.nameEn) || p.name }));
  });

  constructor() {
    this.library.ensure();
  }

  /** F1–F3 switch screens (and keep the browser's own F1 help and F3 find away from the desk). */
  protected functionKey(event: KeyboardEvent): void {
    const target = DESK_KEYS[event.key];
    if (!target || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (this.router.url.split('?')[0] !== target) void this.router.navigateByUrl(target);
  }

  protected setBranch(code: string | null): void {
    this.settings.setBranch(this.session.tenant()?.slug ?? '', code);
    this.settings.setStation(this.session.tenant()?.slug ?? '', null);
  }

  protected setStation(code: string | null): void {
    this.settings.setStation(this.session.tenant()?.slug ?? '', code);
  }
}

/** The branch chosen for this desk PC, for the signed-in library. */
export function deskBranch(): () => string | null {
  const settings = inject(DeskSettings);
  const session = inject(Session);
  return computed(() => settings.branchFor(session.tenant()?.slug ?? '') ?? null);
}

/** The bookmobile station this desk (the bus) stands at today, if any. */
export function deskStation(): () => string | null {
  const settings = inject(DeskSettings);
  const session = inject(Session);
  return computed(() => settings.stationFor(session.tenant()?.slug ?? '') ?? null);
}
