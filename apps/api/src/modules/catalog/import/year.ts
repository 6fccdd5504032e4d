/** Years from free-text dates in catalogue data. */

const ERAS: Array<[RegExp, number]> = [
  [/(?:令和|\bR\.?)\s*(元|\d{1,2})(?!\d)/, 2018],
  [/(?:平成|\bH\.?)\s*(元|\d{1,2})(?!\d)/, 1988],
  [/(?:昭和|\bS\.?)\s*(元|\d{1,2})(?!\d)/, 1925],
  [/(?:大正|\bT\.?)\s*(元|\d{1,2})(?!\d)/, 1911],
  [/(?:明治|\bM\.?)\s*(元|\d{1,2})(?!\d)/, 1867],
];

/** The first plausible year in a date text: "c1972.", "[1971-1972]", "昭和46", "2010（平成22）". */
export function parseYear(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = s.normalize('NFKC');
  const m = /(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)/.exec(t);
  if (m) return Number(m[1]);
  for (const [re, offset] of ERAS) {
    const e = re.exec(t);
    if (e) return offset + (e[1] === '元' ? 1 : Number(e[1]));
  }
  return undefined;
}

