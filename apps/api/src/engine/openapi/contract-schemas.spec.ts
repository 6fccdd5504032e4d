import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the generator (a developer's tool, not the API's) regenerates in memory
import { CONTRACT_SCHEMAS_FILE, generateContractSchemas, REGENERATE_COMMAND, renderContractSchemas } from '../../../../../tools/contracts/openapi-schemas';
import type { JsonSchema } from './json-schema';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('contract-schemas.json: libs/contracts as OpenAPI schemas (tools/contracts/openapi-schemas.ts)', () => {
  let schemas: Record<string, JsonSchema>;
  beforeAll(() => {
    schemas = generateContractSchemas();
  });

  it('is what the contract says now (regenerated in memory and compared)', () => {
    const committed = readFileSync(CONTRACT_SCHEMAS_FILE, 'utf8');
    if (committed !== renderContractSchemas(schemas)) {
      throw new Error(`${path.basename(CONTRACT_SCHEMAS_FILE)} is stale: libs/contracts changed since it was generated. Run \`${REGENERATE_COMMAND}\` and commit the file.`);
    }
  });

  it('has a schema for every exported type, none for a generic one (its named uses instead)', () => {
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['HoldView', 'LoanView', 'CheckoutResult', 'CheckinNoticeCode', 'LibraryMessage', 'IllCheckinAnswer', 'IllRequestPage', 'StaffPatronView']));
    expect(schemas['IllPage']).toBeUndefined();
    expect(schemas['IllRequestPage']).toMatchObject({ type: 'object', required: ['total', 'page', 'size', 'items'], properties: { items: { type: 'array', items: ref('IllRequestView') } } });
  });

  it('requires the fields not marked optional; `| null` is nullable; doc comments are descriptions', () => {
    const hold = schemas['HoldView'];
    expect(hold.required).toEqual(expect.arrayContaining(['id', 'queuePosition', 'volume', 'cancellable', 'policyVersion']));
    expect(hold.required).not.toContain('readyAt');
    expect(hold.required).not.toContain('expiresAt');
    expect(hold.properties!['queuePosition']).toEqual({ type: 'number', nullable: true, description: 'Place in the queue while waiting without a copy; null otherwise.' });
    expect(hold.properties!['placedVia']).toEqual({ type: 'string', enum: ['web', 'counter', 'request'] });
    expect(hold.properties!['statusLabel']).toEqual({ type: 'object', properties: { ja: { type: 'string' }, en: { type: 'string' } }, required: ['ja', 'en'] });
    expect(hold.description).toMatch(/^A hold as its patron sees it/);
    // a nested exported type is a $ref; nullable or described through allOf (3.0 ignores a $ref's siblings)
    expect(schemas['TransitReceipt'].properties!['trappedHold']).toEqual({ allOf: [ref('TrappedHold')], nullable: true });
    expect(schemas['HoldView'].properties!['pickupStop']).toEqual({ allOf: [ref('PickupStop')], description: 'A ready hold for a bookmobile station: the visit it is handed out at first.' });
    expect(schemas['PatronSummary'].properties!['messages']).toEqual({ type: 'array', items: ref('LibraryMessage') });
  });

  it('flattens what an interface extends, and writes other unions as anyOf', () => {
    const staff = schemas['StaffHoldView'];
    expect(staff.required).toEqual(expect.arrayContaining(['id', 'title', 'placedBy', 'limitOverride']));
    expect(schemas['CheckoutResult'].properties!['cardExpired']).toMatchObject({ type: 'boolean', enum: [true] });
    expect(schemas['CheckinNoticeCode']).toMatchObject({ type: 'string', enum: ['ALREADY_CHECKED_IN'] });
    expect(schemas['IllCheckinAnswer'].anyOf).toHaveLength(3);
    expect(schemas['IllCheckinAnswer'].anyOf![0]).toMatchObject({ properties: { action: { type: 'string', enum: ['arrived', 'returned'] }, request: ref('IllRequestView') } });
    expect(schemas['LibraryMessage'].anyOf).toEqual([{ type: 'string' }, expect.objectContaining({ type: 'object' })]);
    expect(schemas['LibraryMessage'].anyOf![1].required).toBeUndefined();
  });

  describe('on a contract of its own', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'contract-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes arrays, index signatures, booleans, nullable unions and refs between the file’s types', () => {
      const index = path.join(dir, 'index.ts');
      writeFileSync(
        index,
        `/** A shelf. */
export interface Shelf { code: string; books: Book[]; counts: Record<string, number>; lastBook?: Book | null; open: boolean | null; kind: Kind; mode?: Kind }
export interface Book { title: string; pages?: number }
export type Kind = 'open' | 'closed';
export type Wrapper<T> = { value: T };
export type BookBox = Wrapper<Book>;
`,
      );
      expect(generateContractSchemas(index)).toEqual({
        Book: { type: 'object', properties: { title: { type: 'string' }, pages: { type: 'number' } }, required: ['title'] },
        BookBox: { type: 'object', properties: { value: ref('Book') }, required: ['value'] },
        Kind: { type: 'string', enum: ['open', 'closed'] },
        Shelf: {
          type: 'object',
          description: 'A shelf.',
          properties: {
            code: { type: 'string' },
            books: { type: 'array', items: ref('Book') },
            counts: { type: 'object', properties: {}, additionalProperties: { type: 'number' } },
            lastBook: { allOf: [ref('Book')], nullable: true },
            open: { type: 'boolean', nullable: true },
            kind: ref('Kind'),
            mode: ref('Kind'),
          },
          required: ['code', 'books', 'counts', 'open', 'kind'],
        },
      });
    });

    it('stops at a type JSON cannot carry, naming it', () => {
      const index = path.join(dir, 'bad.ts');
      writeFileSync(index, `export interface Hook { name: string; run: () => void }\n`);
      expect(() => generateContractSchemas(index)).toThrow(/run/);
    });
  });
});
