import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { changeValue } from './change-value';
import type { PolicyExplanation } from '@shiori/contracts';
import { PolicyApi } from './policy-api';
import { FIELDS, RULE_FIELDS } from './policy-fields';

/**
 * The rule tester (ルールの確認): for a patron category, material type and branch, which loan
 * period, limits and renewal settings apply, which rule (or default) gave each one and why,
 * and for every rule whether it matched.
 */
@Component({
  selector: 'admin-explain-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatInputModule, MatButtonModule, MatIconModule, LoadState],
  templateUrl: './explain-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExplainPage {
  private readonly policyApi = inject(PolicyApi);
  protected readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly form = new FormGroup({
    patronCategory: new FormControl<string | null>('general'),
    materialType: new FormControl<string | null>('book'),
    branchCode: new FormControl<string | null>(null),
  });
  protected readonly result = new Loadable<PolicyExplanation>();

  protected readonly values = computed(() => {
    const r = this.result.value();
    return (r?.values ?? []).map((v) => {
      const meta = RULE_FIELDS[v.field] ?? FIELDS[v.field];
      const unit = meta?.unit ? this.pick(meta.unit) : '';
      const rule = v.source.kind === 'rule' ? v.source.ruleId : null;
      return {
        field: v.field,
        label: meta ? this.pick(meta.label) : v.field,
        value: typeof v.value === 'number' ? `${v.value}${unit}` : changeValue(v.value, this.pick),
        source: rule ? this.t('explain.fromRule', { id: rule }) : this.t('explain.fromDefault'),
        why: this.pick(v.why),
        byRule: !!rule,
      };
    });
  });
  protected readonly rules = computed(() => (this.result.value()?.rules ?? []).map((r) => ({ ...r, why: this.pick(r.why) })));

  constructor() {
    this.library.ensure();
  }

  protected explain(): void {
    const { patronCategory, materialType, branchCode } = this.form.getRawValue();
    this.result.load(
      this.policyApi.explain({
        ...(patronCategory ? { patronCategory } : {}),
        ...(materialType ? { materialType } : {}),
        ...(branchCode ? { branchCode } : {}),
      }),
    );
  }
}
