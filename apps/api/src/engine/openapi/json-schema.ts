/**
 * The part of OpenAPI 3.0's Schema Object the contract's schemas use (written by
 * `tools/contracts/openapi-schemas.ts` from `libs/contracts`, read by `api-answer.ts`).
 * `nullable` is 3.0's way of saying `| null`; a `$ref` with something beside it is wrapped in
 * `allOf` (3.0 ignores a `$ref`'s siblings).
 */
export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  format?: string;
  enum?: (string | number | boolean | null)[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** The generated file: the schemas by the contract's type names, and how to regenerate them. */
export interface ContractSchemaFile {
  generatedBy: string;
  schemas: Record<string, JsonSchema>;
}

export const SCHEMA_REF_PREFIX = '#/components/schemas/';
