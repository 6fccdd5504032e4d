/**
 * Benchmark: the import reader's CPU per record (what import.worker.ts does per record, in this
 * thread): the progress total (countCatalogueEntries) and reading, mapping and building the
 * search columns and terms (mappedBatches), over the MARC 21 fixtures repeated 120 times.
 *
 *   node -r ./tools/register.cjs tools/bench/import/reader-cpu.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countCatalogueEntries } from '../../../apps/api/src/modules/catalog/import';
import { mappedBatches } from '../../../apps/api/src/modules/catalog/imports/import-batches';

const FIXTURES = path.join(__dirname, '../../../apps/api/test/fixtures/marc');
const files = ['pymarc/marc.dat', 'pymarc/regression45.dat', 'pymarc/test.dat', 'pymarc/utf8_with_leader_flag.dat', 'ruby-marc/utf8.marc', 'openlibrary/880_Nihon_no_chasho.mrc', 'openlibrary/880_alternate_script.mrc', 'openlibrary/ocm00400866.mrc'];
const one = Buffer.concat(files.map((f) => fs.readFileSync(path.join(FIXTURES, f))));
const bytes = Buffer.concat(Array(120).fill(one));
const n = countCatalogueEntries(bytes, 'iso2709');
const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage();
  countCatalogueEntries(bytes, 'iso2709');
  const count = ms(process.cpuUsage(c0));
  const c1 = process.cpuUsage();
  let k = 0;
  for (const b of mappedBatches(bytes, 'iso2709')) k += b.entries.length;
  const map = ms(process.cpuUsage(c1));
  console.log(`round ${round + 1}: ${k} records; CPU per record: count ${(count / n).toFixed(4)} ms, read + map + search columns ${(map / n).toFixed(4)} ms`);
}
