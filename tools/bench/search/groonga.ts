/**
 * Groonga as the search benchmark's peer (issue #25): the engine Japanese OPACs and CMSs
 * commonly run, installed from Debian (`groonga-bin`), started as its own HTTP server in a
 * temporary folder, loaded with the records the bench tenant holds (read back from the bench
 * database, so both engines search the very same rows) and asked the same queries.
 *
 * Schema: Records keyed by the record id; the searched texts (title, its reading, subtitle,
 * authors' names and readings, publisher) in one lexicon with TokenBigram and NFKC
 * normalisation with kana unified (らしょうもん, ラショウモン and ﾗｼｮｳﾓﾝ alike), one index column
 * with a section per text; the facets the API returns (material type, branch, availability,
 * decade, NDC class, author) as reference columns, answered by `drilldowns`. Authors' names are
 * indexed as written and without the space between family and given name (withCompact).
 * Not folded, unlike Shiori's text.ts: kanji variants (龍/竜), which NFKC leaves apart. The index is
 * built once after the load (static indexing, as a bulk import into Groonga is done).
 *
 * Two ways of asking: `exact`, facets over every match (Groonga's normal select), and `sample`,
 * facets and ranking over the first MATCH_CAP + 1 matches in record order (a window column
 * numbers the matches, post_filter keeps the first ones; drilldowns see only those): the same
 * bounded work Shiori's statement does (search-query.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { quotedTenantSchema } from '@shiori/tenancy';
import { AUTHOR_FACET_SIZE, MATCH_CAP, SearchParams } from '../../../apps/api/src/modules/catalog/search/search-query';
import { normalizeIsbn } from '../../../apps/api/src/modules/catalog/search/text';
import type { BenchQuery } from './queries';

/** The normaliser of the lexicon: NFKC, with hiragana and katakana unified. */
export const GROONGA_NORMALIZER = 'NormalizerNFKC100("unify_kana", true)';
export const GROONGA_TOKENIZER = 'TokenBigram';

export interface GroongaServer {
  url: string;
  pid: number;
  version: string;
  dir: string;
  stop: () => Promise<void>;
}

/** The groonga command: installed with apt-get (Debian's groonga-bin) when missing. */
export function ensureGroonga(log: (m: string) => void = console.log): string {
  const which = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v groonga'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  let bin = which();
  if (bin) return bin;
  log('groonga is missing: apt-get install -y groonga-bin …');
  // as root apt-get itself, else through sudo without a password prompt
  const root = process.getuid?.() === 0;
  const aptGet = (...args: string[]) =>
    execFileSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    aptGet('install', '-y', 'groonga-bin');
  } catch {
    // a machine whose package lists are stale or missing
    aptGet('update');
    aptGet('install', '-y', 'groonga-bin');
  }
  bin = which();
  if (!bin) throw new Error('groonga-bin was installed but no groonga command is on the PATH');
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A Groonga HTTP server on a free local port with a new database in a temporary folder; the result cache is off. */
export async function startGroonga(threads: number, log: (m: string) => void = console.log): Promise<GroongaServer> {
  const bin = ensureGroonga(log);
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-bench-groonga-'));
  const port = await freePort();
  const child = spawn(
    bin,
    ['-n', '-s', '--protocol', 'http', '--bind-address', '127.0.0.1', '-p', String(port), '-t', String(threads), '--cache-limit', '0', '--log-path', path.join(dir, 'groonga.log'), '--query-log-path', '/dev/null', path.join(dir, 'db')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`groonga exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/d/status`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) {
      await stop();
      throw new Error(`groonga did not answer on ${url}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, version, dir, stop };
}

/** A Groonga command over HTTP; its body, or an error with Groonga's message. */
export async function groongaCommand(g: GroongaServer, name: string, params: Record<string, string>, body?: string): Promise<unknown> {
  const res = await fetch(`${g.url}/d/${name}?${new URLSearchParams(params)}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.json()) as [[number, number, number, string?], unknown];
  if (json[0][0] !== 0) throw new Error(`groonga ${name} ${JSON.stringify(params)}: ${json[0][3]}`);
  return json[1];
}

/**
 * Names as written ("夏目 漱石") and without their space ("夏目漱石"), so that a phrase of
 * bigrams finds either way of typing them, as a Groonga catalogue would index a name heading.
 */
function withCompact(names: string[]): string {
  return names
    .filter(Boolean)
    .flatMap((n) => {
      const compact = n.replace(/[\s\u3000]+/g, '');
      return compact !== n ? [n, compact] : [n];
    })
    .join(' / ');
}

interface RecordRow {
  id: string;
  title: string;
  title_reading: string | null;
  subtitle: string | null;
  authors: { name?: string; reading?: string }[] | null;
  publisher: string | null;
  published_year: number | null;
  isbn: string | null;
  material_type: string | null;
  ndc: string | null;
  availability: string | null;
  holding_branches: string[] | null;
  copies_total: number;
  copies_available: number;
  copies_on_loan: number;
  received_at: Date | null;
  title_sort: string | null;
  volume_sort: number | null;
}

/**
 * Creates the schema and loads every live record of the bench tenant `slug`, read from the
 * bench database in pages of 20,000; the full-text and ISBN indexes are built after the load.
 */
export async function loadGroonga(g: GroongaServer, dbUrl: string, slug: string, log: (m: string) => void = console.log): Promise<{ records: number; loadMs: number; indexMs: number }> {
  const t0 = Date.now();
  const cmd = (name: string, params: Record<string, string>) => groongaCommand(g, name, params);
  await cmd('table_create', { name: 'Names', flags: 'TABLE_HASH_KEY', key_type: 'ShortText' });
  await cmd('table_create', { name: 'Tags', flags: 'TABLE_HASH_KEY', key_type: 'ShortText' });
  await cmd('table_create', { name: 'Records', flags: 'TABLE_HASH_KEY', key_type: 'ShortText' });
  const columns: [string, string, string][] = [
    ['title', 'COLUMN_SCALAR', 'ShortText'],
    ['title_reading', 'COLUMN_SCALAR', 'ShortText'],
    ['subtitle', 'COLUMN_SCALAR', 'ShortText'],
    ['author_text', 'COLUMN_SCALAR', 'ShortText'],
    ['author_reading', 'COLUMN_SCALAR', 'ShortText'],
    ['publisher', 'COLUMN_SCALAR', 'ShortText'],
    ['authors', 'COLUMN_VECTOR', 'Names'],
    ['material_type', 'COLUMN_SCALAR', 'Tags'],
    ['availability', 'COLUMN_SCALAR', 'Tags'],
    ['ndc1', 'COLUMN_SCALAR', 'Tags'],
    ['branches', 'COLUMN_VECTOR', 'Tags'],
    ['year', 'COLUMN_SCALAR', 'Int32'],
    ['decade', 'COLUMN_SCALAR', 'Int32'],
    ['isbn', 'COLUMN_SCALAR', 'ShortText'],
    ['copies_total', 'COLUMN_SCALAR', 'Int32'],
    ['copies_available', 'COLUMN_SCALAR', 'Int32'],
    ['copies_on_loan', 'COLUMN_SCALAR', 'Int32'],
    ['received_at', 'COLUMN_SCALAR', 'Time'],
    ['title_sort', 'COLUMN_SCALAR', 'ShortText'],
    ['volume_sort', 'COLUMN_SCALAR', 'Int32'],
  ];
  for (const [name, flags, type] of columns) await cmd('column_create', { table: 'Records', name, flags, type });

  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  let records = 0;
  try {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: RecordRow[] = (
        await db.query(
          `SELECT id, title, title_reading, subtitle, authors, publisher, published_year, isbn, material_type, ndc, availability,
                  holding_branches, copies_total, copies_available, copies_on_loan, received_at, title_sort, volume_sort
             FROM ${quotedTenantSchema(slug)}.records WHERE withdrawn_at IS NULL AND id > $1 ORDER BY id LIMIT 20000`,
          [after],
        )
      ).rows;
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const docs = rows.map((r) => {
        const authors = (r.authors ?? []).filter((a) => a.name);
        return {
          _key: r.id,
          title: r.title,
          title_reading: r.title_reading ?? '',
          subtitle: r.subtitle ?? '',
          author_text: withCompact(authors.map((a) => a.name!)),
          author_reading: withCompact(authors.map((a) => a.reading ?? '')),
          publisher: r.publisher ?? '',
          authors: [...new Set(authors.map((a) => a.name!))],
          material_type: r.material_type ?? '',
          availability: r.availability ?? '',
          ndc1: r.ndc && /^\d/.test(r.ndc) ? r.ndc[0] : '',
          branches: r.holding_branches ?? [],
          year: r.published_year ?? 0,
          decade: r.published_year ? Math.floor(r.published_year / 10) * 10 : 0,
          isbn: r.isbn ?? '',
          copies_total: r.copies_total,
          copies_available: r.copies_available,
          copies_on_loan: r.copies_on_loan,
          received_at: r.received_at ? r.received_at.getTime() / 1000 : 0,
          title_sort: r.title_sort ?? '',
          volume_sort: r.volume_sort ?? 0,
        };
      });
      await groongaCommand(g, 'load', { table: 'Records' }, JSON.stringify(docs));
      records += rows.length;
      if (records % 200_000 < 20_000) log(`  groonga: ${records.toLocaleString()} records (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await db.end();
  }
  const loadMs = Date.now() - t0;
  const t1 = Date.now();
  await cmd('table_create', { name: 'Terms', flags: 'TABLE_PAT_KEY', key_type: 'ShortText', default_tokenizer: GROONGA_TOKENIZER, normalizer: GROONGA_NORMALIZER });
  await cmd('column_create', {
    table: 'Terms',
    name: 'records_text',
    flags: 'COLUMN_INDEX|WITH_POSITION|WITH_SECTION',
    type: 'Records',
    source: 'title,title_reading,subtitle,author_text,author_reading,publisher',
  });
  await cmd('table_create', { name: 'Isbns', flags: 'TABLE_HASH_KEY', key_type: 'ShortText' });
  await cmd('column_create', { table: 'Isbns', name: 'records_isbn', flags: 'COLUMN_INDEX', type: 'Records', source: 'isbn' });
  // the facet columns' reverse indexes (Tags, Names), as a Groonga schema for drilldowns has them
  await cmd('column_create', { table: 'Tags', name: 'records_material_type', flags: 'COLUMN_INDEX', type: 'Records', source: 'material_type' });
  await cmd('column_create', { table: 'Names', name: 'records_authors', flags: 'COLUMN_INDEX', type: 'Records', source: 'authors' });
  return { records, loadMs, indexMs: Date.now() - t1 };
}

/** A query's words for Groonga's query syntax: each quoted (a phrase of bigrams), all of them required. */
function words(input: string): string {
  return input
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/(["\\])/g, '\\$1')}"`)
    .join(' ');
}

const MATCH = {
  any: 'title*10 || title_reading*5 || subtitle*2 || author_text*3 || author_reading*2 || publisher',
  title: 'title*10 || title_reading*5 || subtitle*2',
  author: 'author_text || author_reading',
  publisher: 'publisher',
};

/** The facets the API returns, as Groonga drilldowns (the same limits). */
const DRILLDOWNS: Record<string, { keys: string; limit: number; sort: string }> = {
  materialType: { keys: 'material_type', limit: 10, sort: '-_nsubrecs,_key' },
  branch: { keys: 'branches', limit: 100, sort: '-_nsubrecs,_key' },
  availability: { keys: 'availability', limit: 10, sort: '-_nsubrecs,_key' },
  year: { keys: 'decade', limit: 100, sort: '-_key' },
  ndc: { keys: 'ndc1', limit: 10, sort: '_key' },
  author: { keys: 'authors', limit: AUTHOR_FACET_SIZE, sort: '-_nsubrecs,_key' },
};

const HIT_COLUMNS = '_key,_score,title,title_reading,subtitle,author_text,year,publisher,material_type,isbn,received_at,copies_total,copies_available,copies_on_loan,availability';

/**
 * The `select` path of a bench query (the API's parameters: q, title=, author=, publisher=,
 * isbn, filters, sort, page of `size`). `sample`: ranking and facets over the first
 * MATCH_CAP + 1 matches only.
 */
export function groongaSelectPath(q: BenchQuery, { sample, size = 20 }: { sample: boolean; size?: number }): string {
  const p: Record<string, string> = { table: 'Records', output_columns: HIT_COLUMNS, cache: 'no' };
  const texts: [string, string][] = [];
  const filters: string[] = [];
  const qIsbn = q.q ? normalizeIsbn(q.q) : null;
  if (qIsbn) filters.push(`isbn == ${JSON.stringify(qIsbn)}`);
  else if (q.q?.trim()) texts.push([MATCH.any, q.q]);
  if (q.title?.trim()) texts.push([MATCH.title, q.title]);
  if (q.author?.trim()) texts.push([MATCH.author, q.author]);
  if (q.publisher?.trim()) texts.push([MATCH.publisher, q.publisher]);
  if (q.isbn?.trim()) filters.push(`isbn == ${JSON.stringify(normalizeIsbn(q.isbn) ?? q.isbn)}`);
  // one text criterion goes to match_columns/query; any further ones are query() calls in the filter
  if (texts.length) {
    p.match_columns = texts[0][0];
    p.query = words(texts[0][1]);
    for (const [columns, text] of texts.slice(1)) filters.push(`query(${JSON.stringify(columns)}, ${JSON.stringify(words(text))})`);
  }
  if (q.materialType?.length) filters.push(`in_values(material_type, ${q.materialType.map((m) => JSON.stringify(m)).join(', ')})`);
  if (q.available === true) filters.push('copies_available > 0');
  if (q.available === false) filters.push('copies_available == 0');
  if (q.yearFrom !== undefined) filters.push(`year >= ${Number(q.yearFrom)}`);
  if (q.yearTo !== undefined) filters.push(`year <= ${Number(q.yearTo)}`);
  if (filters.length) p.filter = filters.join(' && ');
  const sort = (q.sort ?? 'relevance') as SearchParams['sort'];
  p.sort_keys = sort === 'newest' ? '-received_at,-year,_key' : sort === 'title' ? 'title_sort,volume_sort,_key' : texts.length ? '-_score,title_sort,volume_sort,_key' : '-received_at,-year,_key';
  p.limit = String(size);
  p.offset = String(((q.page ?? 1) - 1) * size);
  for (const [label, d] of Object.entries(DRILLDOWNS)) {
    p[`drilldowns[${label}].keys`] = d.keys;
    p[`drilldowns[${label}].limit`] = String(d.limit);
    p[`drilldowns[${label}].sort_keys`] = d.sort;
    p[`drilldowns[${label}].output_columns`] = '_key,_nsubrecs';
  }
  if (sample) {
    p['columns[n].stage'] = 'filtered';
    p['columns[n].type'] = 'UInt32';
    p['columns[n].value'] = 'window_record_number()';
    p['columns[n].window.sort_keys'] = '_id';
    p.post_filter = `n <= ${MATCH_CAP + 1}`;
  }
  return `/d/select?${new URLSearchParams(p)}`;
}

/** One select: its matches (after post_filter) and the hits' record ids and titles. */
export async function groongaSelect(g: GroongaServer, selectPath: string): Promise<{ total: number; ids: string[]; titles: string[] }> {
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(`${g.url}${selectPath}`, (res) => {
        let s = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (s += d));
        res.on('end', () => resolve(s));
      })
      .on('error', reject);
  });
  const json = JSON.parse(body) as [[number, number, number, string?], [[[number], [string, string][], ...unknown[][]], Record<string, unknown>]];
  if (json[0][0] !== 0) throw new Error(`groonga select: ${json[0][3]}`);
  const [[total], , ...hits] = json[1][0];
  return { total, ids: hits.map((h) => String(h[0])), titles: hits.map((h) => String(h[2])) };
}
