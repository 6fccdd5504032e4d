import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { EmailWarnings } from '@shiori/policy';
import { defineErrors, errorSpec } from './domain-error';

/** Every source file of the API that declares codes (modules' `*.errors.ts`, the engine's, the policy library's). */
function errorFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return errorFiles(full);
    if (!name.endsWith('.ts') || name.endsWith('.spec.ts') || name === 'domain-error.ts') return [];
    return readFileSync(full, 'utf8').includes('defineErrors(') ? [full] : [];
  });
}

/** The codes the admin, the OPAC and their shared library test a problem for (`code === 'X'`, `code: 'X'`). */
function codesTheAppsRead(): Map<string, string> {
  const root = path.resolve(__dirname, '../../../../..');
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/\bcode\)?\s*(?:[!=]==|:)\s*'([A-Z][A-Z0-9_]{2,})'/g)) found.set(m[1], path.relative(root, full));
      }
    }
  };
  for (const dir of ['apps/admin/src', 'apps/opac/src', 'libs/web-core/src']) walk(path.join(root, dir));
  return found;
}

describe('domain error codes', () => {
  it('each code has one owner: every module’s codes load together without a clash', () => {
    const src = path.resolve(__dirname, '../..');
    const files = errorFiles(src);
    expect(files).toContain(path.join(__dirname, 'policy-codes.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(() => require(f)).not.toThrow();
    // the catalogue owns "no such copy": its message is the one answered
    expect(errorSpec('ITEM_NOT_FOUND')?.ja).toBe('その資料番号（バーコード）の所蔵はありません。');
  });

  it('every code the apps act on is one the API declares (renaming a code breaks this, not a screen)', () => {
    const src = path.resolve(__dirname, '../..');
    const notices: string[] = [];
    for (const f of errorFiles(src)) notices.push(...Object.keys(require(f).CheckinNotices ?? {}));
    const read = codesTheAppsRead();
    expect(read.size).toBeGreaterThan(10);
    // besides problem codes: the warnings the policy library words (e-mail) and the desk's check-in notices
    const other = new Set<string>([...Object.values(EmailWarnings), ...notices]);
    const unknown = [...read].filter(([code]) => !errorSpec(code) && !other.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown).toEqual([]);
  });

  it('a second declaration of a code fails at once, naming the code', () => {
    defineErrors({ SPEC_ONLY_CODE: { status: 400, ja: 'テスト', en: 'test' } });
    expect(() => defineErrors({ SPEC_ONLY_CODE: { status: 409, ja: '別の文', en: 'other text' } })).toThrow(/SPEC_ONLY_CODE is declared twice/);
    expect(errorSpec('SPEC_ONLY_CODE')?.status).toBe(400);
  });
});
