import 'reflect-metadata';
import { Get, HttpCode, Post } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { addContractSchemas, ApiAnswer, CONTRACT_SCHEMAS, ContractName, documentAnswers } from './api-answer';

const MODULES = path.join(__dirname, '..', '..', 'modules');
/** Where @nestjs/swagger keeps a method's responses (its DECORATORS.API_RESPONSE, not exported). */
const API_RESPONSE = 'swagger/apiResponse';
const ROUTES = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All']);

/** `'X'` or `['X']` as written in `@ApiAnswer(…)`, or what a route's return type says it should be. */
function shapeOfAnswer(d: ts.Decorator): string | undefined {
  const call = d.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'ApiAnswer') return undefined;
  const arg = call.arguments[0];
  if (arg && ts.isStringLiteral(arg)) return arg.text;
  if (arg && ts.isArrayLiteralExpression(arg) && arg.elements.length === 1 && ts.isStringLiteral(arg.elements[0])) return `[${arg.elements[0].text}]`;
  return '(not a literal)';
}

/**
 * The routes of one controller file whose answer and `@ApiAnswer` disagree: a method returning a
 * type of libs/contracts (`Promise<HoldView>`, `Promise<HoldView[]>`) must say it with
 * `@ApiAnswer('HoldView')` / `@ApiAnswer(['HoldView'])`; a contract type inside another shape
 * must get a name in libs/contracts first.
 */
function answerProblems(file: string, text: string): { problems: string[]; checked: number } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const contract = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === '@shiori/contracts') {
      const named = st.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) for (const e of named.elements) contract.add(e.name.text);
    }
  }
  const problems: string[] = [];
  let checked = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) {
      for (const m of node.members) {
        if (!ts.isMethodDeclaration(m)) continue;
        const decorators = ts.getDecorators(m) ?? [];
        const isRoute = decorators.some((d) => ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) && ROUTES.has(d.expression.expression.text));
        if (!isRoute) continue;
        const where = `${path.basename(file)} ${node.name?.text}.${m.name.getText(sf)}`;
        const said = decorators.map(shapeOfAnswer).find((s) => s !== undefined);
        let inner = m.type;
        if (inner && ts.isTypeReferenceNode(inner) && inner.typeName.getText(sf) === 'Promise' && inner.typeArguments?.length === 1) inner = inner.typeArguments[0];
        // JsonText<X>: the answer is X as JSON text made by PostgreSQL (engine/database/sql.ts), sent as it is
        if (inner && ts.isTypeReferenceNode(inner) && inner.typeName.getText(sf) === 'JsonText' && inner.typeArguments?.length === 1) inner = inner.typeArguments[0];
        let expected: string | undefined;
        if (inner && ts.isTypeReferenceNode(inner) && !inner.typeArguments && contract.has(inner.typeName.getText(sf))) expected = inner.typeName.getText(sf);
        else if (inner && ts.isArrayTypeNode(inner) && ts.isTypeReferenceNode(inner.elementType) && !inner.elementType.typeArguments && contract.has(inner.elementType.typeName.getText(sf))) {
          expected = `[${inner.elementType.typeName.getText(sf)}]`;
        } else if (m.type && [...contract].some((n) => new RegExp(`\\b${n}\\b`).test(m.type!.getText(sf)))) {
          problems.push(`${where}: returns ${m.type.getText(sf)}: name that shape in libs/contracts, return it and add @ApiAnswer`);
          continue;
        }
        if (expected === undefined && said === undefined) continue;
        checked++;
        if (said !== expected) problems.push(`${where}: returns ${m.type?.getText(sf) ?? '(no type)'} but says @ApiAnswer(${said ?? 'missing'}); expected @ApiAnswer(${expected ? `'${expected}'`.replace(/^'\[(.*)\]'$/, "['$1']") : 'none'})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { problems, checked };
}

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return controllerFiles(full);
    return e.name.endsWith('.controller.ts') ? [full] : [];
  });
}

describe('@ApiAnswer: the answer of a route as a type of libs/contracts', () => {
  it('refuses a name libs/contracts has no schema for, when the controller is loaded', () => {
    expect(() => ApiAnswer('HoldVeiw' as ContractName)).toThrow(/HoldVeiw.*npm run contracts:schemas/);
    expect(() => ApiAnswer(['NoSuchView' as ContractName])).toThrow(/NoSuchView/);
    expect(() => ApiAnswer('HoldView')).not.toThrow();
  });

  it('documents the status the route answers, whatever the decorators’ order', () => {
    class Probe {
      @Get('a') @ApiAnswer(['HoldView'])
      list() {}
      @ApiAnswer('CheckoutResult') @Post('b')
      create() {}
      @Post('c') @ApiAnswer('CheckinResult') @HttpCode(200)
      scan() {}
    }
    documentAnswers();
    documentAnswers(); // a second app in the same process documents nothing twice
    const responses = (m: keyof Probe) => Reflect.getMetadata(API_RESPONSE, Probe.prototype[m]);
    expect(responses('list')).toEqual({ 200: expect.objectContaining({ schema: { type: 'array', items: { $ref: '#/components/schemas/HoldView' } }, description: 'a list of HoldView' }) });
    expect(responses('create')).toEqual({ 201: expect.objectContaining({ schema: { $ref: '#/components/schemas/CheckoutResult' }, description: 'CheckoutResult' }) });
    expect(responses('scan')).toEqual({ 200: expect.objectContaining({ schema: { $ref: '#/components/schemas/CheckinResult' } }) });
  });

  it('adds the schemas to the document’s components, and refuses a DTO of the same name', () => {
    const doc = addContractSchemas({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { CheckoutDto: { type: 'object' } } } });
    expect(doc.components!.schemas!['HoldView']).toBe(CONTRACT_SCHEMAS['HoldView']);
    expect(doc.components!.schemas!['CheckoutDto']).toEqual({ type: 'object' });
    expect(() => addContractSchemas({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { HoldView: { type: 'object' } } } })).toThrow(/HoldView/);
  });

  it('is on every route that returns a type of libs/contracts, and says that type', () => {
    const files = controllerFiles(MODULES);
    const results = files.map((f) => answerProblems(f, readFileSync(f, 'utf8')));
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    // the holds, loans, ILL and patrons routes at least
    expect(results.reduce((n, r) => n + r.checked, 0)).toBeGreaterThanOrEqual(50);
  });

  it('the check names a route that forgot it, says the wrong shape, or returns a contract type inside another shape', () => {
    const text = `import type { HoldView, LoanView } from '@shiori/contracts';
class C {
  @Get() list(): Promise<HoldView[]> { return null!; }
  @Get(':id') @ApiAnswer(['LoanView']) one(): Promise<LoanView> { return null!; }
  @Post() wrapped(): Promise<{ hold: HoldView }> { return null!; }
  @Get('ok') @ApiAnswer(['HoldView']) ok(): Promise<HoldView[]> { return null!; }
  helper(): HoldView { return null!; }
}`;
    expect(answerProblems('x.controller.ts', text)).toEqual({
      problems: [
        "x.controller.ts C.list: returns Promise<HoldView[]> but says @ApiAnswer(missing); expected @ApiAnswer(['HoldView'])",
        "x.controller.ts C.one: returns Promise<LoanView> but says @ApiAnswer([LoanView]); expected @ApiAnswer('LoanView')",
        'x.controller.ts C.wrapped: returns Promise<{ hold: HoldView }>: name that shape in libs/contracts, return it and add @ApiAnswer',
      ],
      checked: 3,
    });
  });
});
