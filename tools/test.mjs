#!/usr/bin/env node
// `npm test`: every test of the repository, in one command.
//  1. unit specs of the libraries (policy, tenancy; web-core before the apps)
//  2. the API: unit specs and integration suites over HTTP on a real PostgreSQL
//     (embedded unless DATABASE_URL is set)
//  3. component specs of the OPAC and the admin console
//  4. browser tests: the built apps in Debian Chromium against a real API
// Prints one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const outDir = path.resolve('tmp/test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const only = process.argv.slice(2);
const suites = [
  { name: 'policy', config: 'libs/policy/jest.config.js' },
  { name: 'tenancy', config: 'libs/tenancy/jest.config.js' },
  { name: 'api', config: 'apps/api/jest.config.js' },
  { name: 'web-core', config: 'libs/web-core/jest.config.js' },
  { name: 'opac', config: 'apps/opac/jest.config.js' },
  { name: 'admin', config: 'apps/admin/jest.config.js' },
  { name: 'e2e', config: 'e2e/jest.config.js', build: ['opac', 'admin'] },
].filter((s) => (only.length ? only.includes(s.name) : true));

let passed = 0;
let failed = 0;
const problems = [];

// Module boundaries first (STYLE.md): a broken boundary fails the run like a failed test.
if (!only.length || only.includes('lint')) {
  console.log('\n=== lint (module boundaries, API module fences, libs/policy purity; tools too)');
  // the boundary rule reads Nx's project graph; on a fresh clone it must be computed first,
  // or the rule silently skips itself
  spawnSync('npx', ['nx', 'show', 'projects'], { stdio: 'ignore', env });
  const lint = spawnSync('npx', ['eslint', 'libs', 'apps', 'e2e', 'tools'], { stdio: 'inherit', env });
  if (lint.status === 0) passed++;
  else {
    failed++;
    problems.push('lint: module boundaries or policy purity broken');
  }
  // tools/ (CLI, benchmarks, demo data) run through SWC, which checks no types: tsc does
  console.log('\n=== typecheck tools (tools/tsconfig.json)');
  const tools = spawnSync('npx', ['tsc', '-p', 'tools/tsconfig.json', '--noEmit'], { stdio: 'inherit', env });
  if (tools.status === 0) passed++;
  else {
    failed++;
    problems.push('tools: typecheck failed');
  }
}
for (const s of suites) {
  if (!existsSync(s.config)) {
    problems.push(`${s.name}: ${s.config} is missing`);
    failed++;
    continue;
  }
  if (s.build) {
    const b = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...s.build, '--outputStyle=static'], { stdio: 'inherit', env });
    if (b.status !== 0) {
      problems.push(`${s.name}: build of ${s.build.join(', ')} failed`);
      failed++;
      continue;
    }
  }
  console.log(`\n=== ${s.name} (${s.config})`);
  const json = path.join(outDir, `${s.name}.json`);
  const r = spawnSync('npx', ['jest', '-c', s.config, '--json', `--outputFile=${json}`], { stdio: 'inherit', env });
  if (existsSync(json)) {
    const res = JSON.parse(readFileSync(json, 'utf8'));
    passed += res.numPassedTests;
    failed += res.numFailedTests + res.numRuntimeErrorTestSuites;
    if (res.numTotalTests === 0) problems.push(`${s.name}: ran no test`);
    if (!res.success) problems.push(`${s.name}: failed`);
  } else {
    failed++;
    problems.push(`${s.name}: jest exited ${r.status} without results`);
  }
}
console.log('');
for (const p of problems) console.log(`✗ ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
