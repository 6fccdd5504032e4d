import { volumeSortKey } from './volume';

describe('volumeSortKey', () => {
  it.each([
    ['上', 1],
    ['中', 2],
    ['下', 3],
    ['前編', 1],
    ['後編', 2],
    ['1', 1],
    ['第3巻', 3],
    ['v.12', 12],
    ['１０', 10],
    ['第十二巻', 12],
    ['二十一', 21],
    ['百', 100],
  ])('%s → %d', (volume, key) => {
    expect(volumeSortKey(volume)).toBe(key);
  });

  it('is null when nothing orders the volume', () => {
    expect(volumeSortKey(undefined)).toBeNull();
    expect(volumeSortKey('別冊')).toBeNull();
  });
});
