import { Codes, MESSAGES } from './codes';
import { PolicyError } from './parse';
import { LOAN_RULE_CRITERIA, Policy } from './schema';

export interface TenantCodes {
  branches: readonly { code: string }[];
  categories: readonly { code: string }[];
  materialTypes: readonly { code: string }[];
}

/**
 * Loan rules name branches, patron categories and material types by code; those live in
 * tenant data, not in the policy, so the schema alone cannot check them. The admin console
 * and the API call this after parsePolicy to refuse a rule that could never match.
 */
export function checkPolicyReferences(policy: Policy, codes: TenantCodes): PolicyError[] {
  const known = {
    branchCode: new Set(codes.branches.map((b) => b.code)),
    patronCategory: new Set(codes.categories.map((c) => c.code)),
    materialType: new Set(codes.materialTypes.map((m) => m.code)),
  };
  const errors: PolicyError[] = [];
  policy.loans.rules.forEach((rule, i) => {
    for (const criterion of LOAN_RULE_CRITERIA) {
      const value = rule[criterion];
      if (value !== null && !known[criterion].has(value)) {
        errors.push({ path: `loans.rules.${i}.${criterion}`, code: Codes.POLICY_UNKNOWN_REFERENCE, message: MESSAGES.POLICY_UNKNOWN_REFERENCE });
      }
    }
  });
  return errors;
}
