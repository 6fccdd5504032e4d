import type { JsonSchema } from '../../src/engine/openapi/json-schema';

/** What the checks read of the OpenAPI document: its paths' responses and its components. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every `$ref` anywhere in the document (a path to it, and where it points). */
export function refsOf(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(node)) return node.flatMap((x, i) => refsOf(x, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const out: { at: string; ref: string }[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
    else out.push(...refsOf(v, `${at}/${k}`));
  }
  return out;
}

/** Where a `$ref` of the document points, or undefined. */
export function resolveRef(doc: OpenApiDoc, ref: string): JsonSchema | undefined {
  const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return m ? doc.components?.schemas?.[m[1]] : undefined;
}

/** The JSON schema an operation declares for a status, or undefined. */
export function declaredAnswer(doc: OpenApiDoc, path: string, method: string, status: number): JsonSchema | undefined {
  return doc.paths[path]?.[method]?.responses?.[String(status)]?.content?.['application/json']?.schema;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * The ways `value` breaks `schema` (OpenAPI 3.0's subset the contract uses: $ref, type, enum,
 * nullable, properties, required, additionalProperties, items, anyOf, allOf), each as
 * "$.path: what". Empty: it conforms. `extra` also reports fields the schema does not name
 * (the contract says what is sent; a field beyond it is one no client can rely on).
 */
export function schemaErrors(doc: OpenApiDoc, schema: JsonSchema, value: unknown, opts: { extra?: boolean } = {}, at = '$'): string[] {
  if (schema.$ref) {
    const target = resolveRef(doc, schema.$ref);
    if (!target) return [`${at}: ${schema.$ref} does not resolve`];
    return schemaErrors(doc, target, value, opts, at);
  }
  if (value === null && schema.nullable) return [];
  const errors: string[] = [];
  if (schema.allOf) for (const s of schema.allOf) errors.push(...schemaErrors(doc, s, value, opts, at));
  if (schema.anyOf) {
    const tries = schema.anyOf.map((s) => schemaErrors(doc, s, value, opts, at));
    if (!tries.some((e) => e.length === 0)) errors.push(`${at}: matches none of ${tries.length} shapes (${tries.map((e) => e[0]).join(' | ')})`);
  }
  if (schema.enum && !schema.enum.includes(value as string)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  const kind = kindOf(value);
  switch (schema.type) {
    case undefined:
      break;
    case 'integer':
      if (!Number.isInteger(value)) errors.push(`${at}: ${kind} where an integer belongs`);
      break;
    case 'number':
      if (kind !== 'number' || !Number.isFinite(value)) errors.push(`${at}: ${kind} where a number belongs`);
      break;
    case 'string':
    case 'boolean':
      if (kind !== schema.type) errors.push(`${at}: ${kind} where a ${schema.type} belongs`);
      break;
    case 'array':
      if (kind !== 'array') errors.push(`${at}: ${kind} where an array belongs`);
      else if (schema.items) (value as unknown[]).forEach((v, i) => errors.push(...schemaErrors(doc, schema.items!, v, opts, `${at}[${i}]`)));
      break;
    case 'object': {
      if (kind !== 'object') {
        errors.push(`${at}: ${kind} where an object belongs`);
        break;
      }
      const obj = value as Record<string, unknown>;
      for (const name of schema.required ?? []) if (obj[name] === undefined) errors.push(`${at}.${name}: required, missing`);
      for (const [name, v] of Object.entries(obj)) {
        const declared = schema.properties?.[name];
        if (declared) errors.push(...schemaErrors(doc, declared, v, opts, `${at}.${name}`));
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(doc, schema.additionalProperties, v, opts, `${at}.${name}`));
        else if (schema.additionalProperties === false || (opts.extra && !schema.additionalProperties && !schema.anyOf && !schema.allOf)) errors.push(`${at}.${name}: not in the schema`);
      }
      break;
    }
  }
  return errors;
}
