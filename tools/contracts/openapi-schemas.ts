// `npm run contracts:schemas`: the OpenAPI (JSON Schema) twin of libs/contracts, written to
// apps/api/src/engine/openapi/contract-schemas.json, which the API adds to its OpenAPI
// document's components (its `@ApiAnswer('HoldView')` responses point at them). The contract's
// TypeScript stays the single source: this reads it with the compiler's type checker, and the
// spec `apps/api/src/engine/openapi/contract-schemas.spec.ts` fails while the committed file is
// stale. The running API never reads TypeScript: it imports the JSON.
//
// Every exported type of libs/contracts/src/index.ts becomes a schema named as the type:
// interfaces (with what they extend, flattened) and type aliases; `?` leaves a field out of
// `required`; `| null` is `nullable`; unions of string literals are `enum`s, other unions `anyOf`;
// arrays, nested objects, index signatures (`additionalProperties`); another exported type is a
// `$ref`; doc comments are `description`s. A generic type is not a schema: name each use of it
// (`export type IllRequestPage = IllPage<IllRequestView>`). A type JSON cannot carry (a function,
// a symbol) stops the generator with the type's name.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { ContractSchemaFile, JsonSchema } from '../../apps/api/src/engine/openapi/json-schema';

const ROOT = path.resolve(__dirname, '..', '..');
export const CONTRACTS_INDEX = path.join(ROOT, 'libs/contracts/src/index.ts');
export const CONTRACT_SCHEMAS_FILE = path.join(ROOT, 'apps/api/src/engine/openapi/contract-schemas.json');
export const REGENERATE_COMMAND = 'npm run contracts:schemas';
const REF = '#/components/schemas/';

function compilerOptions(): ts.CompilerOptions {
  const base = path.join(ROOT, 'tsconfig.base.json');
  const read = ts.readConfigFile(base, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, base);
  // only what the contract needs: no DOM, no @types packages, nothing written (and no rootDir,
  // so that the generator's spec may read a contract of its own from a temporary directory)
  const { rootDir: _rootDir, ...rest } = options;
  return { ...rest, noEmit: true, types: [], lib: ['lib.es2023.d.ts'] };
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  return text || undefined;
}

/** A schema with a description beside it (beside a `$ref`, through `allOf`: 3.0 ignores a `$ref`'s siblings). */
function described(schema: JsonSchema, description: string | undefined): JsonSchema {
  if (!description) return schema;
  if (schema.$ref) return { allOf: [schema], description };
  return { ...schema, description };
}

function withNull(schema: JsonSchema): JsonSchema {
  if (schema.$ref) return { allOf: [schema], nullable: true };
  if (schema.enum) return { ...schema, enum: [...schema.enum, null], nullable: true };
  return { ...schema, nullable: true };
}

class Converter {
  private readonly open = new Set<ts.Type>();

  constructor(
    private readonly checker: ts.TypeChecker,
    /** The exported, non-generic types: the components a `$ref` may point at. */
    private readonly components: Map<ts.Symbol, string>,
  ) {}

  declaration(symbol: ts.Symbol): JsonSchema {
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    return described(this.schema(type, true), docOf(symbol, this.checker));
  }

  private refName(type: ts.Type): string | undefined {
    if (type.aliasSymbol && !type.aliasTypeArguments?.length) {
      const name = this.components.get(type.aliasSymbol);
      if (name) return name;
    }
    const symbol = type.getSymbol();
    // an interface itself, not an instantiation of a generic one (IllPage<IllRequestView>)
    if (symbol && symbol.flags & ts.SymbolFlags.Interface && !(type.flags & ts.TypeFlags.Union)) {
      const args = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? this.checker.getTypeArguments(type as ts.TypeReference) : [];
      if (!args.length) return this.components.get(symbol);
    }
    return undefined;
  }

  schema(type: ts.Type, top = false): JsonSchema {
    if (!top) {
      const ref = this.refName(type);
      if (ref) return { $ref: REF + ref };
    }
    const f = type.flags;
    const c = this.checker;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Union) return this.union(type as ts.UnionType);
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [c.typeToString(type) === 'true'] };
    if (f & ts.TypeFlags.Null) return { enum: [null], nullable: true };
    if (c.isArrayType(type)) return { type: 'array', items: this.schema(c.getTypeArguments(type as ts.TypeReference)[0]) };
    if (c.isTupleType(type)) {
      const elements = c.getTypeArguments(type as ts.TypeReference).map((t) => this.schema(t));
      return { type: 'array', items: elements.length === 1 ? elements[0] : { anyOf: elements }, minItems: elements.length, maxItems: elements.length };
    }
    if (type.getSymbol()?.getName() === 'Date' && !this.components.has(type.getSymbol()!)) return { type: 'string', format: 'date-time' };
    if (f & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) return this.object(type);
    throw new Error(`libs/contracts: ${c.typeToString(type)} cannot be written as JSON Schema`);
  }

  private union(type: ts.UnionType): JsonSchema {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    let rest = members.filter((t) => !(t.flags & ts.TypeFlags.Null));
    const parts: JsonSchema[] = [];
    // `boolean` is `true | false` inside a union
    const bools = rest.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    if (bools.length === 2) {
      parts.push({ type: 'boolean' });
      rest = rest.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    }
    const strings = rest.filter((t) => t.flags & ts.TypeFlags.StringLiteral) as ts.StringLiteralType[];
    if (strings.length) parts.push({ type: 'string', enum: strings.map((t) => t.value) });
    const numbers = rest.filter((t) => t.flags & ts.TypeFlags.NumberLiteral) as ts.NumberLiteralType[];
    if (numbers.length) parts.push({ type: 'number', enum: numbers.map((t) => t.value) });
    for (const t of rest) if (!(t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLiteral))) parts.push(this.schema(t));
    // a plain `string` makes its literals redundant
    const merged = parts.some((p) => p.type === 'string' && !p.enum) ? parts.filter((p) => !(p.type === 'string' && p.enum)) : parts;
    if (!merged.length) return { enum: [null], nullable: true };
    const one = merged.length === 1 ? merged[0] : { anyOf: merged };
    return nullable ? withNull(one) : one;
  }

  private object(type: ts.Type): JsonSchema {
    const c = this.checker;
    if (this.open.has(type)) throw new Error(`libs/contracts: ${c.typeToString(type)} refers to itself without a name: export it (a $ref)`);
    this.open.add(type);
    try {
      if (type.getCallSignatures().length) throw new Error(`libs/contracts: ${c.typeToString(type)} is a function: not JSON`);
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const p of c.getPropertiesOfType(type)) {
        if (p.flags & ts.SymbolFlags.Method) throw new Error(`libs/contracts: ${c.typeToString(type)}.${p.getName()} is a method: not JSON`);
        // the type as written (an optional `Kind` stays a $ref to Kind, not `Kind | undefined`),
        // unless the property comes out of a generic or mapped type (then the instantiated one)
        const decl = p.valueDeclaration;
        const written = !(p.flags & ts.SymbolFlags.Transient) && decl && ts.isPropertySignature(decl) && decl.type;
        const pt = written ? c.getTypeFromTypeNode(written) : c.getTypeOfSymbol(p);
        if (pt.getCallSignatures().length) throw new Error(`libs/contracts: ${c.typeToString(type)}.${p.getName()} is a function: not JSON`);
        properties[p.getName()] = described(this.schema(pt), docOf(p, c));
        const mayBeAbsent = p.flags & ts.SymbolFlags.Optional || (pt.flags & ts.TypeFlags.Union && (pt as ts.UnionType).types.some((t) => t.flags & ts.TypeFlags.Undefined));
        if (!mayBeAbsent) required.push(p.getName());
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length) out.required = required;
      const index = c.getIndexInfosOfType(type).find((i) => i.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
      if (index) out.additionalProperties = this.schema(index.type);
      return out;
    } finally {
      this.open.delete(type);
    }
  }
}

/** The JSON Schema of every exported (non-generic) type of the contract, by name, sorted. */
export function generateContractSchemas(index = CONTRACTS_INDEX): Record<string, JsonSchema> {
  const program = ts.createProgram([index], compilerOptions());
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  if (!source) throw new Error(`${index} not found`);
  const errors = ts.getPreEmitDiagnostics(program, source);
  if (errors.length) throw new Error(`${index} does not compile:\n${ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' })}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${index} exports nothing`);
  const components = new Map<ts.Symbol, string>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    const generic = symbol.declarations?.some((d) => (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)) && d.typeParameters?.length);
    if (!generic) components.set(symbol, exported.getName());
  }
  const converter = new Converter(checker, components);
  const out: Record<string, JsonSchema> = {};
  for (const [symbol, name] of [...components].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) out[name] = converter.declaration(symbol);
  return out;
}

/** The file's text, exactly as committed. */
export function renderContractSchemas(schemas: Record<string, JsonSchema> = generateContractSchemas()): string {
  const file: ContractSchemaFile = {
    generatedBy: `${REGENERATE_COMMAND} (tools/contracts/openapi-schemas.ts) from libs/contracts/src: do not edit`,
    schemas,
  };
  return JSON.stringify(file, null, 2) + '\n';
}

if (require.main === module) {
  const text = renderContractSchemas();
  writeFileSync(CONTRACT_SCHEMAS_FILE, text);
  const count = Object.keys((JSON.parse(text) as ContractSchemaFile).schemas).length;
  console.log(`${path.relative(ROOT, CONTRACT_SCHEMAS_FILE)}: ${count} schemas from ${path.relative(ROOT, CONTRACTS_INDEX)}`);
}
