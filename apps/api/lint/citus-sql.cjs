// ESLint rule `citus/routable-sql`: SQL in the API's source keeps to what Citus can route to the
// worker holding a city (docs/scaling.md). It reads every string and template literal that
// starts like an SQL statement (template expressions count as an opaque value) and reports:
//
//   one-statement      several statements in one call (Citus forwards some DDL's raw text to the
//                      workers as one prepared statement). Migrations are exempt: their runner
//                      sends a script one statement per call (libs/tenancy splitStatements).
//   returning          a non-IMMUTABLE function in RETURNING (to_char, now(), json_build_object…)
//   case-coalesce      now()/current_date/interval arithmetic and other non-IMMUTABLE functions
//                      inside CASE or COALESCE in an UPDATE or DELETE: compute the value in the app
//   on-conflict        a non-IMMUTABLE function in ON CONFLICT … DO UPDATE SET: use EXCLUDED.col
//   insert-subquery    a subquery inside INSERT … VALUES: read first, then insert
//   unnamed-constraint ALTER TABLE … ADD COLUMN/ADD with an unnamed CHECK/UNIQUE/REFERENCES
//
// It is a net for the usual shapes, not a parser: the Citus job of the test suite
// (tools/citus/cluster.mjs test) is what proves the SQL routes.
'use strict';

const STATEMENT_START = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*(WITH|SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b/; // SQL keywords are upper case here; prose ("delete requested; …") is not

// non-IMMUTABLE functions and operators this code base uses (pg_proc.provolatile <> 'i')
const NON_IMMUTABLE =
  /\b(now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|to_char|to_date|to_timestamp|date_trunc|age|json_build_object|jsonb_build_object|json_build_array|jsonb_build_array|to_json|to_jsonb|row_to_json|json_agg|jsonb_agg|json_object_agg|jsonb_object_agg|concat|concat_ws|format|random|gen_random_uuid|nextval)\s*\(|\b(current_date|current_timestamp|localtimestamp|localtime|current_time)\b|\binterval\b|make_interval\s*\(/i;

/** The text with string literals, quoted names and comments blanked (same length), so keywords inside them do not count. */
function blank(sql) {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      const end = eol < 0 ? sql.length : eol;
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += c + ' '.repeat(Math.max(0, j - i - 1)) + (j < sql.length ? c : '');
      i = j + 1;
    } else if (c === '$' && /^\$([A-Za-z_]\w*)?\$/.test(sql.slice(i)) && !/[\w$]/.test(sql[i - 1] || '')) {
      // a dollar-quoted body (a function's): its statements are checked as statements
      const tag = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i))[0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end < 0 ? sql.length : end + tag.length;
      out += tag + blank(sql.slice(i + tag.length, end < 0 ? sql.length : end)) + (end < 0 ? '' : tag);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the parenthesis that closes the one at `open`. */
function closeParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Index just past the END that closes the CASE at `start` (nested CASEs counted). */
function closeCase(text, start) {
  const re = /\b(CASE|END)\b/gi;
  re.lastIndex = start;
  let depth = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m[1].toUpperCase() === 'CASE') depth++;
    else if (--depth === 0) return re.lastIndex;
  }
  return text.length;
}

/** The statements of a script (top-level semicolons of the blanked text). */
function statements(text) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ';' && depth <= 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '');
}

/** Where each write of a statement starts: INSERT INTO, UPDATE … SET, DELETE FROM (in CTEs too). */
function writes(stmt) {
  const out = [];
  const re = /\b(INSERT\s+INTO|UPDATE\s+[\w."]+(?:\s+(?:AS\s+)?\w+)?\s+SET|DELETE\s+FROM)\b/gi;
  let m;
  while ((m = re.exec(stmt))) out.push({ kind: m[1].split(/\s/)[0].toUpperCase(), at: m.index });
  return out;
}

/** The part of a write from `at` to the end of its parenthesised CTE body or of the statement. */
function writeSpan(stmt, at) {
  let depth = 0;
  for (let i = at; i < stmt.length; i++) {
    if (stmt[i] === '(') depth++;
    else if (stmt[i] === ')' && --depth < 0) return stmt.slice(at, i);
  }
  return stmt.slice(at);
}

/** Problems of one SQL text (exported for the rule's spec). `migration`: the runner splits scripts. */
function problems(sql, { migration = false } = {}) {
  const out = [];
  const text = blank(sql);
  const stmts = statements(text);
  if (!migration && stmts.length > 1) out.push({ id: 'one-statement' });
  for (const stmt of stmts) {
    if (/^\s*ALTER\s+TABLE\b/i.test(stmt)) {
      for (const clause of stmt.split(/,(?![^(]*\))/)) {
        if (/\bADD\b/i.test(clause) && /\b(CHECK|UNIQUE|REFERENCES|PRIMARY\s+KEY)\b/i.test(clause) && !/\bCONSTRAINT\s+\w+/i.test(clause)) {
          out.push({ id: 'unnamed-constraint' });
        }
      }
    }
    for (const w of writes(stmt)) {
      const span = writeSpan(stmt, w.at);
      const ret = /\bRETURNING\b/i.exec(span);
      if (ret && NON_IMMUTABLE.test(span.slice(ret.index))) out.push({ id: 'returning' });
      if (w.kind === 'INSERT') {
        const values = /\bVALUES\s*\(/i.exec(span);
        if (values) {
          const open = values.index + values[0].length - 1;
          if (/\(\s*SELECT\b/i.test(span.slice(open + 1, closeParen(span, open) - 1))) out.push({ id: 'insert-subquery' });
        }
        const conflict = /\bON\s+CONFLICT\b[\s\S]*?\bDO\s+UPDATE\s+SET\b/i.exec(span);
        if (conflict) {
          const set = span.slice(conflict.index + conflict[0].length, ret ? ret.index : undefined);
          if (NON_IMMUTABLE.test(set)) out.push({ id: 'on-conflict' });
        }
      } else {
        const body = ret ? span.slice(0, ret.index) : span;
        const spans = [];
        const caseRe = /\bCASE\b/gi;
        let m;
        while ((m = caseRe.exec(body))) {
          const end = closeCase(body, m.index);
          spans.push(body.slice(m.index, end));
          caseRe.lastIndex = end;
        }
        const coalesceRe = /\bcoalesce\s*\(/gi;
        while ((m = coalesceRe.exec(body))) spans.push(body.slice(m.index, closeParen(body, m.index + m[0].length - 1)));
        if (spans.some((s) => NON_IMMUTABLE.test(s))) out.push({ id: 'case-coalesce' });
      }
    }
  }
  return out;
}

const MESSAGES = {
  'one-statement': 'One SQL statement per call: Citus forwards some statements’ text to the workers as one prepared statement.',
  returning: 'No non-IMMUTABLE function (to_char, now(), json_build_object…) in RETURNING: Citus refuses it. Return the columns and shape them in the app.',
  'case-coalesce': 'No now()/current_date/interval arithmetic (or another non-IMMUTABLE function) inside CASE or COALESCE in an UPDATE/DELETE: Citus refuses it. Compute the time in the app and pass it.',
  'on-conflict': 'No non-IMMUTABLE function in ON CONFLICT … DO UPDATE SET: Citus refuses it. Use the inserted row’s value (EXCLUDED.col).',
  'insert-subquery': 'No subquery inside INSERT … VALUES: Citus refuses it. Read first, then insert the value.',
  'unnamed-constraint': 'Name every constraint added by ALTER TABLE (CONSTRAINT name CHECK …): Citus requires explicit names.',
};

/**
 * The literal's SQL text. A template expression naming a string constant (of this file, or
 * exported by a relative import: `RETURNING ${PATRON_COLUMNS}`) is inlined, so the columns a
 * statement returns are checked with it; any other expression becomes an opaque value `$0`.
 */
function literalText(context, node, depth = 0) {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  if (node.type !== 'TemplateLiteral') return null;
  let out = node.quasis[0].value.cooked ?? node.quasis[0].value.raw;
  node.expressions.forEach((e, i) => {
    out += (depth < 3 && constantText(context, e, depth + 1)) || '$0';
    out += node.quasis[i + 1].value.cooked ?? node.quasis[i + 1].value.raw;
  });
  return out;
}

function constantText(context, node, depth) {
  if (node.type !== 'Identifier') return null;
  let scope = context.sourceCode.getScope(node);
  let variable;
  while (scope && !variable) {
    variable = scope.set.get(node.name);
    scope = scope.upper;
  }
  const def = variable && variable.defs[0];
  if (!def) return null;
  if (def.type === 'Variable' && def.parent && def.parent.kind === 'const' && def.node.init) return literalText(context, def.node.init, depth);
  if (def.type === 'ImportBinding' && def.parent.source && /^\./.test(def.parent.source.value)) {
    const name = def.node.imported ? def.node.imported.name : null;
    return name ? exportedConstant(context, def.parent.source.value, name) : null;
  }
  return null;
}

const fs = require('node:fs');
const path = require('node:path');

/** An exported string constant of a relative import, read from its source (its own expressions opaque). */
function exportedConstant(context, source, name) {
  const file = path.resolve(path.dirname(context.filename), source);
  const candidates = [`${file}.ts`, path.join(file, 'index.ts'), file];
  const found = candidates.find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  if (!found) return null;
  const text = fs.readFileSync(found, 'utf8');
  const m = new RegExp(`export const ${name}\\s*(?::[^=]+)?=\\s*(\`[\\s\\S]*?\`|'[^']*')`).exec(text);
  return m ? m[1].slice(1, -1).replace(/\$\{[^}]*\}/g, '$0') : null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL that Citus can route to the worker holding the tenant' },
    messages: MESSAGES,
    schema: [],
  },
  create(context) {
    const file = context.filename.replace(/\\/g, '/');
    const migration = /\/migrations\//.test(file) || /platform-migrations\.ts$/.test(file);
    const check = (node) => {
      if (node.parent && node.parent.type === 'TaggedTemplateExpression') return;
      const sql = literalText(context, node);
      if (!sql || !STATEMENT_START.test(sql) || !/\s/.test(sql.trim())) return;
      let found;
      try {
        found = problems(sql, { migration });
      } catch {
        return;
      }
      const seen = new Set();
      for (const p of found) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        context.report({ node, messageId: p.id });
      }
    };
    return { Literal: check, TemplateLiteral: check };
  },
};

module.exports = { rules: { 'routable-sql': rule }, problems };
