import { FieldError } from '../errors/domain-error';

/**
 * Two things a string may hold that no field can take: NUL (U+0000), which PostgreSQL
 * cannot store in text or jsonb (the statement fails), and a lone UTF-16 surrogate, which
 * is not a character at all (it would be stored as U+FFFD, silently changed).
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** At most this many offending strings are reported (a body full of NULs gives one short answer). */
const MAX_REPORTED = 20;

function problemOf(s: string): 'NUL_CHARACTER' | 'LONE_SURROGATE' | null {
  if (NUL.test(s)) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(s)) return 'LONE_SURROGATE';
  return null;
}

function fieldError(path: string, code: 'NUL_CHARACTER' | 'LONE_SURROGATE'): FieldError {
  const field = path || '(value)';
  return code === 'NUL_CHARACTER'
    ? { path, code, message: { ja: `${field} に使えない文字（NUL、U+0000）が含まれています。`, en: `${field} contains a NUL character (U+0000), which cannot be stored.` } }
    : { path, code, message: { ja: `${field} に文字として不正なデータ（対のないサロゲート）が含まれています。`, en: `${field} contains a lone surrogate, which is not a character.` } };
}

/**
 * Every string of a request value — a body, the query, one path parameter — and every key
 * of its objects, checked for NUL and lone surrogates. Returns one field error per
 * offending string, with its dotted path under `root` (`title`, `authors.0.name`, `id`).
 * Walks without recursion, so no nesting depth can overflow the stack.
 */
export function unsafeStrings(value: unknown, root = ''): FieldError[] {
  const out: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && out.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const code = problemOf(v);
      if (code) out.push(fieldError(path, code));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        // a bad key is reported in its place (its value is not looked into)
        stack.push([problemOf(key) ? key : child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return out.slice(0, MAX_REPORTED);
}
