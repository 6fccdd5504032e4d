import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportReader } from './import-reader';

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
