/**
 * An input fuzzer driven by the app's own OpenAPI document: for every operation it builds a
 * valid-looking request from the document (examples, enums, and real values the suite made,
 * by field name) and then spoils one input at a time — each path parameter, each query
 * parameter, each body field at any depth, and the body as a whole — with wrong types, NUL,
 * lone surrogates, huge numbers, impossible dates, modest nesting, null, empty and very long
 * strings. Pure and seeded: the same document, fixtures and seed give the same requests.
 */

export interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** Who sends a request: nobody, or the credentials the operation needs. */
export type Caller = 'anonymous' | 'patron' | 'librarian' | 'platform-admin';

export interface FuzzCase {
  method: string;
  /** the operation as documented, e.g. `PATCH /api/t/{slug}/admin/records/{id}` */
  operation: string;
  /** path and query string, already encoded (some cases carry deliberately raw bytes) */
  url: string;
  caller: Caller;
  /** what was spoiled, e.g. `body.title = NUL` */
  input: string;
  /** a JSON body (serialised with JSON.stringify), or a multipart form */
  json?: unknown;
  form?: { fields: Record<string, string>; file?: { field: string; name: string; content: string } };
}

/** Real values the suite created, looked up by parameter or field name. */
export interface FuzzFixtures {
  /** `{slug}` of the tenant the fuzzer works in */
  slug: string;
  /** path parameters by the path segment before them (`records` → a record id), or by name */
  pathValues: Record<string, string>;
  /** body and query fields by name (`branchCode`, `recordIds`, `itemBarcode`, …) */
  fieldValues: Record<string, unknown>;
  /** who may call an operation (decided by the suite from the path) */
  callerOf: (method: string, path: string) => Caller;
  /** operations fuzzed only anonymously: with credentials they would end the fuzzer's own session */
  anonymousOnly?: string[];
  /**
   * Fields sent in every body of an operation (`POST /api/platform/…` → fields), beside the
   * required ones: an action over every city scoped to the fuzzer's own, so that it never
   * acts on the cities of suites running beside it.
   */
  bodyFields?: Record<string, Record<string, unknown>>;
}

/** mulberry32: a small seeded generator, so every run sends the same requests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Values that spoil a JSON field, whatever its type. */
const BODY_VALUES: [string, unknown][] = [
  ['null', null],
  ['empty string', ''],
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', '\udc00'],
  ['number', 12345],
  ['huge number', 1e308],
  ['past bigint', 99999999999999999999],
  ['negative', -1],
  ['fraction', 1.5],
  ['boolean', true],
  ['object', { a: 'b' }],
  ['array', ['x']],
  ['nested 40', nested(40)],
  ['date 2026-02-30', '2026-02-30'],
  ['date 0000-00-00', '0000-00-00'],
  ['date 0000-01-01', '0000-01-01'],
  ['date 275760-09-13', '275760-09-13'],
  ['date-time out of range', '0000-01-01T00:00:00+09:00'],
  ['date-time 25h', '2026-01-01T25:00:00+09:00'],
  ['numeric string past bigint', '99999999999999999999'],
  ['long string', 'あ'.repeat(20_000)],
];

/** Values that spoil a query parameter (already encoded for the URL). */
const QUERY_VALUES: [string, string][] = [
  ['empty', ''],
  ['NUL', 'a%00b'],
  ['invalid UTF-8 (surrogate bytes)', '%ED%A0%80'],
  ['past bigint', '99999999999999999999'],
  ['1e308', '1e308'],
  ['negative', '-1'],
  ['NaN', 'NaN'],
  ['fraction', '1.5'],
  ['text', 'x'],
  ['date 2026-02-30', '2026-02-30'],
  ['date 0000-00-00', '0000-00-00'],
  ['date 275760-09-13', '275760-09-13'],
  ['date-time out of range', encodeURIComponent('0000-01-01T00:00:00+09:00')],
  ['long', encodeURIComponent('あ'.repeat(1000))],
];

/** Values that replace a path parameter (already encoded for the URL). */
const PATH_VALUES: [string, string][] = [
  ['text', 'x'],
  ['zero', '0'],
  ['negative', '-1'],
  ['past bigint', '99999999999999999999'],
  ['1e308', '1e308'],
  ['NUL', 'a%00b'],
  ['invalid UTF-8 (surrogate bytes)', '%ED%A0%80'],
  ['kana', encodeURIComponent('あ')],
  ['long', 'a'.repeat(2000)],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['dot-dot', '%2e%2e'],
];

/** Strings made of the characters that break things, chosen by the seed. */
const NASTY = ['\u0000', '\ud800', '\udfff', '%', "'", '"', '\\', ';', '\n', '\r', '\t', 'ア', '😀', '\u202e', '<', '>', '{', '}', '0', '9', '-', ' '];
function nastyString(random: () => number): string {
  const n = 1 + Math.floor(random() * 12);
  let s = '';
  for (let i = 0; i < n; i++) s += NASTY[Math.floor(random() * NASTY.length)];
  return s;
}

class SchemaReader {
  constructor(private readonly doc: OpenApiDocument) {}

  /** The schema with `$ref` and a single `allOf` resolved. */
  resolve(s: OpenApiSchema | undefined): OpenApiSchema {
    if (!s) return {};
    if (s.$ref) return this.resolve(this.doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
    if (s.allOf?.length === 1) return { ...this.resolve(s.allOf[0]), nullable: s.nullable };
    return s;
  }

  /** A value the schema accepts, preferring what the suite made, then the document's examples. */
  sample(name: string, raw: OpenApiSchema | undefined, fixtures: FuzzFixtures, depth = 0): unknown {
    if (name in fixtures.fieldValues) return fixtures.fieldValues[name];
    const s = this.resolve(raw);
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    if (s.default !== undefined) return s.default;
    switch (s.type) {
      case 'string':
        return s.format === 'date' ? '2026-06-01' : s.format === 'date-time' ? '2026-06-01T10:00:00+09:00' : 'fuzz';
      case 'number':
      case 'integer':
        return s.minimum ?? 1;
      case 'boolean':
        return false;
      case 'array':
        return depth > 4 ? [] : [this.sample(name, s.items, fixtures, depth + 1)];
      default:
        if (s.properties && depth <= 4) return this.requiredObject(s, fixtures, depth + 1);
        return undefined;
    }
  }

  /** An object of the schema's required fields. */
  requiredObject(s: OpenApiSchema, fixtures: FuzzFixtures, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? []) {
      const v = this.sample(key, s.properties?.[key], fixtures, depth);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  /** Every field path of the body (`title`, `authors.0.name`, `identity.birthDate`). */
  fieldPaths(raw: OpenApiSchema, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
    const s = this.resolve(raw);
    const out: (string | number)[][] = [];
    if (depth > 4) return out;
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      const path = [...prefix, key];
      out.push(path);
      const p = this.resolve(prop);
      if (p.properties) out.push(...this.fieldPaths(p, path, depth + 1));
      if (p.type === 'array' && this.resolve(p.items).properties) out.push(...this.fieldPaths(p.items!, [...path, 0], depth + 1));
    }
    return out;
  }

  /** The body with `path` set to `value`, its parents filled from the schema's samples. */
  withField(root: OpenApiSchema, base: Record<string, unknown>, path: (string | number)[], value: unknown, fixtures: FuzzFixtures): Record<string, unknown> {
    const body = structuredClone(base);
    let node: Record<string | number, unknown> = body;
    let schema = this.resolve(root);
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      const childSchema = typeof key === 'number' ? this.resolve(schema.items) : this.resolve(schema.properties?.[key]);
      if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') {
        node[key] = childSchema.type === 'array' ? [] : this.requiredObject(childSchema, fixtures);
      }
      if (Array.isArray(node[key]) && typeof path[i + 1] === 'number' && (node[key] as unknown[]).length === 0) {
        (node[key] as unknown[]).push(this.requiredObject(this.resolve(childSchema.items), fixtures));
      }
      node = node[key] as Record<string | number, unknown>;
      schema = childSchema;
    }
    node[path[path.length - 1]] = value;
    return body;
  }
}

/** encodeURIComponent that also sends a lone surrogate, as the bytes a careless client would (WTF-8). */
function encodeAnything(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    // a lone surrogate iterates as one unit; a pair as one code point
    out += code >= 0xd800 && code <= 0xdfff ? wtf8(code) : encodeURIComponent(ch);
  }
  return out;
}
function wtf8(code: number): string {
  return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
}

function encodeQuery(q: Record<string, string>): string {
  const parts = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Every fuzz request for the document, in a fixed order. */
export function fuzzCases(doc: OpenApiDocument, fixtures: FuzzFixtures, seed = 20261206): FuzzCase[] {
  const random = seededRandom(seed);
  const reader = new SchemaReader(doc);
  const cases: FuzzCase[] = [];

  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(ops)) {
      const method = lower.toUpperCase();
      const operation = `${method} ${template}`;
      const anonymousOnly = fixtures.anonymousOnly?.includes(operation) ?? false;
      const caller = anonymousOnly ? 'anonymous' : fixtures.callerOf(method, template);

      // path parameters: `{slug}` always, even where the document leaves it out
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const path: Record<string, string> = {};
      for (const name of names) {
        const before = template.split(`{${name}}`)[0].split('/').filter(Boolean).pop() ?? '';
        const value =
          name === 'slug' && before === 't'
            ? fixtures.slug
            : (fixtures.pathValues[`${template}#${name}`] ?? fixtures.pathValues[`${before}/{${name}}`] ?? fixtures.pathValues[name]);
        if (value === undefined) throw new Error(`fuzz: no value for {${name}} in ${operation}`);
        path[name] = encodeURIComponent(value);
      }
      const query: Record<string, string> = {};
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      for (const p of queryParams) {
        if (!p.required) continue;
        const v = reader.sample(p.name, p.schema, fixtures);
        query[p.name] = encodeURIComponent(String(Array.isArray(v) ? v[0] : v));
      }
      const url = (pathValues: Record<string, string>, q: Record<string, string>) =>
        template.replace(/\{(\w+)\}/g, (_m, n: string) => pathValues[n]) + encodeQuery(q);

      const jsonSchema = op.requestBody?.content['application/json']?.schema;
      const formSchema = op.requestBody?.content['multipart/form-data']?.schema;
      const bodySchema = jsonSchema ?? formSchema;
      const baseBody = bodySchema ? { ...reader.requiredObject(reader.resolve(bodySchema), fixtures), ...fixtures.bodyFields?.[operation] } : undefined;
      const send = (input: string, u: string, body: unknown, who: Caller = caller) => {
        const c: FuzzCase = { method, operation, url: u, caller: who, input };
        if (formSchema) {
          const fields: Record<string, string> = {};
          const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
          for (const [k, v] of Object.entries(obj)) {
            if (k !== 'file' && v !== undefined) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
          }
          c.form = { fields, file: { field: 'file', name: 'fuzz.csv', content: 'title\nfuzz\n' } };
        } else if (body !== undefined) c.json = body;
        cases.push(c);
      };
      const writes = method !== 'GET' && method !== 'DELETE';

      // anonymous first: an operation that needs credentials must turn a stranger away cleanly
      if (caller !== 'anonymous') {
        send('anonymous', url(path, query), baseBody, 'anonymous');
        send('anonymous, unknown field with NUL', url(path, query), writes ? { ...(baseBody ?? {}), x: 'a\u0000b' } : undefined, 'anonymous');
      }

      for (const name of names) {
        for (const [label, value] of PATH_VALUES) send(`path.${name} = ${label}`, url({ ...path, [name]: value }, query), baseBody);
        send(`path.${name} = NUL after a real value`, url({ ...path, [name]: `${path[name]}%00` }, query), baseBody);
      }

      for (const p of queryParams) {
        const values: [string, string][] = [...QUERY_VALUES, ['seeded', encodeAnything(nastyString(random))]];
        for (const [label, value] of values) send(`query.${p.name} = ${label}`, url(path, { ...query, [p.name]: value }), baseBody);
        const sample = encodeURIComponent(String(reader.sample(p.name, p.schema, fixtures)));
        // the same name twice (an array where a string was expected) and a bracketed name
        send(`query.${p.name} = twice`, url(path, query) + `${Object.keys(query).length ? '&' : '?'}${p.name}=${sample}&${p.name}=${sample}`, baseBody);
        send(`query.${p.name}[a] = 1`, url(path, query) + `${Object.keys(query).length ? '&' : '?'}${p.name}[a]=1`, baseBody);
      }
      if (method === 'GET') send('query: unknown parameter with NUL', url(path, { ...query, zz: 'a%00b' }), undefined);

      if (bodySchema && baseBody) {
        const rootSchema = reader.resolve(bodySchema);
        for (const field of reader.fieldPaths(rootSchema)) {
          const label = field.join('.');
          const values: [string, unknown][] = [...BODY_VALUES, ['seeded', nastyString(random)], ['seeded number', Math.floor((random() - 0.5) * 2 ** 60)]];
          for (const [what, value] of values) send(`body.${label} = ${what}`, url(path, query), reader.withField(rootSchema, baseBody, field, value, fixtures));
        }
      }
      if (writes) {
        // the body as a whole
        for (const [what, value] of [
          ['no body', undefined],
          ['null', null],
          ['array', []],
          ['string', 'fuzz'],
          ['number', 1e308],
          ['nested 40', nested(40)],
          ['unknown field with NUL', { ...(baseBody ?? {}), 'zz\u0000': 'a\u0000b' }],
        ] as [string, unknown][]) {
          // without a body an operation scoped by bodyFields would act on every city
          if (value === undefined && fixtures.bodyFields?.[operation]) continue;
          send(`body = ${what}`, url(path, query), value);
        }
      }
    }
  }
  return cases;
}
