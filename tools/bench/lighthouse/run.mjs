#!/usr/bin/env node
// Benchmark: Lighthouse on the OPAC's home, results and record pages (issue #19).
//
//   node tools/bench/lighthouse/run.mjs [--base http://localhost:3000] [--city katori]
//        [--query 夏目漱石] [--record-query 青猫] [--runs 3] [--preset mobile|desktop] [--json out.json]
//
// Needs a running demo (`npm start`; the OPAC built) and Lighthouse installed OUTSIDE the
// project (it is not a dependency of Shiori):
//
//   npm i -E lighthouse@12.2.3 --prefix /tmp/lh      (Lighthouse 13 wants Node 22)
//
// (or set LIGHTHOUSE to its CLI), and Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
// Runs each page --runs times, one after another, and prints the median of each score and
// metric, with the spread of the performance score and the load average: on a shared machine
// Lighthouse's simulated 4× CPU slowdown comes on top of the machine's own load, so read the
// figures with the load next to them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const BASE = arg('base', 'http://localhost:3000').replace(/\/+$/, '');
const CITY = arg('city', 'katori');
const QUERY = arg('query', '夏目漱石');
const RECORD_QUERY = arg('record-query', '青猫');
const RUNS = Number(arg('runs', '3'));
const PRESET = arg('preset', 'mobile');
const JSON_OUT = arg('json', '');
const CLI = process.env.LIGHTHOUSE ?? '/tmp/lh/node_modules/.bin/lighthouse';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

if (!existsSync(CLI)) {
  console.error(`Lighthouse is not installed at ${CLI}. Install it outside the project:\n  npm i -E lighthouse@12.2.3 --prefix /tmp/lh\n(or set LIGHTHOUSE=/path/to/lighthouse)`);
  process.exit(2);
}
if (!existsSync(CHROME)) {
  console.error(`No Chromium at ${CHROME}: apt-get install -y chromium, or set CHROME_PATH.`);
  process.exit(2);
}

const search = await fetch(`${BASE}/api/t/${CITY}/search?q=${encodeURIComponent(RECORD_QUERY)}`);
if (!search.ok) {
  console.error(`The demo does not answer at ${BASE} (${search.status}): start it with npm start, or pass --base.`);
  process.exit(2);
}
const record = (await search.json()).hits?.[0]?.id;
if (!record) {
  console.error(`No record found for 「${RECORD_QUERY}」 in ${CITY}.`);
  process.exit(2);
}

const opac = `${BASE}/opac/${CITY}/`;
const pages = [
  ['home', opac],
  ['results', `${opac}search?q=${encodeURIComponent(QUERY)}`],
  ['record', `${opac}records/${record}`],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const work = mkdtempSync(path.join(tmpdir(), 'shiori-lh-'));
const results = [];
try {
  for (const [name, url] of pages) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(work, `${name}-${i}.json`);
      const load = loadavg()[0];
      const args = [
        url,
        '--only-categories=performance,accessibility,seo',
        '--chrome-flags=--headless --no-sandbox',
        '--output=json',
        `--output-path=${out}`,
        '--quiet',
      ];
      if (PRESET === 'desktop') args.push('--preset=desktop');
      const r = spawnSync(CLI, args, { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 0) throw new Error(`lighthouse failed on ${url} (exit ${r.status})`);
      const lhr = JSON.parse(readFileSync(out, 'utf8'));
      const a = lhr.audits;
      runs.push({
        load,
        performance: Math.round(lhr.categories.performance.score * 100),
        accessibility: Math.round(lhr.categories.accessibility.score * 100),
        seo: Math.round(lhr.categories.seo.score * 100),
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        si: a['speed-index'].numericValue,
        bytes: a['total-byte-weight'].numericValue,
        cpuIndex: lhr.environment?.benchmarkIndex,
      });
      process.stderr.write(`${name} run ${i + 1}: performance ${runs.at(-1).performance} (load ${load.toFixed(1)})\n`);
    }
    const m = (k) => median(runs.map((r) => r[k]));
    results.push({ page: name, url, runs, median: Object.fromEntries(Object.keys(runs[0]).map((k) => [k, m(k)])) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`Lighthouse ${PRESET}, ${RUNS} runs per page, medians (${BASE}, city ${CITY})`);
console.log('| page | performance (runs) | accessibility | SEO | FCP | LCP | TBT | CLS | Speed Index | bytes | load avg |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const { page, runs, median: m } of results) {
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `| ${page} | ${m.performance} (${runs.map((r) => r.performance).join(', ')}) | ${m.accessibility} | ${m.seo} | ${s(m.fcp)} | ${s(m.lcp)} | ${Math.round(m.tbt)} ms | ${m.cls.toFixed(3)} | ${s(m.si)} | ${Math.round(m.bytes / 1000)} KB | ${m.load.toFixed(1)} |`,
  );
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
