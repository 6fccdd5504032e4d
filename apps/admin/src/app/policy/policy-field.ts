import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { I18n, Localized } from '../core/i18n';
import { ENUM_LABELS, FIELDS, FieldMeta } from './policy-fields';
import { PolicyForm } from './policy-form';

/** A DOM id for a policy path (`card.minLength` → `pf-card-minLength`). */
export const fieldId = (path: string) => 'pf-' + path.replace(/\./g, '-');

/**
 * One field of the policy, drawn by its kind (number, text, switch, choice, several choices,
 * list) from FIELDS. Its problems come from the PolicyForm (the shared schema, or the API) and
 * show under the field, tied to it with aria-describedby.
 */
@Component({
  selector: 'admin-policy-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, MatCheckboxModule],
  templateUrl: './policy-field.html',
  styleUrl: './policy-field.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyField {
  readonly model = input.required<PolicyForm>();
  readonly path = input.required<string>();
  /** Overrides FIELDS (the loan-rule cells use their own). */
  readonly meta = input<FieldMeta | null>(null);
  /** Options for a select whose choices are data (codes), not an enumeration. */
  readonly choices = input<readonly { value: string; label: string }[] | null>(null);
  readonly compact = input(false);

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly info = computed<FieldMeta>(() => this.meta() ?? FIELDS[this.path()] ?? { kind: 'text', label: { ja: this.path(), en: this.path() } });
  protected readonly id = computed(() => fieldId(this.path()));
  /** Re-read on every change: a loan rule's row may now hold another control (rows move). */
  protected readonly control = computed(() => {
    this.model().issues();
    return this.model().control(this.path()) as FormControl;
  });
  protected readonly problems = computed(() => this.model().issuesAt(this.path()).map((m: Localized) => this.pick(m)));
  protected readonly invalid = computed(() => this.problems().length > 0);
  protected readonly describedBy = computed(() => (this.invalid() ? `${this.id()}-error` : `${this.id()}-hint`));
  protected readonly options = computed(() => {
    const given = this.choices();
    if (given) return given;
    const meta = this.info();
    const labels = meta.enumName ? (ENUM_LABELS[meta.enumName] as Record<string, Localized>) : {};
    return (meta.options ?? []).map((value) => ({ value, label: labels[value] ? this.pick(labels[value]) : value }));
  });
  /** For the several-choices kind: which options are ticked (reads the tick via issues). */
  protected readonly selected = computed(() => {
    this.model().issues();
    return new Set<string>((this.control()?.value as string[] | null) ?? []);
  });
  protected readonly listText = computed(() => {
    this.model().issues();
    return ((this.control()?.value as string[] | null) ?? []).join(', ');
  });

  /** mat-form-field shows its error state from the policy's problems, not Angular validators. */
  protected readonly matcher: ErrorStateMatcher = { isErrorState: () => this.invalid() };

  protected toggleOption(value: string, checked: boolean): void {
    const current = (this.control().value as string[] | null) ?? [];
    const order = this.options().map((o) => o.value);
    const next = checked ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    this.control().setValue(next);
    this.control().markAsDirty();
  }

  protected setList(text: string): void {
    const list = text
      .split(/[,、，\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    this.control().setValue(list);
    this.control().markAsDirty();
  }
}
