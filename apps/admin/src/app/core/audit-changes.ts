import { diffPolicies } from '@shiori/policy';

/** One changed field of an audit entry, as text: "path: before → after". */
export interface AuditChange {
  path: string;
  before: string;
  after: string;
}

/** A JSON value in one line for the change list. */
function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function flat(v: unknown): [string, string][] {
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => [k, show(x)]) : [['—', show(v)]];
}

/**
 * The fields an audit entry changed (before → after), compared like policy versions are; a
 * creation lists every field after, a deletion every field before. Shared by the library's
 * and the platform's audit screens.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  if (before === null || before === undefined) return flat(after).map(([path, v]) => ({ path, before: '—', after: v }));
  if (after === null || after === undefined) return flat(before).map(([path, v]) => ({ path, before: v, after: '—' }));
  return diffPolicies(before, after).map((c) => ({ path: c.path || '—', before: show(c.before), after: show(c.after) }));
}
