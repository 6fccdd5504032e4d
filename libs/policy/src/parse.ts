import type { z } from 'zod';
import { Code, Codes, MESSAGES } from './codes';
import { Localized, t } from './i18n';
import { Policy, PolicySchema } from './schema';

/** One problem in a submitted policy, addressed by a dotted path such as `loans.rules.0.periodDays`. */
export interface PolicyError {
  path: string;
  code: Code;
  message: Localized;
}

export type ParsePolicyResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/**
 * Validates a whole policy document (as stored or as sent by the admin console) and fills
 * in defaults. Errors carry our own stable codes, not zod's, so the API contract does not
 * change when the validation library does.
 */
export function parsePolicy(input: unknown): ParsePolicyResult {
  const result = PolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, errors: result.error.issues.flatMap(toPolicyErrors) };
}

/** The policy of a new tenant: every "where a guide is silent" default of CITIES.md. */
export function defaultPolicy(): Policy {
  return PolicySchema.parse({});
}

/** zod issues as our field errors (also used by the agreement schema). */
export function issuesToPolicyErrors(issues: z.core.$ZodIssue[]): PolicyError[] {
  return issues.flatMap(toPolicyErrors);
}

const joinPath = (path: PropertyKey[]) => path.map(String).join('.');

function toPolicyErrors(issue: z.core.$ZodIssue): PolicyError[] {
  const path = joinPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      // One error per unknown key, addressed at the key itself so the editor can point at it.
      return issue.keys.map((key) => ({
        path: joinPath([...issue.path, key]),
        code: Codes.POLICY_UNKNOWN_KEY,
        message: t(`不明な項目「${key}」です。`, `Unknown setting "${key}".`),
      }));
    case 'invalid_type':
      if (issue.expected === 'int') return [{ path, code: Codes.POLICY_NOT_INTEGER, message: MESSAGES.POLICY_NOT_INTEGER }];
      return [
        {
          path,
          code: Codes.POLICY_INVALID_TYPE,
          message: t(`値の型が正しくありません（${issue.expected} が必要です）。`, `Expected a value of type ${issue.expected}.`),
        },
      ];
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      return [
        {
          path,
          code: Codes.POLICY_INVALID_VALUE,
          message: t(`次のいずれかを指定してください：${values}`, `Choose one of: ${values}.`),
        },
      ];
    }
    case 'too_small': {
      const min = String(issue.minimum);
      const what = issue.origin === 'array' ? t('個以上', ' items') : issue.origin === 'string' ? t('文字以上', ' characters') : t('以上', '');
      return [
        {
          path,
          code: Codes.POLICY_TOO_SMALL,
          message: t(`${min}${what.ja}にしてください。`, `Must be at least ${min}${what.en}.`),
        },
      ];
    }
    case 'too_big': {
      const max = String(issue.maximum);
      const what = issue.origin === 'array' ? t('個以下', ' items') : issue.origin === 'string' ? t('文字以下', ' characters') : t('以下', '');
      return [
        {
          path,
          code: Codes.POLICY_TOO_BIG,
          message: t(`${max}${what.ja}にしてください。`, `Must be at most ${max}${what.en}.`),
        },
      ];
    }
    case 'invalid_format':
      return [{ path, code: Codes.POLICY_INVALID_FORMAT, message: MESSAGES.POLICY_INVALID_FORMAT }];
    case 'custom': {
      const code = (issue.params as { code?: Code } | undefined)?.code ?? Codes.POLICY_INVALID;
      return [{ path, code, message: MESSAGES[code] ?? MESSAGES.POLICY_INVALID }];
    }
    default:
      return [{ path, code: Codes.POLICY_INVALID, message: MESSAGES.POLICY_INVALID }];
  }
}

/** One changed value between two policy versions. `before`/`after` are undefined when absent. */
export interface PolicyChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * A readable list of changes for the version history ("who changed what"). Objects are
 * walked key by key; arrays of objects (loan rules) index by index, so a changed rule shows
 * as `loans.rules.0.periodDays`; arrays of plain values (contact methods, statuses) are
 * compared whole, because "['email'] → ['email','none']" reads better than index noise.
 */
export function diffPolicies(a: unknown, b: unknown): PolicyChange[] {
  const changes: PolicyChange[] = [];
  walk(a, b, [], changes);
  return changes;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(a: unknown, b: unknown, path: string[], out: PolicyChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) walk(a[key], b[key], [...path, key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isPlainObject) || b.some(isPlainObject))) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], [...path, String(i)], out);
    return;
  }
  if (!deepEqual(a, b)) out.push({ path: path.join('.'), before: a, after: b });
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
