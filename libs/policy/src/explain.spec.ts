import { explainLoanRule } from './explain';
import { policyOf } from './test-helpers';

const policy = policyOf({
  loans: {
    rules: [
      { id: 'av', materialType: 'av', periodDays: 7 },
      { id: 'child', patronCategory: 'child', periodDays: 21, maxItems: 20 },
      { id: 'east', branchCode: 'east', periodDays: 10 },
    ],
  },
  renewal: { online: false, basis: 'today' },
});

describe('explainLoanRule', () => {
  const e = explainLoanRule(policy, { materialType: 'av', patronCategory: 'child', branchCode: 'west' });
  const value = (field: string) => e.values.find((v) => v.field === field)!;

  it('names the winning rule, its criteria and the tie-break', () => {
    const period = value('periodDays');
    expect(period.value).toBe(7);
    expect(period.source).toMatchObject({ kind: 'rule', ruleId: 'av' });
    expect(period.why.ja).toContain('規則「av」');
    expect(period.why.ja).toContain('資料種別=av');
    expect(period.why.ja).toContain('「child」より先');
    expect(period.why.en).toContain('ties with "child"');
  });

  it('explains values taken from rules without a tie and from defaults', () => {
    expect(value('maxItems')).toMatchObject({ value: 20, source: { ruleId: 'child' } });
    expect(value('maxItems').why.en).not.toContain('ties');
    const renewals = value('maxRenewals');
    expect(renewals.source).toEqual({ kind: 'default', path: 'renewal.maxRenewals' });
    expect(renewals.why.ja).toContain('延長回数の上限の既定値');
    expect(renewals.why.ja).not.toMatch(/[a-z]+\.[a-zA-Z]+/); // no policy key such as renewal.maxRenewals
  });

  it('includes the renewal settings with their policy paths', () => {
    expect(value('renewal.online')).toMatchObject({ value: false, source: { kind: 'policy', path: 'renewal.online' } });
    expect(value('renewal.online').why.ja).toContain('窓口のみ');
    expect(value('renewal.basis').why.en).toContain('day of renewal');
  });

  it('says why a rule does not apply', () => {
    const east = e.rules.find((r) => r.id === 'east')!;
    expect(east).toMatchObject({ matches: false, mismatched: ['branchCode'] });
    expect(east.why.ja).toContain('館が一致しない');
    expect(e.rules.filter((r) => r.matches).map((r) => r.id)).toEqual(['av', 'child']);
  });
});
