import { titleSortKey } from './document';
import { queryTokens } from './text';
import { TITLE_SECTIONS, titleSection, titleSectionToken } from './title-sections';

describe('title sections', () => {
  it('cut the 五十音 order into consecutive ranges: a later title never has an earlier section', () => {
    const titles = ['1Q84', 'Anne', 'あいうえお', 'アリス', 'いろは', 'がっこう', 'かわ', 'ゔぁいおりん', 'ん', '一', '猫', '龍', 'ｱｲｳ', '𠀋'];
    const keys = titles.map((t) => titleSortKey(null, t)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const sections = keys.map(titleSection);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    expect(sections.every((s) => Number.isInteger(s) && s >= 0 && s < TITLE_SECTIONS)).toBe(true);
  });

  it('give each hiragana its own section and the empty key the first', () => {
    expect(titleSection('')).toBe(0);
    expect(titleSection('abc')).toBe(0);
    expect(titleSection('あ')).toBe(titleSection('ぁ') + 1);
    expect(titleSection('い')).not.toBe(titleSection('あ'));
    expect(titleSection('ゖ')).toBe(86);
    expect(titleSection('鿿')).toBe(108);
    expect(titleSection('ｱ')).toBe(TITLE_SECTIONS - 1);
  });

  it('are tokens no search word produces', () => {
    expect(titleSectionToken(12)).toBe('o12');
    const typed = queryTokens('o12 o ｏ１２ OK 猫 ねこ Ωμέγα 12').join(' ');
    const lexemes = typed.match(/[a-z0-9]+/g) ?? [];
    expect(lexemes.length).toBeGreaterThan(5);
    expect(lexemes.filter((l) => l.startsWith('o'))).toEqual([]);
  });
});
