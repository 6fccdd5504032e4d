import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * libs/policy is shared by the API and both browsers, so it may import nothing but the
 * standard library's globals and zod, and its decisions may not read the clock
 * (DESIGN.md "Policy"; the brief for this library). This scans the library's own sources.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('library purity', () => {
  const files = sources(__dirname);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(__dirname, f), f]))('%s imports only zod and its own modules', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const s of specifiers) expect(s === 'zod' || s.startsWith('./') || s.startsWith('../')).toBe(true);
  });

  it.each(files.map((f) => [relative(__dirname, f), f]))('%s reads no clock, randomness or environment', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/Date\.now\(|new Date\(\s*\)|Math\.random\(|process\.env|require\(/);
  });
});
