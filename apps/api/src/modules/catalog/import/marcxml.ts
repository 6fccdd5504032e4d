/**
 * MARCXML reader (MARC 21 slim schema), without an XML library.
 *
 * A small, strict-enough XML tokenizer (elements, attributes, character and the five
 * predefined entity references, CDATA, comments, processing instructions, DOCTYPE)
 * drives a record builder. Namespace prefixes are ignored (`marc:record`,
 * `ns0:record` and `record` are the same), so both `<collection>` files and a single
 * `<record>` document work.
 *
 * Malformed XML inside one record (an illegal control character, a bad tag, an
 * undefined entity, a mismatched end tag...) fails that record only: it is reported
 * as `{ index, error }` with the line number, and reading resumes at the next
 * `<record>` start tag. Records before it are always kept.
 */
import { isControlTag, MarcDataField, MarcReadResult, MarcRecord } from './marc-record';

class XmlError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

type Token =
  | { kind: 'start'; local: string; attrs: Map<string, string>; selfClosing: boolean; pos: number }
  | { kind: 'end'; local: string; pos: number }
  | { kind: 'text'; text: string; pos: number };

// XML 1.0 Char production: no C0 controls except tab, LF, CR; no U+FFFE/U+FFFF.
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAME = /^[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*(?::[A-Za-z_\u00C0-\uFFFD][\w.\-\u00B7\u00C0-\uFFFD]*)?$/;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function describeChar(c: string): string {
  return 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

function checkChars(s: string, pos: number): void {
  const m = ILLEGAL_CHAR.exec(s);
  if (m) throw new XmlError(`invalid XML character ${describeChar(m[0])}`, pos + m.index);
}

function decodeEntities(s: string, pos: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (whole, name: string, offset: number) => {
    if (!whole.endsWith(';')) throw new XmlError('"&" not starting an entity reference', pos + offset);
    if (name.startsWith('#x') || name.startsWith('#X')) {
      const cp = parseInt(name.slice(2), 16);
      return charRef(cp, whole, pos + offset);
    }
    if (name.startsWith('#')) return charRef(parseInt(name.slice(1), 10), whole, pos + offset);
    const v = PREDEFINED[name];
    if (v === undefined) throw new XmlError(`undefined entity ${whole}`, pos + offset);
    return v;
  });
}

function charRef(cp: number, whole: string, pos: number): string {
  if (!Number.isFinite(cp) || cp > 0x10ffff || cp < 1) throw new XmlError(`bad character reference ${whole}`, pos);
  const c = String.fromCodePoint(cp);
  if (ILLEGAL_CHAR.test(c) || (cp >= 0xd800 && cp <= 0xdfff)) {
    throw new XmlError(`character reference ${whole} is not a legal XML character`, pos);
  }
  return c;
}

class Tokenizer {
  pos = 0;
  constructor(readonly src: string) {}

  next(): Token | null {
    const src = this.src;
    for (;;) {
      if (this.pos >= src.length) return null;
      const start = this.pos;
      if (src[start] !== '<') {
        let end = src.indexOf('<', start);
        if (end < 0) end = src.length;
        const raw = src.slice(start, end);
        this.pos = end;
        checkChars(raw, start);
        return { kind: 'text', text: decodeEntities(raw, start), pos: start };
      }
      if (src.startsWith('<!--', start)) {
        const end = src.indexOf('-->', start + 4);
        if (end < 0) throw new XmlError('unterminated comment', start);
        this.pos = end + 3;
        continue;
      }
      if (src.startsWith('<![CDATA[', start)) {
        const end = src.indexOf(']]>', start + 9);
        if (end < 0) throw new XmlError('unterminated CDATA section', start);
        const text = src.slice(start + 9, end);
        checkChars(text, start + 9);
        this.pos = end + 3;
        return { kind: 'text', text, pos: start };
      }
      if (src.startsWith('<?', start)) {
        const end = src.indexOf('?>', start + 2);
        if (end < 0) throw new XmlError('unterminated processing instruction', start);
        this.pos = end + 2;
        continue;
      }
      if (src.startsWith('<!', start)) {
        // DOCTYPE (possibly with an internal subset in [...]).
        let depth = 0;
        let i = start + 2;
        for (; i < src.length; i++) {
          const c = src[i];
          if (c === '[') depth++;
          else if (c === ']') depth--;
          else if (c === '>' && depth <= 0) break;
        }
        if (i >= src.length) throw new XmlError('unterminated declaration', start);
        this.pos = i + 1;
        continue;
      }
      if (src[start + 1] === '/') {
        const end = src.indexOf('>', start + 2);
        if (end < 0) throw new XmlError('unterminated end tag', start);
        const name = src.slice(start + 2, end).trim();
        if (!NAME.test(name)) throw new XmlError(`bad end tag </${name}>`, start);
        this.pos = end + 1;
        return { kind: 'end', local: localName(name), pos: start };
      }
      return this.startTag(start);
    }
  }

  private startTag(start: number): Token {
    const src = this.src;
    let i = start + 1;
    const nameMatch = /^[^\s/>]+/.exec(src.slice(i, i + 200));
    if (!nameMatch || !NAME.test(nameMatch[0])) throw new XmlError('bad start tag', start);
    const name = nameMatch[0];
    i += name.length;
    const attrs = new Map<string, string>();
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i, i + 1000))![0].length;
      i += ws;
      if (i >= src.length) throw new XmlError(`unterminated start tag <${name}>`, start);
      if (src[i] === '>') {
        this.pos = i + 1;
        return { kind: 'start', local: localName(name), attrs, selfClosing: false, pos: start };
      }
      if (src.startsWith('/>', i)) {
        this.pos = i + 2;
        return { kind: 'start', local: localName(name), attrs, selfClosing: true, pos: start };
      }
      if (ws === 0) throw new XmlError(`missing space between attributes in <${name}>`, i);
      const am = /^([^\s=/>]+)\s*=\s*(["'])/.exec(src.slice(i, i + 300));
      if (!am || !NAME.test(am[1])) throw new XmlError(`bad attribute in <${name}>`, i);
      const quote = am[2];
      const vStart = i + am[0].length;
      const vEnd = src.indexOf(quote, vStart);
      if (vEnd < 0) throw new XmlError(`unterminated attribute value in <${name}>`, i);
      const raw = src.slice(vStart, vEnd);
      if (raw.includes('<')) throw new XmlError(`"<" in attribute value in <${name}>`, vStart);
      checkChars(raw, vStart);
      const attrName = am[1];
      if (attrs.has(attrName)) throw new XmlError(`duplicate attribute ${attrName} in <${name}>`, i);
      attrs.set(attrName, decodeEntities(raw, vStart).replace(/[\t\n\r]/g, ' '));
      i = vEnd + 1;
    }
  }
}

/** Decodes the bytes of an XML document: BOM, or the encoding in the XML declaration, else UTF-8. */
export function decodeXmlBytes(input: Uint8Array | string): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input.subarray(2));
  const head = Buffer.from(input.subarray(0, 200)).toString('latin1');
  const enc = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  let label = 'utf-8';
  if (enc && enc !== 'utf-8' && enc !== 'utf8') {
    try {
      new TextDecoder(enc);
      label = enc;
    } catch {
      label = 'utf-8';
    }
  }
  return new TextDecoder(label).decode(input).replace(/^\uFEFF/, '');
}

function lineAt(src: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

const RECORD_START = /<(?:[A-Za-z_][\w.-]*:)?record[\s>/]/g;

/** Reads every record of a MARCXML document, one at a time. */
export function* readMarcXml(input: Uint8Array | string): Generator<MarcReadResult> {
  const src = decodeXmlBytes(input);
  const tok = new Tokenizer(src);
  let index = 0;

  // Builder state for the record being read.
  let rec: MarcRecord | null = null;
  let recordDepth = -1;
  let stack: string[] = [];
  let text = '';
  let field: MarcDataField | null = null;
  let controlTag: string | null = null;
  let subCode: string | null = null;

  const resetRecord = () => {
    rec = null;
    field = null;
    controlTag = null;
    subCode = null;
    text = '';
  };

  for (;;) {
    let t: Token | null;
    try {
      t = tok.next();
      if (t === null) break;
      if (t.kind === 'text') {
        if (rec) text += t.text;
        else if (t.text.trim() && stack.length === 0) throw new XmlError('text outside the root element', t.pos);
        continue;
      }
      if (t.kind === 'start') {
        if (!t.selfClosing) stack.push(t.local);
        if (t.local === 'record' && !rec) {
          rec = { leader: '', fields: [], warnings: [] };
          recordDepth = t.selfClosing ? stack.length : stack.length - 1;
          if (t.selfClosing) {
            yield finishRecord(index++, rec);
            resetRecord();
          }
          continue;
        }
        if (!rec) continue;
        const r: MarcRecord = rec;
        text = '';
        switch (t.local) {
          case 'leader':
            break;
          case 'controlfield':
            controlTag = t.attrs.get('tag') ?? '';
            if (t.selfClosing) {
              r.fields.push({ tag: controlTag, value: '' });
              controlTag = null;
            }
            break;
          case 'datafield': {
            const tag = t.attrs.get('tag') ?? '';
            const ind1 = t.attrs.get('ind1') ?? ' ';
            const ind2 = t.attrs.get('ind2') ?? ' ';
            if (!/^[0-9A-Za-z]{3}$/.test(tag)) r.warnings.push(`unusual tag "${tag}"`);
            if (!/^[0-9 ]$/.test(ind1) || !/^[0-9 ]$/.test(ind2)) {
              r.warnings.push(`field ${tag} has invalid indicators "${ind1}${ind2}"`);
            }
            const f: MarcDataField = { tag, ind1: ind1 || ' ', ind2: ind2 || ' ', subfields: [] };
            if (t.selfClosing) r.fields.push(f);
            else field = f;
            break;
          }
          case 'subfield':
            if (!field) throw new XmlError('<subfield> outside <datafield>', t.pos);
            subCode = t.attrs.get('code') ?? '';
            if (!/^[0-9a-z]$/.test(subCode)) r.warnings.push(`field ${field.tag} has an unusual subfield code "${subCode}"`);
            if (t.selfClosing) {
              field.subfields.push({ code: subCode, value: '' });
              subCode = null;
            }
            break;
          default:
            r.warnings.push(`unexpected element <${t.local}> ignored`);
        }
        continue;
      }
      // end tag
      if (stack.length === 0 && !rec) continue; // e.g. </collection> after resuming past a broken prolog
      const open = stack.pop();
      if (open !== t.local) {
        throw new XmlError(open ? `end tag </${t.local}> does not match <${open}>` : `unexpected end tag </${t.local}>`, t.pos);
      }
      if (!rec) continue;
      const r: MarcRecord = rec;
      switch (t.local) {
        case 'leader':
          r.leader = text;
          break;
        case 'controlfield':
          if (controlTag !== null) r.fields.push({ tag: controlTag, value: text });
          controlTag = null;
          break;
        case 'subfield':
          if (field && subCode !== null) field.subfields.push({ code: subCode, value: text });
          subCode = null;
          break;
        case 'datafield':
          if (field) r.fields.push(field);
          field = null;
          break;
        case 'record':
          if (stack.length === recordDepth) {
            yield finishRecord(index++, r);
            resetRecord();
          }
          break;
      }
      text = '';
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      const where = `line ${lineAt(src, e.pos)}`;
      const inRecord = rec !== null;
      yield {
        index: index++,
        error: `malformed XML at ${where}${inRecord ? '' : ' (outside any record)'}: ${e.message}`,
      };
      resetRecord();
      // Resume at the next <record> start tag after the error.
      RECORD_START.lastIndex = e.pos + 1;
      const m = RECORD_START.exec(src);
      if (!m) return;
      tok.pos = m.index;
      stack = recordDepth >= 0 ? stack.slice(0, recordDepth) : [];
    }
  }
  if (rec) yield { index: index++, error: 'truncated XML: the document ends inside a <record>' };
}

export function readMarcXmlAll(input: Uint8Array | string): MarcReadResult[] {
  return [...readMarcXml(input)];
}

function finishRecord(index: number, rec: MarcRecord): MarcReadResult {
  if (rec.leader.length !== 24) {
    rec.warnings.push(`leader has ${rec.leader.length} characters instead of 24`);
    rec.leader = (rec.leader + ' '.repeat(24)).slice(0, 24);
  }
  for (const f of rec.fields) {
    if ('value' in f && !isControlTag(f.tag)) rec.warnings.push(`control field with data-field tag "${f.tag}"`);
  }
  if (rec.fields.length === 0) return { index, error: 'record has no fields' };
  const normalized: MarcRecord = {
    leader: rec.leader,
    warnings: rec.warnings,
    fields: rec.fields.map((f) =>
      'value' in f
        ? { tag: f.tag, value: f.value.normalize('NFC') }
        : { ...f, subfields: f.subfields.map((s) => ({ code: s.code, value: s.value.normalize('NFC') })) },
    ),
  };
  if (normalized.fields.some((f) => ('value' in f ? f.value : f.subfields.map((s) => s.value).join('')).includes('\uFFFD'))) {
    normalized.warnings.push('text contains U+FFFD (bytes that were not valid in the declared encoding)');
  }
  return { index, record: normalized };
}
