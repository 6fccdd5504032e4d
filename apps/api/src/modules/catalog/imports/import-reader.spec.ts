import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledReader, ImportReader, ImportReaderFailed, workerBootstrap } from './import-reader';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/marc');

describe('ImportReader (the worker thread that reads an import)', () => {
  it('answers the total, then every entry in file order in batches, then null', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'pymarc/bad_records.mrc'));
    const reader = new ImportReader(bytes, 'iso2709');
    try {
      expect(await reader.total()).toBe(8);
      const indexes: number[] = [];
      for (let b = await reader.next(); b; b = await reader.next()) indexes.push(...b.entries.map((e) => e.index));
      expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await reader.stop();
    }
  });
});

describe('a reader stopped before its thread has started (the import ended while its modules compiled)', () => {
  it('starts no thread and fails what waits on it instead of hanging', async () => {
    const reader = new ImportReader(fs.readFileSync(path.join(FIXTURES, 'pymarc/marc.dat')), 'iso2709');
    const waiting = reader.total();
    await reader.stop();
    await expect(waiting).rejects.toBeInstanceOf(ImportReaderFailed);
    await expect(reader.next()).rejects.toBeInstanceOf(ImportReaderFailed);
  });
});

describe('the reader thread\'s loader', () => {
  it('compiles what the worker requires, relative imports and tsconfig path aliases alike, and runs it in a thread', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-loader-'));
    try {
      const write = (f: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      };
      write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: { '@fixture/lib': ['lib/src/index.ts'] } } }));
      write('lib/src/index.ts', `export { twice } from './twice';\n`);
      write('lib/src/twice.ts', `export const twice = (n: number): number => 2 * n;\n`);
      write('app/types.ts', `export interface Shape { n: number }\n`);
      write('app/sub/index.ts', `export const three = 3;\n`);
      // a multi-line import, an alias, a folder's index, a type-only import (erased: never compiled)
      write(
        'app/entry.ts',
        `import { parentPort } from 'node:worker_threads';\nimport type { Shape } from './types';\nimport {\n  twice,\n} from '@fixture/lib';\nimport { three } from './sub';\nconst s: Shape = { n: twice(three) };\nparentPort!.postMessage(s.n);\n`,
      );
      const entry = path.join(dir, 'app/entry.ts');
      const { modules, aliases } = await compiledReader(entry);
      expect(Object.keys(modules).sort()).toEqual([entry, path.join(dir, 'app/sub/index.ts'), path.join(dir, 'lib/src/index.ts'), path.join(dir, 'lib/src/twice.ts')].sort());
      expect(aliases).toEqual({ '@fixture/lib': path.join(dir, 'lib/src/index.ts') });
      const { code, ...data } = await workerBootstrap(entry);
      const worker = new Worker(code, { eval: true, workerData: data });
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      expect(answer).toBe(6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
