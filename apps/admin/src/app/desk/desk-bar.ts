import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Beeper } from '../core/beep';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { DeskSettings } from './desk-settings';

/** This desk's branch and the beep switch, above every desk screen. */
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
      <mat-slide-toggle [checked]="beeper.enabled()" (change)="beeper.setEnabled($event.checked)">{{ t('desk.beep') }}</mat-slide-toggle>
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeskBar {
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly settings = inject(DeskSettings);
  protected readonly beeper = inject(Beeper);
  protected readonly t = this.i18n.t;
  protected readonly branch = computed(() => this.settings.branchFor(this.session.tenant()?.slug ?? '') ?? null);
  protected readonly branches = computed(() =>
    this.library.activeBranches().map((b) => ({ code: b.code, label: (this.i18n.lang() === 'en' && b.nameEn) || b.name })),
  );

  constructor() {
    this.library.ensure();
  }

  protected setBranch(code: string | null): void {
    this.settings.setBranch(this.session.tenant()?.slug ?? '', code);
  }
}

/** The branch chosen for this desk PC, for the signed-in library. */
export function deskBranch(): () => string | null {
  const settings = inject(DeskSettings);
  const session = inject(Session);
  return computed(() => settings.branchFor(session.tenant()?.slug ?? '') ?? null);
}
