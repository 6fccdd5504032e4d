import { Localized, t } from './i18n';
import { LoanContext, matchLoanRules, resolveLoanRule, RuleMatch, ValueSource } from './loans';
import { LOAN_RULE_EFFECTS, LoanRuleCriterion, LoanRuleEffect, Policy, RenewalRules } from './schema';

const EFFECT_LABELS: Record<LoanRuleEffect, { label: Localized; unit: Localized }> = {
  periodDays: { label: t('貸出期間', 'the loan period'), unit: t('日', ' days') },
  maxItems: { label: t('貸出点数の上限', 'the item limit'), unit: t('点', ' items') },
  maxRenewals: { label: t('延長回数の上限', 'the renewal limit'), unit: t('回', ' renewals') },
  renewalPeriodDays: { label: t('延長期間', 'the renewal period'), unit: t('日', ' days') },
};

const CRITERION_LABELS: Record<LoanRuleCriterion, Localized> = {
  materialType: t('資料種別', 'material type'),
  patronCategory: t('利用者区分', 'patron category'),
  branchCode: t('館', 'branch'),
};

export interface ExplainedValue {
  field: string;
  value: unknown;
  source: ValueSource | { kind: 'policy'; path: string };
  why: Localized;
}

export interface ExplainedRule {
  id: string;
  index: number;
  matches: boolean;
  specificity: number;
  mismatched: LoanRuleCriterion[];
  why: Localized;
}

export interface LoanRuleExplanation {
  context: LoanContext;
  values: ExplainedValue[];
  rules: ExplainedRule[];
}

function criteriaText(m: RuleMatch): Localized {
  const parts = (['materialType', 'patronCategory', 'branchCode'] as const)
    .filter((c) => m.rule[c] !== null)
    .map((c) => t(`${CRITERION_LABELS[c].ja}=${m.rule[c]}`, `${CRITERION_LABELS[c].en}=${m.rule[c]}`));
  return t(parts.map((p) => p.ja).join('、'), parts.map((p) => p.en).join(', '));
}

/**
 * For the admin "explain" tester: every effective value for a material type / patron
 * category / branch, which rule (or default) gave it and why, as a sentence in ja and en;
 * and for every rule, whether it matched and why not.
 */
export function explainLoanRule(policy: Policy, ctx: LoanContext): LoanRuleExplanation {
  const matches = matchLoanRules(policy, ctx);
  const resolved = resolveLoanRule(policy, ctx);
  const values: ExplainedValue[] = LOAN_RULE_EFFECTS.map((effect) => {
    const value = resolved[effect];
    const source = resolved.sources[effect];
    const { label, unit } = EFFECT_LABELS[effect];
    if (source.kind === 'default') {
      return {
        field: effect,
        value,
        source,
        // the librarian's words, not the policy's key (loans.periodDays): the editor calls it 既定の…
        why: t(
          `この値を定める規則で一致するものがないため、${label.ja}の既定値の${value}${unit.ja}です。`,
          `No matching rule sets ${label.en}, so the default ${label.en.replace(/^the /, '')} applies: ${value}${unit.en}.`,
        ),
      };
    }
    const win = matches[source.index];
    const tied = matches.filter((m) => m.matches && m.rule[effect] !== null && m.specificity === win.specificity && m.index !== win.index);
    const crit = criteriaText(win);
    const tieJa = tied.length ? `（条件数が同じ規則「${tied.map((m) => m.rule.id).join('」「')}」より先に並んでいるため優先）` : '';
    const tieEn = tied.length ? ` It ties with ${tied.map((m) => `"${m.rule.id}"`).join(', ')} and wins by coming first.` : '';
    return {
      field: effect,
      value,
      source,
      why: t(
        `規則「${win.rule.id}」（${crit.ja}）が一致し、${label.ja}を定める一致した規則のうち条件数が最も多い（${win.specificity}件）ため、${value}${unit.ja}です${tieJa}。`,
        `Rule "${win.rule.id}" (${crit.en}) matches and is the most specific matching rule that sets ${label.en} (${win.specificity} condition${win.specificity === 1 ? '' : 's'}), so ${value}${unit.en}.${tieEn}`,
      ),
    };
  });

  values.push(...explainRenewalSettings(policy.renewal));

  const rules: ExplainedRule[] = matches.map((m) => ({
    id: m.rule.id,
    index: m.index,
    matches: m.matches,
    specificity: m.specificity,
    mismatched: m.mismatched,
    why: m.matches
      ? t(`一致します（${criteriaText(m).ja}）。`, `Matches (${criteriaText(m).en}).`)
      : t(
          `${m.mismatched.map((c) => CRITERION_LABELS[c].ja).join('・')}が一致しないため適用されません。`,
          `Does not apply: the ${m.mismatched.map((c) => CRITERION_LABELS[c].en).join(' and ')} differ${m.mismatched.length === 1 ? 's' : ''}.`,
        ),
  }));
  return { context: ctx, values, rules };
}

/** Renewal settings that are not per rule, shown with the policy field they come from. */
function explainRenewalSettings(r: RenewalRules): ExplainedValue[] {
  const row = (field: keyof RenewalRules, why: Localized): ExplainedValue => ({
    field: `renewal.${field}`,
    value: r[field],
    source: { kind: 'policy', path: `renewal.${field}` },
    why,
  });
  const yes = (b: boolean, ja: [string, string], en: [string, string]) => t(b ? ja[0] : ja[1], b ? en[0] : en[1]);
  return [
    row('online', yes(r.online, ['ウェブで延長できます。', 'ウェブでは延長できません（窓口のみ）。'], ['Patrons can renew online.', 'No online renewal; counter only.'])),
    row('byPhone', yes(r.byPhone, ['電話での延長を受け付けます。', '電話での延長は受け付けません。'], ['Staff may renew by phone.', 'No renewals by phone.'])),
    row(
      'basis',
      r.basis === 'due-date'
        ? t('新しい返却日は、現在の返却日から数えます。', 'The new due date counts from the current due date.')
        : t('新しい返却日は、延長した日から数えます。', 'The new due date counts from the day of renewal.'),
    ),
    row('blockedByHolds', yes(r.blockedByHolds, ['他の方の予約があると延長できません。', '他の方の予約があっても延長できます。'], ['Not renewable when another patron has a hold.', 'Holds by others do not block renewal.'])),
    row('blockedByOverdue', yes(r.blockedByOverdue, ['返却日を過ぎると延長できません。', '返却日を過ぎても延長できます。'], ['Not renewable after the due date.', 'Overdue loans can be renewed.'])),
    row(
      'overdueRenewableAtCounter',
      yes(r.overdueRenewableAtCounter, ['返却日を過ぎた資料も窓口・電話では延長できます。', '返却日を過ぎた資料は窓口でも延長できません。'], ['Staff may still renew overdue loans.', 'Staff cannot renew overdue loans either.']),
    ),
    row('blockedByIll', yes(r.blockedByIll, ['市外の図書館から借りた資料（相互貸借）は延長できません。', '相互貸借の資料も延長できます。'], ['Interlibrary loans cannot be renewed.', 'Interlibrary loans can be renewed.'])),
  ];
}
