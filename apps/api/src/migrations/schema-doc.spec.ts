import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// docs/schema.md names every table with what it holds and its owner module: a new table without its line fails here
const doc = readFileSync(path.resolve(__dirname, '../../../../docs/schema.md'), 'utf8');
const [tenantPart, platformPart] = doc.split('## Platform tables');
const CREATE = /CREATE TABLE (?:IF NOT EXISTS )?(platform\.)?(\w+)/g;
const DROP = /DROP TABLE (?:IF EXISTS )?(platform\.)?(\w+)/g;
const names = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[2]);

describe('docs/schema.md', () => {
  it('names every tenant table the migrations create', () => {
    const dir = path.join(__dirname, 'tenant');
    const tables = readdirSync(dir).flatMap((f) => names(readFileSync(path.join(dir, f), 'utf8'), CREATE));
    expect(tables).toEqual(expect.arrayContaining(['patrons', 'holds', 'records']));
    expect(tables.filter((t) => !tenantPart.includes(`\`${t}\``))).toEqual([]);
  });

  it('names every platform table that is still there', () => {
    // the early migrations inline in platform-migrations.ts, later ones in migrations/platform/
    const dir = path.join(__dirname, 'platform');
    const sql = [path.join(__dirname, '../engine/database/platform-migrations.ts'), ...readdirSync(dir).map((f) => path.join(dir, f))].map((f) => readFileSync(f, 'utf8')).join('\n');
    const dropped = new Set(names(sql, DROP));
    const tables = names(sql, CREATE).filter((t) => !dropped.has(t));
    expect(tables).toEqual(expect.arrayContaining(['tenants', 'staff']));
    expect(tables.filter((t) => !platformPart.includes(`\`${t}\``))).toEqual([]);
  });
});
