import { StatisticsSchedule } from './statistics-schedule';

/** The record counts (after each batch) at which the schedule asks for a refresh. */
function refreshes(known: number, batches: number[]): number[] {
  const s = new StatisticsSchedule(known);
  const at: number[] = [];
  let total = 0;
  for (const b of batches) {
    total += b;
    if (s.added(b)) at.push(total);
  }
  return at;
}

describe('StatisticsSchedule', () => {
  it('refreshes a nearly empty catalogue each time the import has doubled it, from 1,000 records on', () => {
    expect(refreshes(0, Array(200).fill(250))).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
  });

  it('counts the records the catalogue held before the import', () => {
    // 3,000 held: the first refresh once 3,000 are added, then once 6,000 more are
    expect(refreshes(3000, Array(40).fill(250))).toEqual([3000, 9000]);
  });

  it('never refreshes during a weekly update of a large catalogue', () => {
    expect(refreshes(1_000_000, Array(200).fill(250))).toEqual([]);
  });

  it('counts only what was added (an update of existing records adds nothing)', () => {
    expect(refreshes(0, [0, 0, 0, 999, 0, 1])).toEqual([1000]);
  });
});
