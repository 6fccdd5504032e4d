/**
 * OAI-PMH 2.0 requests: the verb and its arguments checked as the protocol says (section 3.1
 * and each verb's "Arguments"), dates and their granularity, sets, and resumption tokens.
 *
 * A resumption token holds everything the next page needs, so it survives restarts and works
 * on any API instance: the list's arguments (prefix, set, from, until) and where the last page
 * stopped in change order (migration 0012: the change's transaction id and the record id).
 * Nothing is kept on the server, so a token never expires.
 *
 * Pure: no I/O.
 */
import { oaiFormat } from '../records/formats';

export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type Verb = (typeof VERBS)[number];

/** Arguments each verb takes: required, optional, exclusive (resumptionToken). */
const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

export interface OaiRequest {
  verb: Verb;
  args: Record<string, string>;
}

/** The verb and arguments of a request (query string or form body); badVerb or badArgument when they are not OAI-PMH's. */
export function parseOaiRequest(params: Record<string, unknown>): OaiRequest {
  const verb = params.verb;
  if (verb === undefined) throw new OaiError('badVerb', 'the verb argument is missing');
  if (typeof verb !== 'string') throw new OaiError('badVerb', 'the verb argument is repeated');
  if (!(VERBS as readonly string[]).includes(verb)) throw new OaiError('badVerb', `illegal verb: ${verb}`);
  const spec = ARGUMENTS[verb as Verb];
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'verb') continue;
    if (typeof value !== 'string') throw new OaiError('badArgument', `the argument ${key} is repeated`);
    if (!spec.required.includes(key) && !spec.optional.includes(key) && spec.exclusive !== key) {
      throw new OaiError('badArgument', `illegal argument for ${verb}: ${key}`);
    }
    args[key] = value;
  }
  if (spec.exclusive && args[spec.exclusive] !== undefined) {
    const others = Object.keys(args).filter((k) => k !== spec.exclusive);
    if (others.length) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument: ${others.join(', ')} must not be given with it`);
    return { verb: verb as Verb, args };
  }
  for (const key of spec.required) if (!args[key]) throw new OaiError('badArgument', `${verb} needs the argument ${key}`);
  return { verb: verb as Verb, args };
}

export type Granularity = 'day' | 'second';

/** A from/until argument: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (the repository's granularity is seconds). */
export function parseDatestamp(value: string, name: string): { date: Date; granularity: Granularity } {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const second = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(value);
  const m = day ?? second;
  if (m) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
    const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
    // Date.UTC rolls 2024-02-30 over into March: a date that does not exist is refused
    if (date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d && +h < 24 && +mi < 60 && +s < 60) {
      return { date, granularity: day ? 'day' : 'second' };
    }
  }
  throw new OaiError('badArgument', `${name} must be a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not "${value}"`);
}

/** A datestamp as the repository gives it (seconds, UTC). */
export function datestamp(iso: string | Date): string {
  const s = typeof iso === 'string' ? new Date(iso).toISOString() : iso.toISOString();
  return `${s.slice(0, 19)}Z`;
}

/** setSpec syntax (OAI-PMH 2.0, 4.6): unreserved characters, ':' between levels. */
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

/** What a set selects: `type`, `type:<code>`, `ndc`, `ndc:<0-9>`; null for a set this repository does not have. */
export type SetSelection = { materialType?: string; ndcClass?: string; hasNdc?: boolean };

export function parseSet(spec: string): SetSelection | null {
  if (!SET_SPEC.test(spec)) throw new OaiError('badArgument', `illegal setSpec: ${spec}`);
  if (spec === 'type') return {};
  if (spec === 'ndc') return { hasNdc: true };
  const type = /^type:([A-Za-z0-9][A-Za-z0-9_-]{0,39})$/.exec(spec);
  if (type) return { materialType: type[1] };
  const ndc = /^ndc:([0-9])$/.exec(spec);
  if (ndc) return { ndcClass: ndc[1] };
  return null;
}

/** The arguments of a list (ListIdentifiers, ListRecords) and where its next page starts. */
export interface ListState {
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
  /** last (change_xid, id) delivered */
  after?: { xid: string; id: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeToken(s: Required<Pick<ListState, 'after'>> & ListState): string {
  const payload = [1, s.metadataPrefix, s.set ?? '', s.from ?? '', s.until ?? '', s.after.xid, s.after.id];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The list state of a resumption token; badResumptionToken for anything this repository did not issue. */
export function decodeToken(token: string): ListState & { after: { xid: string; id: string } } {
  const bad = () => new OaiError('badResumptionToken', 'the resumptionToken is invalid');
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(token)) throw bad();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(payload) || payload.length !== 7 || payload[0] !== 1 || !payload.slice(1).every((v) => typeof v === 'string')) throw bad();
  const [, metadataPrefix, set, from, until, xid, id] = payload as [number, string, string, string, string, string, string];
  if (!oaiFormat(metadataPrefix) || !/^\d{1,20}$/.test(xid) || !UUID.test(id)) throw bad();
  try {
    if (set) parseSet(set);
    if (from) parseDatestamp(from, 'from');
    if (until) parseDatestamp(until, 'until');
  } catch {
    throw bad();
  }
  return { metadataPrefix, set: set || undefined, from: from || undefined, until: until || undefined, after: { xid, id } };
}

/** from/until as the bounds of changed_at: [from, before); badArgument when they disagree. */
export function dateRange(from: string | undefined, until: string | undefined): { from?: Date; before?: Date } {
  const f = from !== undefined ? parseDatestamp(from, 'from') : undefined;
  const u = until !== undefined ? parseDatestamp(until, 'until') : undefined;
  if (f && u && f.granularity !== u.granularity) throw new OaiError('badArgument', 'from and until must have the same granularity');
  if (f && u && f.date > u.date) throw new OaiError('badArgument', 'from must not be later than until');
  const before = u ? new Date(u.date.getTime() + (u.granularity === 'day' ? 86_400_000 : 1000)) : undefined;
  return { from: f?.date, before };
}
