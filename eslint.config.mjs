// Lint = module boundaries (STYLE.md): apps depend on libs, libs never on apps, only the
// Angular apps use libs/web-core (scope:web), and libs/policy depends on nothing but the
// standard library and zod, libs/contracts (the HTTP response types) on nothing but policy's types.
// Tags live in project.json. And SQL keeps to what Citus can route.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import citus from './apps/api/lint/citus-sql.cjs';
import fences from './apps/api/lint/module-fences.cjs';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.angular', 'tmp', '.nx', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:opac', onlyDependOnLibsWithTags: ['scope:opac', 'scope:web', 'scope:shared'] },
            { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:admin', 'scope:web', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:data-access'] },
          ],
        },
      ],
    },
  },
  {
    // SQL that Citus can route to the worker holding a city (docs/scaling.md, apps/api/lint/citus-sql.cjs)
    // (the integration suites too: they run on the Citus cluster as well)
    files: ['apps/api/src/**/*.ts', 'apps/api/test/**/*.ts', 'libs/tenancy/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { citus },
    rules: { 'citus/routable-sql': 'error' },
  },
  {
    // the API's modules meet only at their front doors (index.ts), without cycles (apps/api/lint/module-fences.cjs)
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { fences },
    rules: { 'fences/front-door': 'error', 'fences/no-cycle': 'error' },
  },
  {
    // the policy library imports no framework: only the standard library and its validation library
    files: ['libs/policy/**/*.ts'],
    ignores: ['libs/policy/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'express', 'rxjs', 'node:*', 'fs', 'path'], message: 'libs/policy is pure: no framework or I/O imports.' }] },
      ],
    },
  },
  {
    // the HTTP contract is types only, shared by the API and both apps: no framework, no run-time code
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', '@angular/*', 'typeorm', 'pg', 'express', 'rxjs', 'zod', 'node:*', 'fs', 'path', '@shiori/tenancy', '@shiori/web-core'], message: 'libs/contracts holds the response types only: no framework or run-time imports (types of @shiori/policy are fine).' }] },
      ],
    },
  },
];
