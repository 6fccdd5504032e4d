import { Codes } from './codes';
import { checkPolicyReferences } from './references';
import { policyOf } from './test-helpers';

describe('checkPolicyReferences', () => {
  const codes = { branches: [{ code: 'main' }], categories: [{ code: 'child' }], materialTypes: [{ code: 'av' }] };
  it('accepts rules naming known codes', () => {
    const policy = policyOf({ loans: { rules: [{ id: 'r', materialType: 'av', patronCategory: 'child', branchCode: 'main', periodDays: 7 }] } });
    expect(checkPolicyReferences(policy, codes)).toEqual([]);
  });
  it('points at each unknown code', () => {
    const policy = policyOf({ loans: { rules: [{ id: 'ok', materialType: 'av', periodDays: 7 }, { id: 'bad', materialType: 'dvd', branchCode: 'east', periodDays: 7 }] } });
    expect(checkPolicyReferences(policy, codes).map((e) => [e.path, e.code])).toEqual([
      ['loans.rules.1.materialType', Codes.POLICY_UNKNOWN_REFERENCE],
      ['loans.rules.1.branchCode', Codes.POLICY_UNKNOWN_REFERENCE],
    ]);
  });
});
