/**
 * Why a record could not be imported, in the words of a Japanese page. The API reports the
 * parsers' reasons in English (technical, also for logs and scripts); these are the ones it
 * gives, put into Japanese; anything not listed keeps its text after a Japanese lead-in.
 */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^line (\d+): (.*)$/s, (m) => `${m[1]} 行目：${importReasonJa(m[2])}`],
  [/^no title\b/, () => 'タイトルがありません（MARC の 245 $a、CSV のタイトル列）。'],
  [/^unterminated quoted field starting on line (\d+)/, (m) => `${m[1]} 行目から始まる引用符（"）が閉じていません。`],
  [/^the CSV header has no title column/, () => 'CSV の見出し行にタイトルの列（タイトル／書名／title）がありません。'],
  [/^unrecognised file format/, () => 'ファイルの形式がわかりません。MARC 21（ISO 2709）、MARCXML、CSV のいずれかにしてください。'],
  [/^malformed XML at (.*?):/, (m) => `XML の書き方に誤りがあります（${m[1]}）。`],
  [/^truncated XML/, () => 'XML がレコードの途中で終わっています。'],
  [/^record has no fields/, () => 'レコードにフィールドがありません。'],
  [/^empty record/, () => '空のレコードです。'],
  [/^duplicate: (.*)$/s, (m) => `同じ番号の資料がすでにあります（${m[1]}）。`],
  [/^VALIDATION\b/, () => '項目の値が正しくありません。'],
  [/^UNKNOWN_BRANCH\b/, () => '所蔵館のコードが登録されていません。'],
];

export function importReasonJa(reason: string): string {
  for (const [re, ja] of RULES) {
    const m = re.exec(reason);
    if (m) return ja(m);
  }
  return `取り込めませんでした（${reason}）`;
}

/** The reason in the page's language. */
export function importReason(reason: string, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? importReasonJa(reason) : reason;
}
