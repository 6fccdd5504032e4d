import { RuleTester } from 'eslint';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import tseslint from 'typescript-eslint';

// the lint rules of eslint.config.mjs (apps/api/lint/module-fences.cjs): modules meet only at their index.ts, without cycles
const fences = require('../../lint/module-fences.cjs') as {
  rules: Record<string, import('eslint').Rule.RuleModule>;
  moduleGraph(dir?: string): Map<string, Set<string>>;
  pathBetween(graph: Map<string, Set<string>>, start: string, goal: string): string[] | null;
  MODULES: string;
};
const inModule = (p: string) => path.join(fences.MODULES, p);

describe('fences/front-door', () => {
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  tester.run('front-door', fences.rules['front-door'], {
    valid: [
      { filename: inModule('circulation/services/checkin.service.ts'), code: `import { AllocationService } from '../../holds';` },
      { filename: inModule('circulation/services/checkin.service.ts'), code: `import { HoldsErrors } from '../../holds/index';` },
      { filename: inModule('circulation/services/checkin.service.ts'), code: `import { LoanView } from '../loans.types';` },
      { filename: inModule('circulation/services/checkin.service.ts'), code: `import { DomainError } from '../../../engine/errors/domain-error';` },
      { filename: path.join(fences.MODULES, '../app.module.ts'), code: `import { HoldsModule } from './modules/holds';` },
      { filename: path.join(fences.MODULES, '../engine/clock.ts'), code: `import { x } from '@shiori/policy';` },
    ],
    invalid: [
      {
        filename: inModule('circulation/services/checkin.service.ts'),
        code: `import { AllocationService } from '../../holds/services/allocation.service';`,
        errors: [{ messageId: 'deep' }],
      },
      { filename: inModule('interop/sru/sru.service.ts'), code: `export { SearchService } from '../../catalog/search/search.service';`, errors: [{ messageId: 'deep' }] },
      { filename: path.join(fences.MODULES, '../startup.ts'), code: `import { MailSender } from './modules/notices/mail-sender.service';`, errors: [{ messageId: 'deep' }] },
      { filename: inModule('holds/services/holds.service.ts'), code: `import { HoldsErrors } from '..';`, errors: [{ messageId: 'own-index' }] },
      { filename: path.join(fences.MODULES, '../engine/jobs/x.ts'), code: `import { HoldsModule } from '../../modules/holds';`, errors: [{ messageId: 'engine' }] },
    ],
  });
});

describe('fences/no-cycle', () => {
  it('finds the way back that makes a cycle', () => {
    const graph = new Map([
      ['circulation', new Set(['holds', 'catalog'])],
      ['holds', new Set(['patrons', 'circulation'])],
      ['patrons', new Set<string>()],
    ]);
    expect(fences.pathBetween(graph, 'holds', 'circulation')).toEqual(['holds', 'circulation']);
    expect(fences.pathBetween(graph, 'circulation', 'patrons')).toEqual(['circulation', 'holds', 'patrons']);
    expect(fences.pathBetween(graph, 'patrons', 'holds')).toBeNull();
  });

  it('the API’s modules today: each has a front door, and none imports a module that imports it back', () => {
    const names = readdirSync(fences.MODULES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['holds', 'circulation', 'catalog', 'policy', 'places']));
    for (const name of names) expect([name, existsSync(path.join(fences.MODULES, name, 'index.ts'))]).toEqual([name, true]);
    const graph = fences.moduleGraph();
    expect([...(graph.get('circulation') ?? [])]).toContain('holds');
    // the city's places stand on its policy, never the reverse (issue 23)
    expect([...(graph.get('places') ?? [])]).toContain('policy');
    expect([...(graph.get('policy') ?? [])]).toEqual([]);
    const cycles = [...graph].flatMap(([from, tos]) => [...tos].map((to) => fences.pathBetween(graph, to, from)).filter((p) => p).map((p) => [from, ...p!].join(' → ')));
    expect(cycles).toEqual([]);
  });
});
