import type { LoanRuleExplanation, Localized, Policy, PolicyChange, PresetSlug } from '@shiori/policy';

// The city's rules as the librarians' console edits them (API module `policy`,
// `/t/{slug}/admin/policy…`, `/t/{slug}/admin/codes`) and the presets a city starts from
// (`GET /platform/presets`). The policy's own shape is libs/policy's `Policy` (its one schema).

/** The stamp of a stored policy version. */
export interface PolicyVersionStamp {
  version: number;
  /** The staff member who saved it, or `system` (the preset a city started with). */
  changedBy: string;
}

/**
 * `GET /admin/policy` (the current version) and the answer of saving one (`PUT /admin/policy`) or
 * restoring an old one (`POST /admin/policy/versions/{version}/revert`): the whole policy with its
 * version stamp. A save's answer has no `changedAt`.
 */
export type PolicyDocument = Policy &
  PolicyVersionStamp & {
    /** When it was saved (ISO 8601); only in `GET /admin/policy`. */
    changedAt?: string;
  };

/** `GET /admin/policy/versions`: one saved version, newest first. */
export interface PolicyVersionEntry extends PolicyVersionStamp {
  changedAt: string;
  /** How it came about (`preset:katori` for the first), or null. */
  note: string | null;
}

/** `GET /admin/policy/diff?from=&to=`: what changed between two versions, field by field. */
export interface PolicyDiff {
  from: number;
  to: number;
  changes: PolicyChange[];
}

/** `POST /admin/policy/explain` (the explain tester): a material type, patron category and branch. */
export interface PolicyExplainRequest {
  patronCategory?: string;
  materialType?: string;
  branchCode?: string;
  action?: 'checkout' | 'renew' | 'hold';
}

/**
 * `POST /admin/policy/explain` (200): every loan value in effect for the context, the rule (or
 * default) that gave it and why, and each rule's match, under the current `version`.
 */
export type PolicyExplanation = LoanRuleExplanation & { version: number };

/** A code loan rules may name (a patron category, a material type) and its name. */
export interface CodeName {
  code: string;
  name: Localized;
}

/** `GET /admin/codes`: the city's patron categories and material types (its settings, from its preset). */
export interface PolicyCodes {
  categories: CodeName[];
  materialTypes: CodeName[];
}

/** `GET /platform/presets`: a city's starting rules, branches and pickup points, by name. */
export interface PresetSummary {
  slug: PresetSlug;
  name: Localized;
}

/** The longest code the explain tester takes (a category, a material type, a branch). */
export const POLICY_LIMITS = {
  code: 40,
} as const;
