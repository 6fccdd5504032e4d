/**
 * Splits a script of SQL statements at its top-level semicolons: those outside quoted strings
 * ('…', E'…' with backslash escapes), quoted identifiers ("…"), dollar-quoted bodies
 * ($$…$$, $fn$…$fn$) and comments (-- and nested /* *\/). Empty statements are dropped.
 *
 * Why: migrations are written as readable scripts, but a script sent as one query string is
 * several statements in one call, which Citus cannot run: it forwards some DDL's raw text
 * (CREATE INDEX) to the workers as one prepared statement ("cannot insert multiple commands
 * into a prepared statement"). The migration runners send the statements one per call.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text && !isOnlyComments(text)) out.push(text);
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const eol = script.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      i = endOfBlockComment(script, i);
    } else if (c === "'") {
      const escaped = i > 0 && /[eE]/.test(script[i - 1]) && (i < 2 || !/[\w$]/.test(script[i - 2]));
      i = endOfQuoted(script, i, "'", escaped);
    } else if (c === '"') {
      i = endOfQuoted(script, i, '"', false);
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(script.slice(i));
      // $1 is a parameter, and a tag never follows an identifier character (a$b$ is a name)
      if (tag && !(i > 0 && /[\w$]/.test(script[i - 1]))) {
        const close = script.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw new Error(`unterminated dollar-quoted string ${tag[0]}`);
        i = close + tag[0].length;
      } else {
        i++;
      }
    } else if (c === ';') {
      push(i);
      start = i + 1;
      i++;
    } else {
      i++;
    }
  }
  push(n);
  return out;
}

function endOfQuoted(s: string, from: number, quote: string, backslashEscapes: boolean): number {
  let i = from + 1;
  while (i < s.length) {
    if (backslashEscapes && s[i] === '\\') {
      i += 2;
    } else if (s[i] === quote) {
      if (s[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw new Error(`unterminated ${quote === "'" ? 'string' : 'quoted identifier'} starting at ${from}`);
}

function endOfBlockComment(s: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < s.length) {
    if (s[i] === '/' && s[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (s[i] === '*' && s[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new Error(`unterminated comment starting at ${from}`);
}

function isOnlyComments(text: string): boolean {
  return withoutComments(text) === '';
}

/** The text with comments removed (used to tell a statement from a comment-only remainder). */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '-' && text[i + 1] === '-') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
    } else if (text[i] === '/' && text[i + 1] === '*') {
      i = endOfBlockComment(text, i);
    } else {
      out += text[i];
      i++;
    }
  }
  return out.trim();
}
