import { ndcLabel, ndcName } from './ndc';

describe('NDC names', () => {
  it('names every main class and every one of the 100 divisions, in Japanese and English', () => {
    for (let d = 0; d < 100; d++) {
      const code = String(d).padStart(2, '0');
      expect({ code, ja: ndcName(code, 'ja')?.name }).toEqual({ code, ja: expect.stringMatching(/\S/) });
      expect({ code, en: ndcName(code, 'en')?.name }).toEqual({ code, en: expect.stringMatching(/^[A-Z]/) });
    }
    for (let c = 0; c < 10; c++) expect(ndcName(String(c))?.exact).toBe(true);
    expect(ndcName('9')?.name).toBe('文学');
    expect(ndcName('49')?.name).toBe('医学・薬学');
    expect(ndcName('21', 'en')?.name).toBe('History of Japan');
  });

  it('names Japanese literature sections, other literatures by their form, and any other section by its division', () => {
    expect(ndcLabel('913')).toBe('913 小説・物語');
    expect(ndcLabel('913.6')).toBe('913.6 小説・物語');
    expect(ndcLabel('933')).toBe('933 英米文学：小説・物語');
    expect(ndcLabel('933', 'en')).toBe('933 English and American literature: fiction');
    expect(ndcLabel('493')).toBe('493（医学・薬学）');
    expect(ndcLabel('493', 'en')).toBe('493 (Medicine, pharmacy)');
    expect(ndcLabel('91')).toBe('91 日本文学');
    // not an NDC code: shown as it is
    expect(ndcLabel('K12')).toBe('K12');
    expect(ndcName(null)).toBeNull();
  });
});
