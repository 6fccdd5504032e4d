/**
 * A sortable number for a volume designation, so 上・中・下 and 1, 2, 10 sort as readers
 * expect: 上 1, 中 2, 下 3; 前 1, 後 2; 第3巻 / 3巻 / v.3 / ３ → 3; 第十二巻 → 12.
 * Null when nothing numeric is found (the volume then sorts last).
 */
const WORD_ORDER: Record<string, number> = { 上: 1, 中: 2, 下: 3, 前: 1, 後: 2, 正: 1, 続: 2, 續: 2, 天: 1, 地: 2, 人: 3 };
const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function kanjiNumber(s: string): number | null {
  if (!/^[〇零一二三四五六七八九十百千]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in KANJI_DIGITS) current = current * 10 + KANJI_DIGITS[ch];
    else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (current || 1) * unit;
      current = 0;
    }
  }
  return total + current;
}

export function volumeSortKey(volume: string | null | undefined): number | null {
  if (!volume) return null;
  const v = volume.normalize('NFKC').trim();
  const digits = /(\d{1,6})/.exec(v);
  if (digits) return Number(digits[1]);
  const kanji = /([〇零一二三四五六七八九十百千]+)/.exec(v);
  if (kanji) {
    const n = kanjiNumber(kanji[1]);
    if (n !== null) return n;
  }
  for (const ch of v) if (ch in WORD_ORDER) return WORD_ORDER[ch];
  return null;
}
