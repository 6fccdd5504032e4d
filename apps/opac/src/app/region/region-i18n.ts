import { inject, Injectable } from '@angular/core';
import { I18n } from '../core/i18n';

/**
 * The regional OPAC's own texts, Japanese first. The language is the OPAC's (core I18n, the
 * same choice as on a city's pages); texts both share (facets, availability, material types)
 * come from the core dictionary.
 */
const ja = {
  'region.title': '{region}の図書館をまとめて探す',
  'region.titlePlain': '横断検索',
  'region.intro': '{region}の図書館の本を一度に探せます。借りたい本は、各図書館の資料ページから予約できます。',
  'region.members': '対象の図書館：{cities}',
  'region.prompt': 'タイトル・著者名・キーワード・ISBN を入力してください。',
  'region.total': '「{q}」の検索結果：{total} 件（図書館をまたいで同じ本は1件にまとめています）',
  'region.totalAbout': '「{q}」の検索結果：{total} 件以上（図書館をまたいで同じ本は1件にまとめています）',
  'region.empty': '「{q}」に一致する資料は見つかりませんでした。',
  'region.failed': '検索できませんでした。',
  'region.notFound': 'この地域は登録されていません。URL をご確認ください。',
  'region.missingHeading': '一部の図書館は結果に含まれていません',
  'region.missingItem': '{city}：{reason}',
  'region.holdings': '所蔵する図書館',
  'region.city': '図書館',
  'region.copies': '所蔵',
  'region.status': '状況',
  'region.copiesCount': '{copies} 冊',
  'region.allOnLoan': 'すべて貸出中',
  'region.openRecord': '{city}の資料ページ（予約はこちら）',
  'region.openRecordShort': '資料ページ',
  'region.workAvailable': 'いずれかの図書館で貸出可',
  'region.workOnLoan': 'すべて貸出中',
  'region.workUnavailable': '貸出できません',
  'region.facetCity': '図書館',
  'region.facetAllCities': 'すべての図書館',
  'region.byAuthor': '著者：{authors}',
  'region.cityLink': '{region}の図書館をまとめて探す',
  'region.cityLinkHeading': '他の図書館もさがす',
  'region.pages': '検索結果のページ',
  'region.prev': '前のページ',
  'region.next': '次のページ',
  'region.pageOf': '{page} / {pages} ページ',
  'region.pageN': '{page} ページ目',
  'region.reservableNote': '予約できるかどうかは、各図書館の予約のきまりで判断します。',
  'region.yearChosen': '出版年 {from}–{to}',
  'region.authorPrefix': '著者：',
  'region.authorSearch': '著者「{name}」の資料を各図書館で探す',
  'region.authorChosen': '著者：{name}',
  'region.excludedChosen': '{facet}：除外 {name}',
  'region.chosenHeading': '絞り込み中の条件',
};

type RegionKey = keyof typeof ja;

const en: Record<RegionKey, string> = {
  'region.title': 'Search all libraries in {region}',
  'region.titlePlain': 'Regional search',
  'region.intro': 'Search the books of every library in {region} at once. To borrow one, place a hold on that library’s record page.',
  'region.members': 'Libraries searched: {cities}',
  'region.prompt': 'Enter a title, author, keyword or ISBN.',
  'region.total': '{total} results for “{q}” (the same book in several libraries is shown once)',
  'region.totalAbout': 'More than {total} results for “{q}” (the same book in several libraries is shown once)',
  'region.empty': 'Nothing found for “{q}”.',
  'region.failed': 'The search failed.',
  'region.notFound': 'There is no such region. Please check the URL.',
  'region.missingHeading': 'Some libraries are not in these results',
  'region.missingItem': '{city}: {reason}',
  'region.holdings': 'Libraries holding it',
  'region.city': 'Library',
  'region.copies': 'Copies',
  'region.status': 'Status',
  'region.copiesCount': '{copies}',
  'region.allOnLoan': 'All on loan',
  'region.openRecord': 'Record page at {city} (place a hold there)',
  'region.openRecordShort': 'Record page',
  'region.workAvailable': 'Available in at least one library',
  'region.workOnLoan': 'All copies on loan',
  'region.workUnavailable': 'Not available for loan',
  'region.facetCity': 'Library',
  'region.facetAllCities': 'All libraries',
  'region.byAuthor': 'Author: {authors}',
  'region.cityLink': 'Search all libraries in {region}',
  'region.cityLinkHeading': 'Search other libraries',
  'region.pages': 'Result pages',
  'region.prev': 'Previous page',
  'region.next': 'Next page',
  'region.pageOf': 'Page {page} of {pages}',
  'region.pageN': 'Page {page}',
  'region.reservableNote': 'Each library’s own hold rules decide what can be reserved.',
  'region.yearChosen': 'Published {from}–{to}',
  'region.authorPrefix': 'Author: ',
  'region.authorSearch': 'Works by “{name}” in every library',
  'region.authorChosen': 'Author: {name}',
  'region.excludedChosen': '{facet}: leaving out {name}',
  'region.chosenHeading': 'Filters in use',
};

const MESSAGES: Record<'ja' | 'en', Record<RegionKey, string>> = { ja, en };

@Injectable({ providedIn: 'root' })
export class RegionText {
  private readonly i18n = inject(I18n);
  readonly lang = this.i18n.lang;

  readonly t = (key: RegionKey, params?: Record<string, string | number>): string => {
    const text = MESSAGES[this.i18n.lang()][key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}
