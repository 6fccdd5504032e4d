/**
 * A parser for CQL, the Contextual Query Language of SRU (CQL 1.2 / SRU 2.0 "CQL"):
 *
 *   cqlQuery      ::= prefixAssignment cqlQuery | scopedClause [sortSpec]
 *   prefixAssign  ::= '>' [prefix '='] uri
 *   scopedClause  ::= scopedClause booleanGroup searchClause | searchClause
 *   booleanGroup  ::= ('and' | 'or' | 'not' | 'prox') modifierList?
 *   searchClause  ::= '(' cqlQuery ')' | index relation searchTerm | searchTerm
 *   relation      ::= ('=' | '==' | '<>' | '<' | '>' | '<=' | '>=' | name) modifierList?
 *   modifierList  ::= ('/' name [comparitorSymbol value])+
 *   sortSpec      ::= 'sortby' (index modifierList?)+
 *
 * Booleans have equal precedence and group to the left (a or b and c = (a or b) and c).
 * Keywords are case-insensitive. A term is a word (no space, parenthesis, = < > / or ")
 * or a quoted string, in which \" is a quote and \\ a backslash; other backslash escapes
 * (\* \? \^) are kept, as CQL leaves their meaning (a literal masking character) to the
 * search. Pure: no I/O; errors are CqlError with the SRU diagnostic they answer.
 */

/** A diagnostic of the SRU diagnostic set (info:srw/diagnostic/1/N). */
export class CqlError extends Error {
  constructor(
    /** the number in info:srw/diagnostic/1/N */
    readonly diagnostic: number,
    /** what the diagnostic is about (the index, relation, or the place in the query) */
    readonly details: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CqlModifier {
  name: string;
  comparison?: string;
  value?: string;
}

export interface CqlSearchClause {
  type: 'clause';
  /** As written, with its prefix (dc.title), or undefined for a bare term (cql.serverChoice). */
  index?: string;
  relation: string;
  relationModifiers: CqlModifier[];
  term: string;
  /** The term was quoted ("…"): an empty term is then possible. */
  quoted: boolean;
}

export interface CqlBoolean {
  type: 'boolean';
  op: 'and' | 'or' | 'not' | 'prox';
  modifiers: CqlModifier[];
  left: CqlNode;
  right: CqlNode;
}

export type CqlNode = CqlSearchClause | CqlBoolean;

export interface CqlSortKey {
  index: string;
  modifiers: CqlModifier[];
}

export interface CqlQuery {
  root: CqlNode;
  /** Prefix → context set URI, from prefix assignments (>dc="info:srw/cql-context-set/1/dc-v1.1"). */
  prefixes: Record<string, string>;
  sortBy: CqlSortKey[];
}

/** Longest query text accepted (diagnostic 12 beyond). */
export const MAX_QUERY_LENGTH = 2000;
/** Most boolean operators in one query (diagnostic 38 beyond): each costs the statement a condition. */
export const MAX_BOOLEANS = 32;
/** Deepest nesting of parentheses (diagnostic 13 beyond), so a hostile query cannot exhaust the stack. */
const MAX_DEPTH = 32;

type TokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'slash' | 'comparitor' | 'gt' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const COMPARITORS = ['==', '<>', '<=', '>=', '=', '<', '>'];
const BOOLEANS = ['and', 'or', 'not', 'prox'];

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '(') {
      out.push({ kind: 'lparen', text: c, pos });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'rparen', text: c, pos });
      i++;
    } else if (c === '/') {
      out.push({ kind: 'slash', text: c, pos });
      i++;
    } else if (c === '"') {
      i++;
      let text = '';
      let closed = false;
      while (i < input.length) {
        const d = input[i];
        if (d === '\\') {
          const next = input[i + 1];
          if (next === undefined) break;
          // \" and \\ stand for the character; other escapes stay for the term's masking rules
          text += next === '"' || next === '\\' ? next : `\\${next}`;
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        text += d;
        i++;
      }
      if (!closed) throw new CqlError(14, `position ${pos + 1}`, `unbalanced quotes: the string starting at position ${pos + 1} has no closing "`);
      out.push({ kind: 'string', text, pos });
    } else {
      const cmp = COMPARITORS.find((s) => input.startsWith(s, i));
      if (cmp) {
        // '>' at the start of the query or after '(' may open a prefix assignment; the parser decides
        out.push({ kind: cmp === '>' ? 'gt' : 'comparitor', text: cmp, pos });
        i += cmp.length;
        continue;
      }
      let text = '';
      while (i < input.length && !/[\s()=<>"/]/.test(input[i])) {
        if (input[i] === '\\' && i + 1 < input.length) {
          text += input[i] + input[i + 1];
          i += 2;
          continue;
        }
        text += input[i];
        i++;
      }
      out.push({ kind: 'word', text, pos });
    }
  }
  out.push({ kind: 'end', text: '', pos: input.length });
  return out;
}

class Parser {
  private i = 0;
  private booleans = 0;
  readonly prefixes: Record<string, string> = {};

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private syntax(t: Token, what: string): CqlError {
    const found = t.kind === 'end' ? 'the end of the query' : `"${t.text}"`;
    return new CqlError(10, `position ${t.pos + 1}`, `query syntax error: ${what}, found ${found} at position ${t.pos + 1}`);
  }

  private isWordLike(t: Token): boolean {
    return t.kind === 'word' || t.kind === 'string';
  }

  private keyword(t: Token): string | null {
    return t.kind === 'word' ? t.text.toLowerCase() : null;
  }

  parseQuery(depth: number): { root: CqlNode; sortBy: CqlSortKey[] } {
    if (depth > MAX_DEPTH) throw new CqlError(13, `depth ${depth}`, `parentheses nested more than ${MAX_DEPTH} deep`);
    while (this.peek().kind === 'gt') this.prefixAssignment();
    let left = this.searchClause(depth);
    for (;;) {
      const t = this.peek();
      const kw = this.keyword(t);
      if (kw && BOOLEANS.includes(kw)) {
        this.next();
        if (++this.booleans > MAX_BOOLEANS) throw new CqlError(38, String(MAX_BOOLEANS), `more than ${MAX_BOOLEANS} boolean operators`);
        const modifiers = this.modifiers();
        const right = this.searchClause(depth);
        left = { type: 'boolean', op: kw as CqlBoolean['op'], modifiers, left, right };
        continue;
      }
      break;
    }
    const sortBy: CqlSortKey[] = [];
    if (this.keyword(this.peek()) === 'sortby') {
      this.next();
      while (this.isWordLike(this.peek())) sortBy.push({ index: this.next().text, modifiers: this.modifiers() });
      if (!sortBy.length) throw this.syntax(this.peek(), 'sortBy needs at least one index');
    }
    return { root: left, sortBy };
  }

  private prefixAssignment(): void {
    this.next(); // '>'
    const first = this.next();
    if (!this.isWordLike(first)) throw this.syntax(first, 'a prefix or a context set URI after ">"');
    if (this.peek().kind === 'comparitor' && this.peek().text === '=') {
      this.next();
      const uri = this.next();
      if (!this.isWordLike(uri)) throw this.syntax(uri, 'a context set URI');
      this.prefixes[first.text.toLowerCase()] = uri.text;
    } else {
      this.prefixes[''] = first.text;
    }
  }

  private searchClause(depth: number): CqlNode {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const inner = this.parseQuery(depth + 1);
      if (inner.sortBy.length) throw this.syntax(this.peek(), 'sortBy only at the end of the whole query');
      const close = this.next();
      if (close.kind !== 'rparen') {
        if (close.kind === 'end') throw new CqlError(13, `position ${t.pos + 1}`, `unbalanced parentheses: the "(" at position ${t.pos + 1} is never closed`);
        throw this.syntax(close, 'a boolean operator or ")"');
      }
      return inner.root;
    }
    if (t.kind === 'rparen') throw new CqlError(13, `position ${t.pos + 1}`, `unbalanced parentheses: ")" at position ${t.pos + 1} closes nothing`);
    if (!this.isWordLike(t)) throw this.syntax(t, 'a search term, an index or "("');
    this.next();
    // index relation term, when a relation follows: a symbol, or a named relation (a word)
    // followed by a term
    const after = this.peek();
    const namedRelation =
      after.kind === 'word' && !BOOLEANS.includes(after.text.toLowerCase()) && after.text.toLowerCase() !== 'sortby' &&
      (this.isWordLike(this.peek(1)) || this.peek(1).kind === 'slash');
    if (after.kind === 'comparitor' || after.kind === 'gt' || namedRelation) {
      if (t.kind === 'string') throw this.syntax(after, 'an index name (not a quoted string) before a relation');
      const relation = this.next().text.toLowerCase();
      const relationModifiers = this.modifiers();
      const term = this.next();
      if (!this.isWordLike(term)) throw this.syntax(term, `a search term after "${t.text} ${relation}"`);
      return { type: 'clause', index: t.text, relation, relationModifiers, term: term.text, quoted: term.kind === 'string' };
    }
    return { type: 'clause', relation: '=', relationModifiers: [], term: t.text, quoted: t.kind === 'string' };
  }

  private modifiers(): CqlModifier[] {
    const out: CqlModifier[] = [];
    while (this.peek().kind === 'slash') {
      this.next();
      const name = this.next();
      if (name.kind !== 'word') throw this.syntax(name, 'a modifier name after "/"');
      const cmp = this.peek();
      if (cmp.kind === 'comparitor' || cmp.kind === 'gt') {
        this.next();
        const value = this.next();
        if (!this.isWordLike(value)) throw this.syntax(value, `a value for the modifier ${name.text}`);
        out.push({ name: name.text.toLowerCase(), comparison: cmp.text, value: value.text });
      } else {
        out.push({ name: name.text.toLowerCase() });
      }
    }
    return out;
  }

  finish(): void {
    const t = this.peek();
    if (t.kind === 'rparen') throw new CqlError(13, `position ${t.pos + 1}`, `unbalanced parentheses: ")" at position ${t.pos + 1} closes nothing`);
    if (t.kind !== 'end') throw this.syntax(t, 'a boolean operator (and, or, not) between search clauses');
  }
}

/** Parses a CQL query; throws CqlError (diagnostic 10, 12, 13, 14 or 38) when it is not one. */
export function parseCql(input: string): CqlQuery {
  if (input.length > MAX_QUERY_LENGTH) throw new CqlError(12, String(MAX_QUERY_LENGTH), `the query is longer than ${MAX_QUERY_LENGTH} characters`);
  if (!input.trim()) throw new CqlError(10, 'empty', 'query syntax error: the query is empty');
  const parser = new Parser(tokenize(input));
  const { root, sortBy } = parser.parseQuery(0);
  parser.finish();
  return { root, prefixes: parser.prefixes, sortBy };
}
