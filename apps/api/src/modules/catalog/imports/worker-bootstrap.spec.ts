import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledWorker, workerBootstrap } from './worker-bootstrap';

describe('the loader of an import\'s threads', () => {
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
      const { modules, aliases } = await compiledWorker(entry);
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
