import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { activeHoldSql, allocatedHoldSql } from './sql';

describe('the hold-status conditions, written once', () => {
  it('spell the partial indexes’ predicates, so the planner can use them', () => {
    const core = readFileSync(path.resolve(__dirname, '../../migrations/tenant/0001-core.ts'), 'utf8');
    expect(core).toContain(`ON holds (record_id, queue_seq) WHERE ${activeHoldSql()};`);
    expect(core).toContain(`ON holds (item_id) WHERE item_id IS NOT NULL AND ${allocatedHoldSql()};`);
  });

  it('take a table alias', () => {
    expect(activeHoldSql('h')).toBe(`h.status IN ('waiting','in-transit','ready')`);
    expect(allocatedHoldSql('h')).toBe(`h.status IN ('in-transit','ready')`);
  });
});
