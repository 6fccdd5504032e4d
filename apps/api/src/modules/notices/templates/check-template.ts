import Handlebars from 'handlebars';
import type { Fields, FieldSpec } from './defaults';

/**
 * Checks a notice template before it is saved, so a broken template never reaches the
 * outbox: Handlebars syntax (with the line), then every variable against the fields the
 * notice kind has (NOTICE_FIELDS), then the helpers (only if / unless / each / with).
 * Pure: no framework, no I/O.
 */
export type TemplateProblemCode = 'SYNTAX' | 'UNKNOWN_VARIABLE' | 'NOT_A_LIST' | 'UNKNOWN_HELPER' | 'UNSUPPORTED';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** 1-based line of the template text. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** What is wrong, in Handlebars' or our own words (English, technical). */
  reason: string;
  message: { ja: string; en: string };
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const EACH_DATA = new Set(['index', 'first', 'last', 'key']);

type Scope = { fields: Fields; inEach: boolean };
type Node = hbs.AST.Node & { loc?: hbs.AST.SourceLocation };

function at(node: Node | undefined): { line: number; column?: number } {
  return node?.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : { line: 1 };
}

/** The innermost block opened and never closed: where a librarian has to look, rather than the end of the text. */
function unclosedBlock(source: string): { name: string; line: number; column: number } | undefined {
  const open: { name: string; line: number; column: number }[] = [];
  const re = /\{\{~?([#^/])\s*([^\s}~]+)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const before = source.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    if (m[1] === '/') {
      const i = open.map((o) => o.name).lastIndexOf(m[2]);
      if (i >= 0) open.splice(i);
    } else open.push({ name: m[2], line, column });
  }
  return open.pop();
}

/** Handlebars parse errors carry the line in the message ("Parse error on line 3:"); block mismatches carry lineNumber/column. */
function syntaxProblem(e: unknown, source: string): TemplateProblem {
  const err = e as Error & { lineNumber?: number; column?: number };
  const text = String(err?.message ?? e);
  let line = err.lineNumber ?? Number(/on line (\d+)/.exec(text)?.[1] ?? 1);
  let column = err.column !== undefined ? err.column + 1 : undefined;
  const lastLine = text.split('\n').pop() ?? text;
  let ja = '書き方に誤りがあります。';
  let en = 'The template has a syntax error.';
  if (/doesn't match/.test(text)) {
    ja = 'ブロックの始まり（{{#…}}）と終わり（{{/…}}）の名前が一致していません。';
    en = 'A block is closed with a different name than it was opened with.';
  } else if (/got 'EOF'/.test(text)) {
    const block = unclosedBlock(source);
    if (block) {
      line = block.line;
      column = block.column;
      ja = `{{#${block.name}}} が閉じられていないブロックです（{{/${block.name}}} が足りません）。`;
      en = `{{#${block.name}}} is not closed (a {{/${block.name}}} is missing).`;
    } else {
      ja = '閉じられていないブロックがあります（{{/if}} や {{/each}} が足りません）。';
      en = 'A block is not closed (a {{/if}} or {{/each}} is missing).';
    }
  } else if (/got 'INVALID'/.test(text) || /Expecting 'CLOSE/.test(text)) {
    ja = '「{{」に対応する「}}」がないか、{{ }} の中身が正しくありません。';
    en = 'A "{{" is not closed by "}}", or what is inside is not valid.';
  } else if (/got 'INVERSE'|got 'OPEN_INVERSE/.test(text)) {
    ja = '{{else}} がブロックの外にあります。';
    en = '{{else}} is outside a block.';
  }
  return {
    code: 'SYNTAX',
    line,
    ...(column !== undefined ? { column } : {}),
    reason: lastLine.trim() || text,
    message: { ja: `${line}行目: ${ja}`, en: `Line ${line}: ${en}` },
  };
}

function names(fields: Fields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([k, f]) => (f.type === 'object' ? names(f.fields, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

class Checker {
  readonly problems: TemplateProblem[] = [];
  constructor(private readonly root: Fields) {}

  private add(code: TemplateProblemCode, node: Node | undefined, reason: string, ja: string, en: string) {
    const where = at(node);
    this.problems.push({ code, ...where, reason, message: { ja: `${where.line}行目: ${ja}`, en: `Line ${where.line}: ${en}` } });
  }

  program(p: hbs.AST.Program | undefined, stack: Scope[]) {
    if (!p) return;
    if (p.blockParams?.length) {
      this.add('UNSUPPORTED', p as Node, 'block parameters (as |x|) are not supported', 'ブロック引数（as |x|）は使えません。', 'Block parameters (as |x|) are not supported.');
    }
    for (const s of p.body) this.statement(s as Node, stack);
  }

  private statement(node: Node, stack: Scope[]) {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.params.length || (m.hash && m.hash.pairs.length)) {
          const name = (m.path as hbs.AST.PathExpression).original ?? '?';
          this.add('UNKNOWN_HELPER', node, `helper "${name}" is not available`, `「${name}」というヘルパーは使えません（使えるのは #if #unless #each #with）。`, `There is no helper "${name}" (only #if, #unless, #each, #with).`);
          return;
        }
        this.expression(m.path as Node, stack);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original ?? '?';
        if (b.path.type !== 'PathExpression' || !BLOCK_HELPERS.has(name)) {
          this.add('UNKNOWN_HELPER', node, `block helper "${name}" is not available`, `「#${name}」というブロックは使えません（使えるのは #if #unless #each #with）。`, `There is no block helper "#${name}" (only #if, #unless, #each, #with).`);
          return;
        }
        if (b.params.length !== 1) {
          this.add('SYNTAX', node, `#${name} needs exactly one value`, `#${name} には値を一つだけ指定してください。`, `#${name} needs exactly one value.`);
          return;
        }
        const spec = this.expression(b.params[0] as Node, stack);
        if (name === 'each') {
          if (spec && spec !== 'any' && spec.type !== 'list') {
            const what = (b.params[0] as hbs.AST.PathExpression).original;
            this.add('NOT_A_LIST', b.params[0] as Node, `"${what}" is not a list`, `「${what}」は一覧ではないので #each できません。`, `"${what}" is not a list, so it cannot be used with #each.`);
            return;
          }
          const item: Scope = { fields: spec && spec !== 'any' && spec.type === 'list' ? spec.item : {}, inEach: true };
          this.program(b.program, spec === 'any' ? [...stack, { fields: {}, inEach: true }] : [...stack, item]);
          this.program(b.inverse, stack);
        } else if (name === 'with') {
          if (spec && spec !== 'any' && spec.type !== 'object') {
            const what = (b.params[0] as hbs.AST.PathExpression).original;
            this.add('UNSUPPORTED', b.params[0] as Node, `"${what}" has no fields`, `「${what}」には項目がないので #with できません。`, `"${what}" has no fields, so it cannot be used with #with.`);
            return;
          }
          this.program(b.program, [...stack, { fields: spec && spec !== 'any' && spec.type === 'object' ? spec.fields : {}, inEach: false }]);
          this.program(b.inverse, stack);
        } else {
          this.program(b.program, stack);
          this.program(b.inverse, stack);
        }
        return;
      }
      default:
        this.add('UNSUPPORTED', node, `${node.type} is not supported`, 'パーシャルやデコレーターは使えません。', 'Partials and decorators are not supported.');
    }
  }

  /** Checks a value; returns its field spec ('any' for literals and `this`), or undefined when unknown (already reported). */
  private expression(node: Node, stack: Scope[]): FieldSpec | 'any' | undefined {
    switch (node.type) {
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return 'any';
      case 'PathExpression':
        return this.path(node as hbs.AST.PathExpression, stack);
      default:
        this.add('UNSUPPORTED', node, `${node.type} is not supported`, '（…）の入れ子のヘルパーは使えません。', 'Sub-expressions are not supported.');
        return undefined;
    }
  }

  private path(p: hbs.AST.PathExpression, stack: Scope[]): FieldSpec | 'any' | undefined {
    const original = p.original;
    const unknown = (allowed: string[]) => {
      this.add(
        'UNKNOWN_VARIABLE',
        p as Node,
        `unknown variable "${original}"`,
        `「${original}」という変数はこの通知では使えません。使える変数: ${allowed.join(', ') || '（なし）'}`,
        `There is no variable "${original}" in this notice. Available: ${allowed.join(', ') || '(none)'}`,
      );
      return undefined;
    };
    let scope: Scope | undefined;
    let parts = p.parts;
    if (p.data) {
      if (parts[0] === 'root') {
        scope = { fields: this.root, inEach: false };
        parts = parts.slice(1);
      } else {
        const inEach = stack.slice(0, stack.length - p.depth).some((s) => s.inEach);
        if (parts.length === 1 && EACH_DATA.has(parts[0]) && inEach) return 'any';
        return unknown(inEach ? ['@index', '@first', '@last', '@root'] : ['@root']);
      }
    } else {
      scope = stack[stack.length - 1 - p.depth];
    }
    if (!scope) return unknown([]);
    if (parts.length === 0) return 'any'; // this, ..
    let fields: Fields | undefined = scope.fields;
    let spec: FieldSpec | undefined;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (spec?.type === 'list' && part === 'length' && i === parts.length - 1) return { type: 'number', ja: '件数', en: 'count' };
      spec = fields?.[part];
      if (!spec || !Object.prototype.hasOwnProperty.call(fields, part)) return unknown(names(scope.fields));
      fields = spec.type === 'object' ? spec.fields : undefined;
    }
    return spec;
  }
}

/** Problems of a template for these fields; empty when it may be saved. */
export function checkTemplate(source: string, fields: Fields): TemplateProblem[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    return [syntaxProblem(e, source)];
  }
  const c = new Checker(fields);
  c.program(ast, [{ fields, inEach: false }]);
  if (c.problems.length) return c.problems;
  // the compiler finds what the parser lets through (e.g. a mismatched block name)
  try {
    Handlebars.precompile(source, { noEscape: true });
  } catch (e) {
    return [syntaxProblem(e, source)];
  }
  return [];
}
