import { defaultPolicy, MESSAGES } from '@shiori/policy';
import { newRuleGroup, PolicyForm } from './policy-form';

describe('PolicyForm (the editor’s model over the shared schema)', () => {
  it('starts valid for a valid policy, with no changes', () => {
    const m = new PolicyForm(defaultPolicy());
    expect(m.issueCount()).toBe(0);
    expect(m.changes()).toEqual([]);
  });

  it('re-checks the whole policy on every change, putting problems on the field the schema names', () => {
    const m = new PolicyForm(defaultPolicy());
    m.control('password.minLength')!.setValue(40);
    expect(m.issuesAt('password.maxLength')).toEqual([MESSAGES.POLICY_RANGE]);
    expect(m.control('password.maxLength')!.invalid).toBe(true);
    m.control('password.minLength')!.setValue(8);
    expect(m.issueCount()).toBe(0);
    expect(m.control('password.maxLength')!.valid).toBe(true);
    expect(m.changes()).toEqual([{ path: 'password.minLength', before: 6, after: 8 }]);
  });

  it('sends "not set" fields as null (empty text is null where the schema allows null)', () => {
    const m = new PolicyForm(defaultPolicy());
    m.control('card.fixedPrefix')!.setValue('');
    m.control('cardValidity.months')!.setValue(null);
    const v = m.value() as { card: { fixedPrefix: unknown }; cardValidity: { months: unknown } };
    expect(v.card.fixedPrefix).toBeNull();
    expect(v.cardValidity.months).toBeNull();
    expect(m.issueCount()).toBe(0);
  });

  it('puts an element’s problem on its list, and a rule’s own problems on its row', () => {
    const m = new PolicyForm(defaultPolicy());
    m.control('holds.cancelAllowedIn')!.setValue(['waiting', 'collected']);
    expect(m.issuesAt('holds.cancelAllowedIn').length).toBe(1);
    m.rules.push(newRuleGroup('r1'));
    expect(m.issuesAt('loans.rules.0').map((x) => x.ja)).toEqual([MESSAGES.POLICY_RULE_NO_CRITERIA.ja, MESSAGES.POLICY_RULE_NO_EFFECT.ja]);
    m.control('loans.rules.0.materialType')!.setValue('av');
    m.control('loans.rules.0.periodDays')!.setValue(7);
    expect(m.issuesAt('loans.rules.0')).toEqual([]);
    expect(m.firstIssuePath()).toBe('holds.cancelAllowedIn');
  });

  it('keeps the API’s 422 errors on their field until that field changes', () => {
    const m = new PolicyForm(defaultPolicy());
    m.applyServerErrors([{ path: 'loans.periodDays', code: 'X', message: { ja: 'サーバーの指摘', en: 'From the server' } }]);
    expect(m.issuesAt('loans.periodDays')).toEqual([{ ja: 'サーバーの指摘', en: 'From the server' }]);
    m.control('lockout.lockMinutes')!.setValue(30); // another field: the API's word stands
    expect(m.issuesAt('loans.periodDays').length).toBe(1);
    m.control('loans.periodDays')!.setValue(21); // this field: the schema speaks again
    expect(m.issuesAt('loans.periodDays')).toEqual([]);
  });
});
