import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatalogueFormat } from '../import';
import type { MappedBatch } from './import-batches';

/** Batches the reader maps ahead of the one being written. */
const AHEAD = 2;
/** The reader's heap: a pathological file fails its import, not the API. */
const READER_HEAP_MB = 512;

/** The reader stopped before the end of the file (an exception, out of memory, terminated). */
export class ImportReaderFailed extends Error {}

type Message = { type: 'total'; total: number } | { type: 'batch'; batch: MappedBatch } | { type: 'end' };

/**
 * How a worker thread loads the reader. The API runs its TypeScript directly (tools/register.cjs,
 * ts-jest in tests) and a worker thread starts with none of that; loading SWC's native module
 * in every reader thread and unloading it with the thread crashed the process (a segfault in
 * the suites), so the API's thread compiles the reader's modules once per process and the
 * thread runs that JavaScript. The modules are found from the compiled code itself: every
 * `require` SWC leaves (type-only imports are gone by then) that names a relative file or one
 * of tsconfig's path aliases (@shiori/…) is compiled too, transitively; the thread resolves an
 * alias to its file as the API does; packages load from node_modules as usual. A built API
 * (tsc) has the modules as JavaScript already.
 */
const compiled = new Map<string, Promise<{ modules: Record<string, string>; aliases: Record<string, string> }>>();

/** tsconfig.base.json's path aliases (`@shiori/contracts` → its index.ts), absolute. */
function pathAliases(from: string): Map<string, string> {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'tsconfig.base.json');
    if (fs.existsSync(file)) {
      const paths = (JSON.parse(fs.readFileSync(file, 'utf8')) as { compilerOptions?: { paths?: Record<string, string[]> } }).compilerOptions?.paths ?? {};
      return new Map(Object.entries(paths).map(([alias, [target]]) => [alias, path.resolve(dir, target)]));
    }
    if (path.dirname(dir) === dir) return new Map();
  }
}

/** A TypeScript module's file: `base`.ts, or its folder's index.ts. */
function tsFile(base: string): string | undefined {
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => f.endsWith('.ts') && fs.existsSync(f));
}

/**
 * The reader's modules as JavaScript by file name (import.worker.ts and what it requires,
 * transitively), and the aliases it uses; compiled once per process, by SWC's own threads
 * (the API's event loop keeps serving the desk meanwhile).
 */
export function compiledReader(entry: string): Promise<{ modules: Record<string, string>; aliases: Record<string, string> }> {
  let done = compiled.get(entry);
  if (!done) {
    done = compile(entry);
    compiled.set(entry, done);
    done.catch(() => compiled.delete(entry)); // tried again by the next import
  }
  return done;
}

async function compile(entry: string): Promise<{ modules: Record<string, string>; aliases: Record<string, string> }> {
  const swc = require('@swc/core') as typeof import('@swc/core');
  const known = pathAliases(entry);
  const modules: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  let todo = [entry];
  while (todo.length) {
    const files = [...new Set(todo)].filter((f) => modules[f] === undefined);
    todo = [];
    const codes = await Promise.all(
      files.map(async (file) =>
        (
          await swc.transform(await fs.promises.readFile(file, 'utf8'), {
            filename: file,
            swcrc: false,
            configFile: false,
            sourceMaps: 'inline',
            jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
            module: { type: 'commonjs' },
          })
        ).code,
      ),
    );
    files.forEach((file, k) => {
      const code = codes[k];
      modules[file] = code;
      for (const [, spec] of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
        const alias = known.get(spec);
        const found = alias ? tsFile(alias) : spec.startsWith('.') ? tsFile(path.resolve(path.dirname(file), spec)) : undefined;
        if (!found) continue; // a package (node_modules) or Node's own
        if (alias) aliases[spec] = found;
        if (modules[found] === undefined) todo.push(found);
      }
    });
  }
  return { modules, aliases };
}

/** A worker's code (eval) and the workerData it needs (modules, aliases) to run `file`, TypeScript or JavaScript. */
export async function workerBootstrap(file: string): Promise<{ code: string; modules?: Record<string, string>; aliases?: Record<string, string> }> {
  if (!file.endsWith('.ts')) return { code: `require(${JSON.stringify(file)});` };
  return {
    ...(await compiledReader(file)),
    code: `
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return Object.prototype.hasOwnProperty.call(workerData.aliases, request) ? workerData.aliases[request] : resolve.call(this, request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const code = workerData.modules[filename];
  if (code === undefined) throw new Error('the import reader has no compiled module ' + filename);
  module._compile(code, filename);
};
require(${JSON.stringify(file)});`,
  };
}

const WORKER_FILE = path.join(__dirname, `import.worker${path.extname(__filename)}`);

/**
 * The API's side of an import's reader (import.worker.ts): one worker thread per running import,
 * whose batches come back by structured clone. `next()` answers the batches in file order, then
 * null; should the thread stop before the end, `total()` and `next()` reject with
 * ImportReaderFailed.
 */
export class ImportReader {
  private worker?: Worker;
  private readonly queue: Message[] = [];
  private waiter?: { resolve: () => void; reject: (e: Error) => void };
  private failure?: ImportReaderFailed;
  private ended = false;
  private stopped = false;
  /** Settles once the thread has started (or could not start). */
  private readonly started: Promise<void>;
  private exited: Promise<void> = Promise.resolve();

  constructor(bytes: Uint8Array, format: CatalogueFormat) {
    this.started = workerBootstrap(WORKER_FILE).then(
      ({ code, modules, aliases }) => {
        if (this.stopped) return;
        const worker = new Worker(code, {
          eval: true,
          workerData: { bytes, format, ahead: AHEAD, modules, aliases },
          resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
          stdout: false,
          stderr: false,
        });
        this.worker = worker;
        worker.on('message', (m: Message) => {
          if (m.type === 'end') this.ended = true;
          this.queue.push(m);
          this.wake();
        });
        worker.on('error', (e) => this.fail(e?.message ?? String(e)));
        this.exited = new Promise((resolve) =>
          worker.once('exit', (code) => {
            if (!this.ended) this.fail(`exit code ${code}`);
            resolve();
          }),
        );
      },
      (e: Error) => this.fail(`the reader could not be compiled: ${e?.message ?? e}`),
    );
  }

  /** How many entries the file has (the progress total). */
  async total(): Promise<number> {
    const m = await this.take();
    if (m.type !== 'total') throw new ImportReaderFailed(`the reader sent ${m.type} before the total`);
    return m.total;
  }

  /** The next batch in file order, or null after the last. */
  async next(): Promise<MappedBatch | null> {
    const m = await this.take();
    if (m.type === 'end') return null;
    if (m.type !== 'batch') throw new ImportReaderFailed(`the reader sent ${m.type} for a batch`);
    this.worker?.postMessage('more');
    return m.batch;
  }

  /** Ends the thread (the import is over, however it ended); resolves once it has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.started;
    await this.worker?.terminate();
    await this.exited;
    this.fail('stopped');
  }

  private async take(): Promise<Message> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
    }
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  private fail(why: string): void {
    this.failure ??= new ImportReaderFailed(why);
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.failure);
  }
}
