import { computed, DestroyRef, signal } from '@angular/core';
import { AbstractControl, FormArray, FormControl, FormGroup } from '@angular/forms';
import { diffPolicies, parsePolicy, Policy, PolicyChange } from '@shiori/policy';
import { FieldError } from '../core/api';
import { Localized } from '../core/i18n';
import { FIELDS, RULE_FIELDS, SECTIONS } from './policy-fields';

/** Every field path in the order the editor shows them; the loan rules follow their section's fields. */
const ORDER: string[] = SECTIONS.flatMap((s) => [...s.groups.flatMap((g) => g.fields), ...(s.rules ? ['loans.rules'] : [])]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The policy as a form tree: objects → groups, the loan rules → an array of groups, everything else → one control. */
function build(value: unknown, path: string): AbstractControl {
  if (path === 'loans.rules') return new FormArray(((value as unknown[]) ?? []).map((r, i) => build(r, `${path}.${i}`)));
  if (isPlainObject(value)) {
    return new FormGroup(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, build(v, path ? `${path}.${k}` : k)])));
  }
  return new FormControl(structuredClone(value));
}

/** A new loan rule: no condition and no effect yet (the schema then says what is missing). */
export function newRuleGroup(id: string): FormGroup {
  return build(
    { id, note: '', materialType: null, patronCategory: null, branchCode: null, periodDays: null, maxItems: null, maxRenewals: null, renewalPeriodDays: null },
    'loans.rules.new',
  ) as FormGroup;
}

/** Empty text in a field that may be "not set" means null, as the schema expects. */
function normalise(raw: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const [path, meta] of Object.entries(FIELDS)) {
    if (!meta.nullable) continue;
    const parts = path.split('.');
    const key = parts.pop()!;
    let node: unknown = out;
    for (const p of parts) node = isPlainObject(node) ? node[p] : undefined;
    if (isPlainObject(node) && node[key] === '') node[key] = null;
  }
  const rules = (out['loans'] as { rules?: Record<string, unknown>[] } | undefined)?.rules ?? [];
  for (const rule of rules) {
    for (const [key, meta] of Object.entries(RULE_FIELDS)) if (meta.nullable && (rule[key] === '' || rule[key] === undefined)) rule[key] = null;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The policy editor's model: the form tree, and its problems found by the SAME schema the API
 * uses (`parsePolicy` from `@shiori/policy`), re-checked on every change. Problems are keyed by
 * the path of the nearest control (a list element's problem goes to the list). The API's own
 * 422 `errors[].path` land in the same place and stay until that field changes.
 */
export class PolicyForm {
  readonly form: FormGroup;
  /** Bumped on every change, so `computed`s over the form's value re-run. */
  private readonly tick = signal(0);
  private readonly problems = signal<ReadonlyMap<string, Localized[]>>(new Map());
  private server = new Map<string, { value: unknown; messages: Localized[] }>();
  private flagged: AbstractControl[] = [];
  private original: Policy;

  readonly issues = this.problems.asReadonly();
  readonly issueCount = computed(() => [...this.problems().values()].reduce((n, list) => n + list.length, 0));
  readonly changes = computed<PolicyChange[]>(() => {
    this.tick();
    return diffPolicies(this.original, this.value());
  });

  constructor(policy: Policy, destroyRef?: DestroyRef) {
    this.original = structuredClone(policy);
    this.form = build(policy, '') as FormGroup;
    const sub = this.form.valueChanges.subscribe(() => this.validate());
    destroyRef?.onDestroy(() => sub.unsubscribe());
    this.validate();
  }

  get rules(): FormArray<FormGroup> {
    return this.form.get('loans.rules') as FormArray<FormGroup>;
  }

  /** The policy as it would be sent: the form's value with "not set" fields as null. */
  value(): Record<string, unknown> {
    return normalise(this.form.getRawValue() as Record<string, unknown>);
  }

  /** After a save: the saved policy is the new starting point. */
  saved(policy: Policy): void {
    this.original = structuredClone(policy);
    this.server.clear();
    this.form.markAsPristine();
    this.tick.update((n) => n + 1);
  }

  control(path: string): AbstractControl | null {
    return this.form.get(path);
  }

  /** The path of the control a problem at `path` is shown on (itself, or the nearest enclosing one). */
  resolve(path: string): string {
    const parts = path.split('.');
    while (parts.length) {
      const p = parts.join('.');
      if (this.form.get(p)) return p;
      parts.pop();
    }
    return '';
  }

  issuesAt(path: string): Localized[] {
    return this.problems().get(path) ?? [];
  }

  /** The API refused the policy (422): show its field errors where the schema's would be. */
  applyServerErrors(errors: readonly FieldError[]): void {
    for (const e of errors) {
      const path = this.resolve(e.path);
      const message: Localized = typeof e.message === 'string' ? { ja: e.message, en: e.message } : e.message;
      const entry = this.server.get(path) ?? { value: structuredClone(this.form.get(path)?.value ?? null), messages: [] as Localized[] };
      entry.messages.push(message);
      this.server.set(path, entry);
    }
    this.validate();
    this.form.markAllAsTouched();
  }

  /** Runs the shared schema over the whole policy and puts each problem on its control. */
  validate(): void {
    const found = new Map<string, Localized[]>();
    const add = (path: string, message: Localized) => {
      const list = found.get(path) ?? [];
      if (!list.some((m) => m.ja === message.ja)) list.push(message);
      found.set(path, list);
    };
    const parsed = parsePolicy(this.value());
    if (!parsed.ok) for (const e of parsed.errors) add(this.resolve(e.path), e.message);
    for (const [path, entry] of [...this.server]) {
      const control = this.form.get(path);
      if (control && sameValue(control.value, entry.value)) entry.messages.forEach((m) => add(path, m));
      else this.server.delete(path); // changed since the API complained: the schema speaks again
    }
    for (const c of this.flagged) c.setErrors(null, { emitEvent: false });
    this.flagged = [];
    for (const path of found.keys()) {
      const c = path ? this.form.get(path) : this.form;
      if (!c) continue;
      c.setErrors({ policy: true }, { emitEvent: false });
      this.flagged.push(c);
    }
    this.problems.set(found);
    this.tick.update((n) => n + 1);
  }

  /** The first problem's path, in the order of the form (for focus after a refused save). */
  firstIssuePath(): string | null {
    const paths = [...this.problems().keys()];
    paths.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, undefined, { numeric: true }));
    return paths[0] ?? null;
  }
}

function rank(path: string): number {
  const i = ORDER.indexOf(path.startsWith('loans.rules') ? 'loans.rules' : path);
  return i >= 0 ? i : ORDER.length;
}
