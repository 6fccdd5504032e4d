// ESLint rules `fences/*`: the API's modules (apps/api/src/modules/<name>/) meet only at their
// front doors (issue 23). Each module has an `index.ts` exporting what others may use.
//
//   front-door   from outside module <name> (another module, app.module.ts, startup.ts, main.ts),
//                import `modules/<name>` (its index.ts), never a file inside it; inside a module,
//                import its own files, never its own index (that makes a require cycle). The engine
//                (src/engine) is what modules stand on: it imports no module at all.
//   no-cycle     no cycle between modules (holds → circulation → holds): a module that another one
//                stands on does not import it back. Move the shared piece to where it belongs (the
//                engine, libs/policy, the module that owns it) or invert the dependency.
//
// Scoped to apps/api/src (eslint.config.mjs); tests and tools may reach inside a module.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SRC = path.resolve(__dirname, '../src');
const MODULES = path.join(SRC, 'modules');

/** Where a file or import target sits: { area: 'module', name, inner: path inside the module } | { area: 'engine' } | { area: 'other' } | null (outside src). */
function place(file, modulesDir = MODULES) {
  const srcDir = path.dirname(modulesDir);
  const fromModules = path.relative(modulesDir, file);
  if (!fromModules.startsWith('..') && !path.isAbsolute(fromModules)) {
    const [name, ...rest] = fromModules.split(path.sep);
    return { area: 'module', name, inner: rest.join('/') };
  }
  const fromSrc = path.relative(srcDir, file);
  if (fromSrc.startsWith('..') || path.isAbsolute(fromSrc)) return null;
  return { area: fromSrc.split(path.sep)[0] === 'engine' ? 'engine' : 'other' };
}

const isFrontDoor = (inner) => inner === '' || inner === 'index' || inner === 'index.ts';

/**
 * What is wrong with importing `spec` from `file`, or null: 'deep' (inside another module),
 * 'own-index' (a module's file importing its own index), 'engine' (the engine importing a module).
 */
function problem(file, spec, modulesDir = MODULES) {
  if (typeof spec !== 'string' || !spec.startsWith('.')) return null;
  const from = place(file, modulesDir);
  if (!from) return null;
  const to = place(path.resolve(path.dirname(file), spec), modulesDir);
  if (!to || to.area !== 'module' || !to.name) return null;
  if (from.area === 'engine') return { id: 'engine', target: to.name };
  if (from.area === 'module' && from.name === to.name) return isFrontDoor(to.inner) ? { id: 'own-index', target: to.name } : null;
  return isFrontDoor(to.inner) ? null : { id: 'deep', target: to.name };
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function tsFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return tsFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** The modules' dependency graph from their source files: name → Set of the modules it imports. */
function moduleGraph(modulesDir = MODULES) {
  const graph = new Map();
  for (const file of tsFiles(modulesDir)) {
    const from = place(file, modulesDir);
    if (!graph.has(from.name)) graph.set(from.name, new Set());
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] || m[2];
      if (!spec.startsWith('.')) continue;
      const to = place(path.resolve(path.dirname(file), spec), modulesDir);
      if (to && to.area === 'module' && to.name && to.name !== from.name) graph.get(from.name).add(to.name);
    }
  }
  return graph;
}

/** A path of modules from `start` back to `goal` (e.g. ['circulation', 'holds']), or null. */
function pathBetween(graph, start, goal) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length) {
    const route = queue.shift();
    const last = route[route.length - 1];
    for (const next of graph.get(last) || []) {
      if (next === goal) return [...route, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...route, next]);
      }
    }
  }
  return null;
}

function sources(context, check) {
  const visit = (node) => node.source && typeof node.source.value === 'string' && check(node, node.source.value);
  return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit };
}

const frontDoor = {
  meta: {
    type: 'problem',
    docs: { description: 'modules meet only at their index.ts (issue 23)' },
    schema: [],
    messages: {
      deep: "'{{spec}}' is inside the {{target}} module: import from its front door, modules/{{target}} (its index.ts), and export what you need there.",
      'own-index': "Import this module's own files directly, not its index ('{{spec}}'): the index is for other modules, and importing it from inside makes a require cycle.",
      engine: "The engine stands under the modules and imports none of them ('{{spec}}' is the {{target}} module).",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    return sources(context, (node, spec) => {
      const p = problem(file, spec);
      if (p) context.report({ node: node.source, messageId: p.id, data: { spec, target: p.target } });
    });
  },
};

let cachedGraph = null;
const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle between API modules (issue 23)' },
    schema: [],
    messages: {
      cycle: "The {{from}} module imports {{to}}, which imports it back ({{route}}). Move the shared piece to where it belongs (the engine, libs/policy, its owner module) or invert the dependency.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = place(file);
    if (!from || from.area !== 'module') return {};
    return sources(context, (node, spec) => {
      if (!spec.startsWith('.')) return;
      const to = place(path.resolve(path.dirname(file), spec));
      if (!to || to.area !== 'module' || !to.name || to.name === from.name) return;
      cachedGraph = cachedGraph || moduleGraph();
      const back = pathBetween(cachedGraph, to.name, from.name);
      if (back) context.report({ node: node.source, messageId: 'cycle', data: { from: from.name, to: to.name, route: [from.name, ...back].join(' → ') } });
    });
  },
};

module.exports = { rules: { 'front-door': frontDoor, 'no-cycle': noCycle }, problem, moduleGraph, pathBetween, MODULES };
