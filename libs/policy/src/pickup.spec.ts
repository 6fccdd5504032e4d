import { defaultPickupPoint, PickupChoicePoint } from './pickup';

// Katori as its /info lists them: 佐原 (a locker before its counter in the point order), 小見川, the bookmobile's stations
const points: PickupChoicePoint[] = [
  { code: 'sawara-locker', branchCode: 'sawara', kind: 'locker' },
  { code: 'sawara-counter', branchCode: 'sawara', kind: 'counter' },
  { code: 'omigawa-counter', branchCode: 'omigawa', kind: 'counter' },
  { code: 'bm-station-a', branchCode: 'bookmobile', kind: 'bookmobile-station' },
  { code: 'bm-station-b', branchCode: 'bookmobile', kind: 'bookmobile-station' },
];
const code = (input: Parameters<typeof defaultPickupPoint>[0]) => defaultPickupPoint(input)?.code ?? null;

describe('defaultPickupPoint (last used, else the desk’s counter, else the home branch’s, else the first branch’s)', () => {
  it('is the point the patron last used while it is still offered, wherever the hold is placed', () => {
    expect(code({ points, lastUsedPointCode: 'omigawa-counter' })).toBe('omigawa-counter');
    expect(code({ points, lastUsedPointCode: 'bm-station-b', deskBranchCode: 'sawara', homeBranchCode: 'omigawa' })).toBe('bm-station-b');
    expect(code({ points, lastUsedPointCode: 'sawara-locker' })).toBe('sawara-locker');
  });

  it('passes over a last used point no longer offered', () => {
    expect(code({ points, lastUsedPointCode: 'closed-counter' })).toBe('sawara-counter');
    expect(code({ points, lastUsedPointCode: 'closed-counter', deskBranchCode: 'omigawa' })).toBe('omigawa-counter');
  });

  it('at the desk: the desk’s own counter, before the home branch', () => {
    expect(code({ points, deskBranchCode: 'omigawa', homeBranchCode: 'sawara' })).toBe('omigawa-counter');
    expect(code({ points, lastUsedPointCode: null, deskBranchCode: 'omigawa' })).toBe('omigawa-counter');
  });

  it('a branch without a counter (the bookmobile) gives its first point', () => {
    expect(code({ points, deskBranchCode: 'bookmobile' })).toBe('bm-station-a');
    expect(code({ points, homeBranchCode: 'bookmobile' })).toBe('bm-station-a');
  });

  it('a desk or home branch that offers nothing is passed over', () => {
    expect(code({ points, deskBranchCode: 'gone', homeBranchCode: 'omigawa' })).toBe('omigawa-counter');
    expect(code({ points, deskBranchCode: 'gone' })).toBe('sawara-counter');
  });

  it('else the first branch’s counter (not the first point when that is a locker), else its first point', () => {
    expect(code({ points })).toBe('sawara-counter');
    expect(code({ points: points.slice(3) })).toBe('bm-station-a');
  });

  it('is null when nothing is offered', () => {
    expect(defaultPickupPoint({ points: [], lastUsedPointCode: 'sawara-counter', deskBranchCode: 'sawara' })).toBeNull();
  });

  it('gives back the caller’s own point (its extra fields kept)', () => {
    const labelled = points.map((p) => ({ ...p, label: p.code.toUpperCase() }));
    expect(defaultPickupPoint({ points: labelled })).toBe(labelled[1]);
  });
});
