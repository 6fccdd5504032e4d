import * as express from 'express';
import type { RequestHandler } from 'express';
import { defineErrors } from '../errors/domain-error';

/**
 * The deepest nesting of arrays and objects a JSON body may have. The deepest body the API
 * takes (a whole policy) nests fewer than ten levels; a body of thousands of nested arrays costs nothing
 * to send and a great deal to parse, transform and validate (stack overflows, seconds of CPU
 * that every other city waits for), so it is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 32;

/** body-parser's error `type` for a body refused by the depth scan (see bodyParserProblem). */
export const JSON_TOO_DEEP_TYPE = 'entity.too.deep';

export const JsonBodyErrors = defineErrors({
  JSON_TOO_DEEP: {
    status: 400,
    ja: `送信データ（JSON）の入れ子が深すぎます（${MAX_JSON_DEPTH}段まで）。`,
    en: `The request body (JSON) is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`,
  },
});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest nesting of `[` and `{` in UTF-8 JSON text, counted outside strings; stops as
 * soon as it passes `limit`. One pass over the bytes, no allocation. In UTF-8 every byte of
 * a multi-byte character is ≥ 0x80, so a quote, backslash or bracket byte is always that
 * character. For valid JSON the count is exact (a string ends at the first quote not taken
 * by a backslash escape); malformed text is left for JSON.parse to refuse.
 */
export function jsonNestingDepth(bytes: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return deepest;
}

function utf8(buf: Buffer, encoding: string): Uint8Array {
  if (/^utf-?8$/i.test(encoding)) return buf;
  // body-parser accepts the other UTF charsets too (utf-16le …): scan their UTF-8 form
  try {
    return Buffer.from(new TextDecoder(encoding).decode(buf), 'utf8');
  } catch {
    throw Object.assign(new Error(`unsupported charset "${encoding}"`), { status: 415, type: 'charset.unsupported' });
  }
}

/**
 * `express.json` with two limits checked before JSON.parse runs: the size (`limit`, e.g.
 * BODY_LIMIT's 1mb: 413 PAYLOAD_TOO_LARGE, enforced while the body is read) and the depth
 * (MAX_JSON_DEPTH: 400 JSON_TOO_DEEP, a linear scan of the raw bytes).
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, buf, encoding) => {
      if (jsonNestingDepth(utf8(buf, encoding), MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: JSON_TOO_DEEP_TYPE });
      }
    },
  });
}
