import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How a worker thread loads an import's threads (the reader, import.worker.ts; the writer,
 * import-writer.worker.ts). The API runs its TypeScript directly (tools/register.cjs,
 * ts-jest in tests) and a worker thread starts with none of that; loading SWC's native module
 * in every such thread and unloading it with the thread crashed the process (a segfault in
 * the suites), so the API's thread compiles their modules once per process and the
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
 * A thread's modules as JavaScript by file name (its entry and what it requires,
 * transitively), and the aliases it uses; compiled once per process, by SWC's own threads
 * (the API's event loop keeps serving the desk meanwhile).
 */
export function compiledWorker(entry: string): Promise<{ modules: Record<string, string>; aliases: Record<string, string> }> {
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
    ...(await compiledWorker(file)),
    code: `
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return Object.prototype.hasOwnProperty.call(workerData.aliases, request) ? workerData.aliases[request] : resolve.call(this, request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const code = workerData.modules[filename];
  if (code === undefined) throw new Error('an import thread has no compiled module ' + filename);
  module._compile(code, filename);
};
require(${JSON.stringify(file)});`,
  };
}
