/**
 * Planning and execution time of each benchmark query, one client, on the loaded bench
 * tenant (run `run.ts` first so the tenant exists):
 *
 *   DATABASE_URL=… node -r ./tools/register.cjs tools/bench/search/explain.ts [--records 1000000] [--plan 羅生門] [--generic] [--covering]
 *
 * Prints per query: planning ms, execution ms (EXPLAIN ANALYZE, median of 5), matches.
 * `--plan <label substring>` also prints the full plan of the matching queries. The query
 * bigrams are chosen with the tenant's token statistics as the API does (SearchStats);
 * `--covering` chooses them without (every character covered).
 */
import { Client } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { probeCitus } from '../../../apps/api/src/engine/database/citus';
import { buildSearchQuery, SearchParams } from '../../../apps/api/src/modules/catalog/search/search-query';
import { readSearchStatistics } from '../../../apps/api/src/modules/catalog/search/search-stats';
import { label, QUERY_MIX } from './queries';
import { arg } from '../lib/args';


async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to the bench database (run.ts prints nothing of it; start the embedded server of --data-dir)');
  const slug = `search-${arg('records', '1000000')}`;
  const show = arg('plan', '');
  /** --generic: as a prepared statement with a generic plan (planned once), as the API runs it */
  const generic = process.argv.includes('--generic');
  const db = new Client({ connectionString: url, options: `-c search_path=${quotedTenantSchema(slug)},platform` });
  await db.connect();
  if (generic) await db.query(`SET plan_cache_mode = force_generic_plan`);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let sumPlan = 0;
  let sumExec = 0;
  const stats = await readSearchStatistics(async (sql, values) => (await db.query(sql, values)).rows, await probeCitus(url), slug);
  if (process.argv.includes('--covering')) delete stats.frequency;
  for (const q of QUERY_MIX) {
    const b = buildSearchQuery({ sort: 'relevance', page: 1, size: 20, ...q } as SearchParams, { schema: quotedTenantSchema(slug), ...stats });
    const plans: number[] = [];
    const execs: number[] = [];
    let text = '';
    if (generic) {
      await db.query(`DEALLOCATE ALL`);
      await db.query(`PREPARE s AS ${b.sql}`);
    }
    // arrays as array literals ('{"a","b"}'), which take the parameter's element type (text or int)
    const arrayLiteral = (v: unknown[]) => db.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`);
    const literals = b.values.map((v) => (Array.isArray(v) ? arrayLiteral(v) : typeof v === 'number' ? String(v) : db.escapeLiteral(String(v))));
    for (let i = 0; i < 5; i++) {
      const r = generic
        ? await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) EXECUTE s(${literals.join(',')})`)
        : await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${b.sql}`, b.values);
      text = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
      plans.push(Number(/Planning Time: ([\d.]+)/.exec(text)?.[1] ?? 0));
      execs.push(Number(/Execution Time: ([\d.]+)/.exec(text)![1]));
    }
    const total = JSON.parse((await db.query(b.sql, b.values)).rows[0].body).total;
    const p = median(plans);
    const e = median(execs);
    sumPlan += p;
    sumExec += e;
    console.log(`${p.toFixed(2).padStart(7)} ${e.toFixed(2).padStart(8)} ${String(total).padStart(8)}  ${label(q)}`);
    if (show && label(q).includes(show)) console.log(text);
  }
  console.log(`mean planning ${(sumPlan / QUERY_MIX.length).toFixed(2)} ms, mean execution ${(sumExec / QUERY_MIX.length).toFixed(2)} ms`);
  await db.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
