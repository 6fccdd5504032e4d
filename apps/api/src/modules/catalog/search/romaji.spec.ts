import { romajiToKana } from './romaji';

describe('romajiToKana', () => {
  it.each([
    ['natsume', 'なつめ'],
    ['Natsume Soseki', 'なつめ そせき'],
    ['natsume sōseki', 'なつめ そうせき'],
    ['hagiwara sakutarou', 'はぎわら さくたろう'],
    ['shinbun', 'しんぶん'],
    ['shimbun', 'しんぶん'],
    ['sinbun', 'しんぶん'],
    ['tyuuou', 'ちゅうおう'],
    ['chuuou', 'ちゅうおう'],
    ['tanizaki jun\'ichirou', 'たにざき じゅんいちろう'],
    ['kokoro', 'こころ'],
    ['zassi', 'ざっし'],
    ['matcha', 'まっちゃ'],
    ['fuji', 'ふじ'],
    ['huzi', 'ふじ'],
    ['kyouto', 'きょうと'],
    ['rashoumon', 'らしょうもん'],
    ['tsuru', 'つる'],
    ['tu', 'つ'],
    ['kin\'youbi', 'きんようび'],
    ['konnichiwa', 'こんにちわ'],
  ])('%s → %s', (input, kana) => {
    expect(romajiToKana(input)).toBe(kana);
  });

  it.each(['夏目', 'natsumx', '123', '', 'qq'])('%s is not romaji', (input) => {
    expect(romajiToKana(input)).toBeNull();
  });
});
