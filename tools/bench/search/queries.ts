import type { SearchParams } from '../../../apps/api/src/modules/catalog/search/search-query';

export type BenchQuery = Partial<SearchParams> & { label?: string };

/**
 * What patrons type into a city OPAC, on Aozora Bunko titles and authors: exact titles,
 * readings in hiragana and half-width katakana, a single kanji, author names (several
 * hundred works each, so tens of thousands of records at 1M), field searches, filters,
 * sorts and a second page. Two ISBN queries are added at run time from the loaded data.
 */
export const QUERY_MIX: BenchQuery[] = [
  { q: '吾輩は猫である' },
  { q: '羅生門' },
  { q: 'らしょうもん' },
  { q: 'ﾗｼｮｳﾓﾝ' },
  { q: '銀河鉄道の夜' },
  { q: '走れメロス' },
  { q: '坊っちゃん' },
  { q: '人間失格' },
  { q: '注文の多い料理店' },
  { q: '風の又三郎' },
  { q: 'こころ' },
  { q: '猫' },
  { q: '夏目漱石' },
  { q: '芥川 龍之介' },
  { q: '宮沢賢治' },
  { author: '太宰治', sort: 'newest' },
  { author: '森鴎外' },
  { title: '源氏物語' },
  { q: '桜', sort: 'title' },
  { q: 'こころ', available: true },
  { q: '与謝野晶子', materialType: ['book'], yearFrom: 1990 },
  { q: '平家物語', page: 2 },
  { q: '漱石', publisher: '岩波書店' },
  { q: 'ぎんがてつどう' },
];

/** The query string the OPAC sends for a query. */
export function toQueryString(q: BenchQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k === 'label') continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return params.toString();
}

export function label(q: BenchQuery): string {
  return q.label ?? decodeURIComponent(toQueryString(q));
}
