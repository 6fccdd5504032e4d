import { isSipDate } from './dates';
import { FixedField, FixedKind, MessageLayout, REQUESTS, RESPONSES, UNSUPPORTED_REQUESTS } from './layouts';

/** A SIP2 message: its code, its fixed fields by name, its variable fields in order. */
export interface SipMessage {
  code: string;
  fixed: Record<string, string>;
  /** `[id, value]` in the order sent; an id may repeat (AF, AS, AU, …). */
  fields: [string, string][];
}

export type ParseFailure =
  /** not a message code at all */
  | 'MALFORMED'
  /** a SIP2 message this server does not serve */
  | 'UNSUPPORTED'
  /** fixed fields missing, wrong or a required field absent */
  | 'INVALID';

export type ParseResult = { ok: true; message: SipMessage } | { ok: false; failure: ParseFailure; code?: string; detail: string };

const FIXED_PATTERN: Record<Exclude<FixedKind, 'date' | 'date-or-blank'>, RegExp> = {
  YN: /^[YN]$/,
  YNU: /^[YNU]$/,
  bit: /^[01]$/,
  digits: /^\d+$/,
  summary: /^[ YN]+$/,
  version: /^\d\.\d\d$/,
  flags: /^[ YN]+$/,
};

const BLANK_DATE = ' '.repeat(18);
const FIELD_ID = /^[A-Z]{2}$/;

function fixedValid(field: FixedField, value: string): boolean {
  if (value.length !== field.length) return false;
  if (field.kind === 'date') return isSipDate(value);
  if (field.kind === 'date-or-blank') return value === BLANK_DATE || isSipDate(value);
  return FIXED_PATTERN[field.kind].test(value);
}

/** The first value of a variable field, or undefined. */
export function field(message: SipMessage, id: string): string | undefined {
  return message.fields.find(([k]) => k === id)?.[1];
}

/** Every value of a (repeatable) variable field. */
export function fieldValues(message: SipMessage, id: string): string[] {
  return message.fields.filter(([k]) => k === id).map(([, v]) => v);
}

/**
 * Parses one message (without its line ending and its AY/AZ tail) by `layouts`: requests by
 * default, responses for a client. Every fixed field is checked against its kind (a date must
 * be a real date), every variable field must have a two-letter id, and the layout's required
 * fields must be present; an id may repeat (the first value counts for single fields).
 */
export function parseMessage(text: string, layouts: Record<string, MessageLayout> = REQUESTS): ParseResult {
  const code = text.slice(0, 2);
  if (!/^\d\d$/.test(code)) return { ok: false, failure: 'MALFORMED', detail: 'no two-digit message code' };
  const layout = layouts[code];
  if (!layout) {
    return UNSUPPORTED_REQUESTS[code] && layouts === REQUESTS
      ? { ok: false, failure: 'UNSUPPORTED', code, detail: `${UNSUPPORTED_REQUESTS[code]} (${code}) is not served` }
      : { ok: false, failure: 'MALFORMED', code, detail: `unknown message code ${code}` };
  }
  const fixed: Record<string, string> = {};
  let at = 2;
  for (const spec of layout.fixed) {
    const value = text.slice(at, at + spec.length);
    if (!fixedValid(spec, value)) return { ok: false, failure: 'INVALID', code, detail: `${layout.name}: fixed field ${spec.name} is "${value}"` };
    fixed[spec.name] = value;
    at += spec.length;
  }
  const fields: [string, string][] = [];
  for (const segment of text.slice(at).split('|')) {
    if (segment === '') continue; // the delimiter after the last field, or a doubled one
    const id = segment.slice(0, 2);
    if (!FIELD_ID.test(id)) return { ok: false, failure: 'INVALID', code, detail: `${layout.name}: "${segment.slice(0, 10)}" is not a field` };
    fields.push([id, segment.slice(2)]);
  }
  const message = { code, fixed, fields };
  const missing = (layout.required ?? []).filter((id) => field(message, id) === undefined);
  if (missing.length) return { ok: false, failure: 'INVALID', code, detail: `${layout.name}: ${missing.join(', ')} missing` };
  return { ok: true, message };
}

/** A value as a variable field can carry it: the delimiter and line breaks become blanks. */
export function fieldValue(value: string): string {
  return value.replace(/[|\r\n]/g, ' ');
}

/**
 * Formats a message by `layouts` (responses by default): the code, each fixed field (which
 * must have its kind and length: a wrong one is a programming error and throws), then each
 * variable field with its delimiter.
 */
export function formatMessage(message: SipMessage, layouts: Record<string, MessageLayout> = RESPONSES): string {
  const layout = layouts[message.code];
  if (!layout) throw new Error(`no layout for message ${message.code}`);
  let out = message.code;
  for (const spec of layout.fixed) {
    const value = message.fixed[spec.name];
    if (value === undefined || !fixedValid(spec, value)) throw new Error(`${layout.name}: fixed field ${spec.name} is ${JSON.stringify(value)}`);
    out += value;
  }
  for (const [id, value] of message.fields) {
    if (!FIELD_ID.test(id)) throw new Error(`${layout.name}: bad field id ${id}`);
    out += `${id}${fieldValue(value)}|`;
  }
  return out;
}
