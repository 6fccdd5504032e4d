import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
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

  it('a second declaration of a code fails at once, naming the code', () => {
    defineErrors({ SPEC_ONLY_CODE: { status: 400, ja: 'テスト', en: 'test' } });
    expect(() => defineErrors({ SPEC_ONLY_CODE: { status: 409, ja: '別の文', en: 'other text' } })).toThrow(/SPEC_ONLY_CODE is declared twice/);
    expect(errorSpec('SPEC_ONLY_CODE')?.status).toBe(400);
  });
});
