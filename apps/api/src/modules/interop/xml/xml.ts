/**
 * The smallest XML writer the protocols need: text and attribute escaping, and elements
 * built as strings (a page of 500 OAI records is a few hundred kilobytes; strings joined
 * once are the cheapest way to make it). Characters XML 1.0 forbids (C0 controls other
 * than tab, newline and carriage return; lone surrogates; U+FFFE/FFFF) are dropped, so a
 * record imported with a stray control byte cannot make a response unreadable.
 */

const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Whether a text or an attribute value has anything to escape or drop (most have nothing:
// a page of 20 MARCXML records escapes a few thousand short strings, so they are returned as they are).
// Any surrogate takes the long way, where only lone ones are dropped.
const TEXT_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_WORK = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(s: string | number): string {
  const str = String(s);
  if (!TEXT_WORK.test(str)) return str;
  return str
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function xmlAttr(s: string | number): string {
  const str = String(s);
  if (!ATTR_WORK.test(str)) return str;
  return xmlText(str).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export type Attrs = Record<string, string | number | undefined | null>;

function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  let out = '';
  for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== null) out += ` ${k}="${xmlAttr(v)}"`;
  return out;
}

/** `<name attrs>children</name>`; children are XML already (use xmlText for text, or `text`). */
export function el(name: string, a?: Attrs, ...children: (string | false | null | undefined)[]): string {
  const inner = children.filter((c): c is string => typeof c === 'string').join('');
  return inner ? `<${name}${attrs(a)}>${inner}</${name}>` : `<${name}${attrs(a)}/>`;
}

/** An element holding text (nothing when the text is empty). */
export function text(name: string, value: string | number | null | undefined, a?: Attrs): string {
  if (value === null || value === undefined || value === '') return '';
  return `<${name}${attrs(a)}>${xmlText(value)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
