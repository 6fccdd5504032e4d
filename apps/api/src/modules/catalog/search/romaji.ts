/**
 * Romaji typed in a search box (natsume, sōseki, tanizaki jun'ichirō) as hiragana, so that
 * a patron without a Japanese keyboard still finds the book (もしかして: なつめ).
 *
 * Both romanisations a patron meets: Hepburn (shi, chi, tsu, fu, ji, sha) and 訓令式 /
 * 日本式 (si, ti, tu, hu, zi, sya, di, du), plus what people type on a kana keyboard
 * (xa/la for small kana, nn for ん). Long vowels: ō/ô → おう, ū/û → うう, ā → ああ,
 * ē → えい, ī → いい (the common case in names and titles: Sōseki, Kyōto).
 *
 * Pure: no framework, no I/O.
 */

const VOWELS: Record<string, string> = { a: 'あ', i: 'い', u: 'う', e: 'え', o: 'お' };

/** Consonant (cluster) → the kana row a..o, '' where the syllable does not exist in that row. */
const ROWS: Record<string, [string, string, string, string, string]> = {
  k: ['か', 'き', 'く', 'け', 'こ'],
  g: ['が', 'ぎ', 'ぐ', 'げ', 'ご'],
  s: ['さ', 'し', 'す', 'せ', 'そ'],
  z: ['ざ', 'じ', 'ず', 'ぜ', 'ぞ'],
  t: ['た', 'ち', 'つ', 'て', 'と'],
  d: ['だ', 'ぢ', 'づ', 'で', 'ど'],
  n: ['な', 'に', 'ぬ', 'ね', 'の'],
  h: ['は', 'ひ', 'ふ', 'へ', 'ほ'],
  f: ['ふぁ', 'ふぃ', 'ふ', 'ふぇ', 'ふぉ'],
  b: ['ば', 'び', 'ぶ', 'べ', 'ぼ'],
  p: ['ぱ', 'ぴ', 'ぷ', 'ぺ', 'ぽ'],
  m: ['ま', 'み', 'む', 'め', 'も'],
  y: ['や', '', 'ゆ', 'いぇ', 'よ'],
  r: ['ら', 'り', 'る', 'れ', 'ろ'],
  l: ['ら', 'り', 'る', 'れ', 'ろ'],
  w: ['わ', 'うぃ', 'う', 'うぇ', 'を'],
  v: ['ゔぁ', 'ゔぃ', 'ゔ', 'ゔぇ', 'ゔぉ'],
  j: ['じゃ', 'じ', 'じゅ', 'じぇ', 'じょ'],
  sh: ['しゃ', 'し', 'しゅ', 'しぇ', 'しょ'],
  ch: ['ちゃ', 'ち', 'ちゅ', 'ちぇ', 'ちょ'],
  ts: ['つぁ', 'つぃ', 'つ', 'つぇ', 'つぉ'],
  x: ['ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ'],
  // 拗音: ky, sy (訓令式 of sh), ty (訓令式 of ch), zy/jy (訓令式 of j), …
  ky: ['きゃ', 'きぃ', 'きゅ', 'きぇ', 'きょ'],
  gy: ['ぎゃ', 'ぎぃ', 'ぎゅ', 'ぎぇ', 'ぎょ'],
  sy: ['しゃ', 'しぃ', 'しゅ', 'しぇ', 'しょ'],
  zy: ['じゃ', 'じぃ', 'じゅ', 'じぇ', 'じょ'],
  jy: ['じゃ', 'じぃ', 'じゅ', 'じぇ', 'じょ'],
  ty: ['ちゃ', 'ちぃ', 'ちゅ', 'ちぇ', 'ちょ'],
  cy: ['ちゃ', 'ちぃ', 'ちゅ', 'ちぇ', 'ちょ'],
  dy: ['ぢゃ', 'ぢぃ', 'ぢゅ', 'ぢぇ', 'ぢょ'],
  ny: ['にゃ', 'にぃ', 'にゅ', 'にぇ', 'にょ'],
  hy: ['ひゃ', 'ひぃ', 'ひゅ', 'ひぇ', 'ひょ'],
  by: ['びゃ', 'びぃ', 'びゅ', 'びぇ', 'びょ'],
  py: ['ぴゃ', 'ぴぃ', 'ぴゅ', 'ぴぇ', 'ぴょ'],
  my: ['みゃ', 'みぃ', 'みゅ', 'みぇ', 'みょ'],
  ry: ['りゃ', 'りぃ', 'りゅ', 'りぇ', 'りょ'],
  xy: ['ゃ', '', 'ゅ', '', 'ょ'],
  ly: ['ゃ', '', 'ゅ', '', 'ょ'],
};

const VOWEL_INDEX: Record<string, number> = { a: 0, i: 1, u: 2, e: 3, o: 4 };

/** Macron and circumflex vowels as the kana a Japanese reading has (ō → ou: そうせき). */
const LONG: Record<string, string> = { ā: 'aa', â: 'aa', ī: 'ii', î: 'ii', ū: 'uu', û: 'uu', ē: 'ei', ê: 'ei', ō: 'ou', ô: 'ou' };

/**
 * Hiragana for a romaji word or phrase, or null when it is not romaji: a letter other than
 * a–z (after long vowels), or a consonant that makes no syllable (`natsumx`). Spaces are kept.
 */
export function romajiToKana(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[āâīîūûēêōô]/g, (c) => LONG[c])
    .replace(/[-‐'’]/g, (c) => (c === '-' || c === '‐' ? '' : "'"))
    .trim();
  if (!/[a-z]/.test(s) || !/^[a-z' ]+$/.test(s)) return null;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ') {
      out += ' ';
      i++;
      continue;
    }
    if (c === "'") {
      i++;
      continue;
    }
    if (VOWELS[c]) {
      out += VOWELS[c];
      i++;
      continue;
    }
    // ん: nn, n', n before a consonant or at the end
    if (c === 'n') {
      const next = s[i + 1];
      if (next === 'n' && !(s[i + 2] && (VOWELS[s[i + 2]] || s[i + 2] === 'y'))) {
        out += 'ん';
        i += 2;
        continue;
      }
      if (next === undefined || next === ' ' || next === "'" || (!VOWELS[next] && next !== 'y')) {
        out += 'ん';
        i += next === "'" ? 2 : 1;
        continue;
      }
    }
    // っ: a doubled consonant (kk, tt, tch, ss); m before b/p/m is ん (Hepburn shimbun)
    const next = s[i + 1];
    if (next && c === next && !VOWELS[c] && c !== 'n') {
      out += 'っ';
      i++;
      continue;
    }
    if (c === 't' && next === 'c' && s[i + 2] === 'h') {
      out += 'っ';
      i++;
      continue;
    }
    if (c === 'm' && (next === 'b' || next === 'p')) {
      out += 'ん';
      i++;
      continue;
    }
    let matched = false;
    for (const len of [3, 2, 1]) {
      const cons = s.slice(i, i + len - 1 + 1);
      const head = cons.slice(0, len - 1);
      const vowel = cons[len - 1];
      if (len === 1 || !ROWS[head] || vowel === undefined || VOWEL_INDEX[vowel] === undefined) continue;
      const kana = ROWS[head][VOWEL_INDEX[vowel]];
      if (!kana) continue;
      out += kana;
      i += len;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  const result = out.replace(/ +/g, ' ').trim();
  return result || null;
}
