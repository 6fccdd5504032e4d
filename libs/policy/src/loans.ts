import { ClosedDays, nextOpenDay } from './calendar';
import { Codes, MESSAGES } from './codes';
import { addDays } from './dates';
import { Localized } from './i18n';
import { LOAN_RULE_CRITERIA, LOAN_RULE_EFFECTS, LoanRule, LoanRuleCriterion, LoanRuleEffect, Policy } from './schema';

/** What a loan rule is matched against. */
export interface LoanContext {
  materialType?: string | null;
  patronCategory?: string | null;
  branchCode?: string | null;
}

/** Where an effective value came from. */
export type ValueSource =
  | { kind: 'default'; path: string }
  | { kind: 'rule'; ruleId: string; index: number; specificity: number };

export interface ResolvedLoanRule {
  periodDays: number;
  maxItems: number;
  maxRenewals: number;
  renewalPeriodDays: number;
  sources: Record<LoanRuleEffect, ValueSource>;
  /**
   * Which of the patron's loans count toward `maxItems`: the criteria of the rule that set
   * it (e.g. only AV loans for an "AV: 3 items" rule), or all loans for the default.
   */
  maxItemsScope: Partial<Record<LoanRuleCriterion, string>>;
}

/** Defaults each effect falls back to, with the policy path shown by the explain tester. */
export const EFFECT_DEFAULT_PATHS: Record<LoanRuleEffect, string> = {
  periodDays: 'loans.periodDays',
  maxItems: 'loans.maxItems',
  maxRenewals: 'renewal.maxRenewals',
  renewalPeriodDays: 'renewal.periodDays',
};

function defaultValue(policy: Policy, effect: LoanRuleEffect): number {
  switch (effect) {
    case 'periodDays':
      return policy.loans.periodDays;
    case 'maxItems':
      return policy.loans.maxItems;
    case 'maxRenewals':
      return policy.renewal.maxRenewals;
    case 'renewalPeriodDays':
      return policy.renewal.periodDays;
  }
}

/** How each rule relates to a context: matched with its specificity, or which criteria failed. */
export interface RuleMatch {
  rule: LoanRule;
  index: number;
  matches: boolean;
  /** Number of non-null criteria (all of which matched when `matches`). */
  specificity: number;
  mismatched: LoanRuleCriterion[];
}

export function matchLoanRules(policy: Policy, ctx: LoanContext): RuleMatch[] {
  return policy.loans.rules.map((rule, index) => {
    const set = LOAN_RULE_CRITERIA.filter((c) => rule[c] !== null);
    const mismatched = set.filter((c) => rule[c] !== (ctx[c] ?? null));
    return { rule, index, matches: mismatched.length === 0, specificity: set.length, mismatched };
  });
}

/**
 * The winning rule for one value: among matching rules that set it, the most specific
 * (most non-null criteria); on a tie, the one listed first. Returns undefined when no
 * matching rule sets the value, so the default applies.
 */
export function winningRule(matches: RuleMatch[], effect: LoanRuleEffect): RuleMatch | undefined {
  let best: RuleMatch | undefined;
  for (const m of matches) {
    if (!m.matches || m.rule[effect] === null) continue;
    if (!best || m.specificity > best.specificity) best = m; // strict ">" keeps the earlier on ties
  }
  return best;
}

/**
 * Effective loan values for a material type / patron category / branch. Resolution is per
 * value, so an "AV: 7 days" rule and a "children: 20 items" rule both apply to a child
 * borrowing a DVD.
 */
export function resolveLoanRule(policy: Policy, ctx: LoanContext): ResolvedLoanRule {
  const matches = matchLoanRules(policy, ctx);
  const values = {} as Record<LoanRuleEffect, number>;
  const sources = {} as Record<LoanRuleEffect, ValueSource>;
  let maxItemsScope: ResolvedLoanRule['maxItemsScope'] = {};
  for (const effect of LOAN_RULE_EFFECTS) {
    const win = winningRule(matches, effect);
    if (win) {
      values[effect] = win.rule[effect] as number;
      sources[effect] = { kind: 'rule', ruleId: win.rule.id, index: win.index, specificity: win.specificity };
      if (effect === 'maxItems') {
        maxItemsScope = Object.fromEntries(
          LOAN_RULE_CRITERIA.filter((c) => c !== 'patronCategory' && win.rule[c] !== null).map((c) => [c, win.rule[c] as string]),
        );
      }
    } else {
      values[effect] = defaultValue(policy, effect);
      sources[effect] = { kind: 'default', path: EFFECT_DEFAULT_PATHS[effect] };
    }
  }
  return { ...values, sources, maxItemsScope };
}

export interface DueDateInput extends LoanContext {
  policy: Policy;
  /** The day the item is checked out ('YYYY-MM-DD'). */
  loanDate: string;
  isClosed: ClosedDays;
}

/**
 * Due date = loan date + the loan period of the matching rule; a due date that falls on a
 * day the lending branch is closed moves to its next open day, so nobody is overdue for
 * not returning on a closed day.
 */
export function computeDueDate(input: DueDateInput): string {
  const rule = resolveLoanRule(input.policy, input);
  const raw = addDays(input.loanDate, rule.periodDays);
  return nextOpenDay(raw, input.isClosed, input.branchCode ?? undefined);
}

export interface CurrentLoan {
  materialType?: string | null;
  branchCode?: string | null;
}

export type CheckoutDecision =
  | { ok: true; dueDate: string }
  | { ok: false; code: typeof Codes.NOT_LOANABLE | typeof Codes.LOAN_LIMIT; message: Localized; limit?: number };

/**
 * Whether the desk may lend an item to a patron now, and until when. The limit is the
 * resolved `maxItems`, counted over the patron's loans in the same scope (see
 * ResolvedLoanRule.maxItemsScope): cities state limits per kind ("図書10冊・AV3点").
 */
export function decideCheckout(input: DueDateInput & { loanable: boolean; currentLoans: readonly CurrentLoan[] }): CheckoutDecision {
  if (!input.loanable) return { ok: false, code: Codes.NOT_LOANABLE, message: MESSAGES.NOT_LOANABLE };
  const rule = resolveLoanRule(input.policy, input);
  const inScope = input.currentLoans.filter((l) =>
    Object.entries(rule.maxItemsScope).every(([k, v]) => (l[k as keyof CurrentLoan] ?? null) === v),
  ).length;
  if (inScope >= rule.maxItems) return { ok: false, code: Codes.LOAN_LIMIT, message: MESSAGES.LOAN_LIMIT, limit: rule.maxItems };
  return { ok: true, dueDate: computeDueDate(input) };
}
