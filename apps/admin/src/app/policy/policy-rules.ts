import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { RULE_FIELDS } from './policy-fields';
import { PolicyField } from './policy-field';
import { newRuleGroup, PolicyForm } from './policy-form';

/**
 * The loan rules as a table: one row per rule, conditions (material type × patron category ×
 * branch; empty = any) then effects (empty = not set by this rule). Rows can be added,
 * moved (order breaks ties) and removed; a row's own problems ("needs a condition") show
 * under it.
 */
@Component({
  selector: 'admin-policy-rules',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, PolicyField],
  templateUrl: './policy-rules.html',
  styleUrl: './policy-rules.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyRules {
  readonly model = input.required<PolicyForm>();
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly meta = RULE_FIELDS;
  protected readonly criteria = ['materialType', 'patronCategory', 'branchCode'] as const;
  protected readonly effects = ['periodDays', 'maxItems', 'maxRenewals', 'renewalPeriodDays'] as const;

  /** Rows, re-read whenever the form changes (the issues signal ticks with it). */
  protected readonly rows = computed(() => {
    const m = this.model();
    m.issues();
    return m.rules.controls.map((_, i) => ({ index: i, path: `loans.rules.${i}`, problems: m.issuesAt(`loans.rules.${i}`).map((x) => this.pick(x)) }));
  });
  protected readonly listProblems = computed(() => this.model().issuesAt('loans.rules').map((x) => this.pick(x)));

  protected readonly choices = computed(() => {
    const lang = this.i18n.lang();
    const codes = (list: { code: string; name: { ja: string; en: string } | null }[]) =>
      list.map((c) => ({ value: c.code, label: c.name ? `${this.pick(c.name)} (${c.code})` : c.code }));
    return {
      materialType: codes(this.library.materialTypes()),
      patronCategory: codes(this.library.categories()),
      branchCode: this.library.branches().map((b) => ({ value: b.code, label: `${(lang === 'en' && b.nameEn) || b.name} (${b.code})` })),
    };
  });

  constructor() {
    this.library.ensure();
  }

  protected add(): void {
    const rules = this.model().rules;
    const ids = new Set(rules.controls.map((c) => c.value.id as string));
    let n = rules.length + 1;
    while (ids.has(`rule-${n}`)) n++;
    rules.push(newRuleGroup(`rule-${n}`));
    rules.markAsDirty();
  }

  protected move(index: number, by: -1 | 1): void {
    const rules = this.model().rules;
    const to = index + by;
    if (to < 0 || to >= rules.length) return;
    const row = rules.at(index);
    rules.removeAt(index, { emitEvent: false });
    rules.insert(to, row);
    rules.markAsDirty();
  }

  protected remove(index: number): void {
    this.model().rules.removeAt(index);
    this.model().rules.markAsDirty();
  }
}
