import { HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import generated from './contract-schemas.json';
import { ContractSchemaFile, JsonSchema, SCHEMA_REF_PREFIX } from './json-schema';

/**
 * The OpenAPI schemas of `libs/contracts`, generated from its TypeScript by
 * `npm run contracts:schemas` (tools/contracts/openapi-schemas.ts) into `contract-schemas.json`:
 * the API never reads TypeScript at run time.
 */
export const CONTRACT_SCHEMAS: Readonly<Record<string, JsonSchema>> = (generated as unknown as ContractSchemaFile).schemas;

/** A type name of `libs/contracts` that has a schema (a misspelt name does not compile). */
export type ContractName = keyof typeof generated.schemas;

interface Answer {
  target: object;
  key: string | symbol;
  descriptor: PropertyDescriptor;
  schema: JsonSchema;
  description: string;
  documented?: boolean;
}
const answers: Answer[] = [];

/**
 * What the operation answers on success, as a type of `libs/contracts`: `@ApiAnswer('HoldView')`,
 * a list `@ApiAnswer(['HoldView'])`. The response is documented at the status the route answers
 * (its `@HttpCode`, else 201 for POST and 200 otherwise), whatever the decorators' order, with a
 * `$ref` to the contract's schema in the document's components. A name without a schema throws
 * when the controller is loaded, so the API does not start (and `api-answer.spec.ts` fails).
 */
export function ApiAnswer(shape: ContractName | [ContractName], description?: string): MethodDecorator {
  const list = Array.isArray(shape);
  const name: string = list ? shape[0] : shape;
  if (list && (shape as string[]).length !== 1) throw new Error(`@ApiAnswer([${(shape as string[]).join(', ')}]): a list is one type, [Name]`);
  if (!Object.prototype.hasOwnProperty.call(CONTRACT_SCHEMAS, name)) {
    throw new Error(`@ApiAnswer('${name}'): libs/contracts has no schema of that name (export the type from libs/contracts/src/index.ts, then run npm run contracts:schemas)`);
  }
  const ref: JsonSchema = { $ref: SCHEMA_REF_PREFIX + name };
  return (target, key, descriptor) => {
    answers.push({ target, key, descriptor, schema: list ? { type: 'array', items: ref } : ref, description: description ?? (list ? `a list of ${name}` : name) });
  };
}

/** The route's success status as Nest answers it: `@HttpCode`, else 201 for POST, else 200. */
function successStatus(handler: object): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (code) return code;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

/** Before `SwaggerModule.createDocument`: each `@ApiAnswer` becomes its operation's success response (once). */
export function documentAnswers(): void {
  for (const a of answers) {
    if (a.documented) continue;
    a.documented = true;
    const status = successStatus(a.descriptor.value as object);
    ApiResponse({ status, description: a.description, schema: a.schema as never })(a.target, a.key, a.descriptor);
  }
}

/** After `createDocument`: the contract's schemas join the document's components (a clash with a DTO's name throws). */
export function addContractSchemas(doc: OpenAPIObject): OpenAPIObject {
  const components = (doc.components ??= {});
  const schemas = (components.schemas ??= {});
  for (const [name, schema] of Object.entries(CONTRACT_SCHEMAS)) {
    if (schemas[name]) throw new Error(`OpenAPI: ${name} is both a class of the API (a DTO) and a type of libs/contracts: rename one`);
    schemas[name] = schema as never;
  }
  return doc;
}
