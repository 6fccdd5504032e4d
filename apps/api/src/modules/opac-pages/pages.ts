import type { SearchHit, SearchResult } from '@shiori/contracts';
import { type BrandColours, SEARCH_SORTS, SEARCH_URL_KEYS, SEARCH_WORD_KEYS } from '@shiori/policy';
import type { NewsHeadline } from '../news';
import { clip, esc, jsonLd, metaTags } from './html';
import { authorNames, BranchGuide, bookLd, libraryLd, PublicRecord } from './schema-org';

/** What the server puts into an OPAC page (the shape engine/http/static-apps.ts expects). */
export interface Page {
  status: number;
  title: string;
  head: string;
  body: string;
}

export interface City {
  name: string;
  branches: BranchGuide[];
  /** `https://…/opac/{slug}/` */
  base: string;
  /** the city's brand colour on the top bar, as the app paints it (libs/policy brandColours), or null */
  brand: BrandColours | null;
}

/** A copy's status as the OPAC's record page words it (Japanese first, like the page). */
const STATUS: Record<string, string> = {
  'on-shelf': '在架 On shelf',
  'on-loan': '貸出中 On loan',
  reserved: '予約あり Reserved',
  'on-hold-shelf': '予約取置中 On hold shelf',
  'in-transit': '回送中 In transit',
  missing: '所在不明 Missing',
};

const NOINDEX = '    <meta name="robots" content="noindex">';

/** Pages about one patron, and the kiosk: never in a search engine's index. */
export function isPrivatePath(appPath: string, query: Record<string, unknown>): boolean {
  if (query['kiosk'] !== undefined) return true;
  return /^(my|card|cart|hold|login|register|forgot-password|reset-password|confirm-email|confirm-password|change-password)(\/|$)/.test(appPath);
}

export function privatePage(city: City): Page {
  return { status: 200, title: esc(city.name ? `蔵書検索 | ${city.name}` : '蔵書検索'), head: NOINDEX, body: loading() };
}

function loading(): string {
  return '<p style="margin: 0; padding: 1rem">読み込み中… Loading…</p>';
}

/**
 * The page inside the app's frame: the city's bar and the main column, drawn by the global
 * styles (apps/opac/src/styles.scss, `.ssr-*`) as the app's shell draws them, so the page does
 * not move when the app replaces it.
 */
function frame(city: City, content: string, waitForInteraction = true): string {
  // data-server-page: the app starts on the patron's first interaction (apps/opac/src/main.ts)
  const brand = city.brand ? ` style="--shiori-brand:${city.brand.background};--shiori-on-brand:${city.brand.foreground}"` : '';
  return `<header class="ssr-bar top-bar"${brand}>${bar(city)}</header><main class="ssr-main"${waitForInteraction ? ' data-server-page' : ''}>${content}</main>`;
}

/** A button of the bar: an icon of the OPAC's font and its word (the app's shell, app.html). */
function barItem(icon: string, word: string): string {
  return `<span class="icon" aria-hidden="true">${icon}</span><span>${word}</span>`;
}

/**
 * The app's bar for an anonymous visitor in Japanese (app.html; the app's words in
 * apps/opac/src/app/core/i18n.ts): its links go to the server's next page (or to a page that
 * starts the app at once: 予約かご, ログイン); メニュー and English are the app's, so a press on
 * them starts the app, which presses its own (`data-replay`, apps/opac/src/first-interaction.ts).
 */
function bar(city: City): string {
  return (
    `<a class="ssr-city" href="./">${esc(city.name)}</a><span class="spacer"></span>` +
    '<nav class="nav wide" aria-label="メインメニュー">' +
    `<a class="bar-button" href="search">${barItem('search', 'さがす')}</a>` +
    `<a class="bar-button" href="libraries">${barItem('local_library', '館の案内')}</a>` +
    `<a class="bar-button" href="cart" aria-label="予約かご（0 点）">${barItem('shopping_basket', '予約かご')}</a>` +
    `<a class="bar-button" href="login">${barItem('login', 'ログイン')}</a></nav>` +
    '<nav class="nav phone" aria-label="メインメニュー">' +
    `<a class="bar-button stacked" href="search">${barItem('search', 'さがす')}</a>` +
    `<a class="bar-button stacked" href="cart" aria-label="予約かご（0 点）">${barItem('shopping_basket', '予約かご')}</a>` +
    `<button class="bar-button stacked" type="button" aria-haspopup="menu" aria-expanded="false" data-replay="menu">${barItem('menu', 'メニュー')}</button></nav>` +
    `<button class="bar-button language wide" type="button" lang="en" data-replay="language"><span class="icon" aria-hidden="true">translate</span>English</button>`
  );
}

function branchGuide(b: BranchGuide): string {
  const rows = [
    b.address ? `<dt>住所 Address</dt><dd>${esc(b.address)}</dd>` : '',
    b.phone ? `<dt>電話 Phone</dt><dd>${esc(b.phone)}</dd>` : '',
    b.hours?.ja ? `<dt>開館時間 Hours</dt><dd style="white-space: pre-line">${esc(b.hours.ja)}</dd>` : '',
  ].join('');
  return `<li><h3>${esc(b.name)}</h3>${rows ? `<dl>${rows}</dl>` : ''}</li>`;
}

function searchForm(q = ''): string {
  // a plain GET form: it searches even before (or without) the app
  return (
    '<form action="search" method="get" role="search"><label for="ssr-q">キーワード Keyword</label> ' +
    `<input id="ssr-q" name="q" type="search" data-replay="q"${q ? ` value="${esc(q)}"` : ''}> <button type="submit">検索 Search</button></form>`
  );
}

/** 「{region}の図書館をまとめて探す」: each region's search (the app's region/city-region-links.ts), plain links. */
function regionLinks(regions: { name: string; href: string }[]): string {
  if (!regions.length) return '';
  const items = regions.map((r) => `<li><a href="${esc(r.href)}">${esc(r.name)}の図書館をまとめて探す</a></li>`).join('');
  return `<nav class="ssr-region-links" aria-label="他の図書館もさがす"><ul>${items}</ul></nav>`;
}

/** A news item's day as the app writes it (home/news-events.ts: ja-JP, year, short month, day). */
function newsDay(iso: string): string {
  return new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}

/** 図書館からのお知らせ as the app's home page lists them (home/news-events.ts). */
function newsSection(news: NewsHeadline[]): string {
  if (!news.length) return '';
  const items = news
    .map((n) => `<li><time datetime="${esc(n.publishedAt)}">${esc(newsDay(n.publishedAt))}</time> <strong>${esc(n.title)}</strong>${n.body ? `<p>${esc(n.body)}</p>` : ''}</li>`)
    .join('');
  return `<section class="ssr-news" aria-labelledby="ssr-news-heading"><h2 id="ssr-news-heading">図書館からのお知らせ</h2><ul>${items}</ul></section>`;
}

/** The home page: the city, a search form, its libraries with address and hours, and the library's news. */
export function homePage(city: City, news: NewsHeadline[] = [], regions: { name: string; href: string }[] = []): Page {
  const libraries = city.branches.filter((b) => !b.isBookmobile);
  const description = clip(`${city.name}の蔵書検索（OPAC）。${libraries.map((b) => b.name).join('、')}の本を探して予約できます。`, 160);
  const title = `蔵書検索 | ${city.name}`;
  const ld = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebSite',
        name: title,
        url: city.base,
        inLanguage: 'ja',
        potentialAction: { '@type': 'SearchAction', target: `${city.base}search?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
      },
      ...libraries.map((b) => libraryLd(b, city.name, city.base + 'libraries')),
    ],
  };
  return {
    status: 200,
    title: esc(title),
    head: `${metaTags({ title, description, url: city.base, siteName: city.name, type: 'website' })}\n    ${jsonLd(ld)}`,
    body: frame(
      city,
      // the app's own hero (home-page.html), laid out by the same rules (styles.scss, .ssr-*): the
      // app draws the same words in the same boxes when it takes over, so nothing jumps and the
      // largest text a phone paints is the server's (the words are the app's home.heading and
      // home.intro, apps/opac/src/app/core/i18n.ts)
      `<section class="ssr-hero"><p class="ssr-library">${esc(city.name)}</p><h1 class="ssr-heading">本をさがす</h1>` +
        `<p class="ssr-intro">タイトル・著者名・キーワードで、図書館の本をさがせます。</p>${searchForm()}${regionLinks(regions)}</section>` +
        `<h2>図書館 Libraries</h2><ul>${libraries.map(branchGuide).join('')}</ul>${newsSection(news)}`,
    ),
  };
}

/** 館の案内: every library's address and hours. */
export function librariesPage(city: City): Page {
  const libraries = city.branches.filter((b) => !b.isBookmobile);
  const title = `図書館の案内 | ${city.name}`;
  const description = clip(`${city.name}の図書館（${libraries.map((b) => b.name).join('、')}）の住所・電話番号・開館時間。`, 160);
  const ld = { '@context': 'https://schema.org', '@graph': libraries.map((b) => libraryLd(b, city.name, city.base + 'libraries')) };
  return {
    status: 200,
    title: esc(title),
    head: `${metaTags({ title, description, url: city.base + 'libraries', siteName: city.name, type: 'website' })}\n    ${jsonLd(ld)}`,
    // the app's 館の案内 says more (open today, the opening calendar): it starts at once here
    body: frame(city, `<h1>図書館の案内</h1><ul>${libraries.map(branchGuide).join('')}</ul>`, false),
  };
}

export type SearchConditions = Record<string, string | number>;

/**
 * The search conditions of an OPAC search page's URL as its app reads them (libs/policy
 * SEARCH_URL_KEYS, which the app's search page reads too; trimmed, empty ones left out; page
 * and size as numbers), or null when the app would not search (none of SEARCH_WORD_KEYS): what
 * the app would ask GET /search for, so the server asks the same.
 */
export function searchConditions(query: Record<string, unknown>): SearchConditions | null {
  const out: SearchConditions = {};
  for (const key of SEARCH_URL_KEYS) {
    const v = query[key];
    if (v === undefined || v === null || String(v).trim() === '') continue;
    out[key] = key === 'page' || key === 'size' ? Number(v) || 1 : String(v).trim();
  }
  if (out['sort'] !== undefined && !(SEARCH_SORTS as readonly string[]).includes(String(out['sort']))) delete out['sort'];
  return SEARCH_WORD_KEYS.some((k) => out[k] !== undefined) ? out : null;
}

/** The element id of the search answer embedded in the page (the OPAC's search page reads it: search/server-answer.ts). */
export const SEARCH_ANSWER_ID = 'opac-search-answer';

/** What the server searched for a search page: the app's conditions and the JSON search's answer (its very text). */
export interface FirstHits {
  asked: SearchConditions;
  json: string;
}

/** A hit of the search's answer (@shiori/contracts SearchHit) as the page draws it. */
type AnswerHit = Pick<SearchHit, 'id' | 'title' | 'subtitle' | 'volume' | 'authors' | 'publisher' | 'year' | 'availability'>;

/** The app's availability words (apps/opac/src/app/core/i18n.ts availability.*). */
const AVAILABILITY: Record<string, string> = { available: '貸出可', 'on-loan': '貸出中', 'reference-only': '館内利用のみ', unavailable: '利用できません' };

/** A hit as the app's hit list draws it (search/hit-list.ts: the same classes, styled by styles.scss `.ssr-results`). */
function hitItem(hit: AnswerHit): string {
  const meta = [authorNames(hit.authors).join(', '), hit.publisher ?? '', hit.year ? String(hit.year) : ''].filter(Boolean);
  const a = hit.availability;
  const words = a && AVAILABILITY[a.status];
  const badge = words ? `<span class="availability-badge ${esc(a.status)}">${esc(a.total > 0 ? `${words} （${a.available}/${a.total} 冊）` : words)}</span>` : '';
  return (
    `<li class="hit"><div class="body"><a class="title" href="records/${esc(hit.id)}">${esc(hit.title)}${hit.volume ? `<span class="volume"> ${esc(hit.volume)}</span>` : ''}</a>` +
    (hit.subtitle ? `<div class="subtitle">${esc(hit.subtitle)}</div>` : '') +
    `<div class="meta">${meta.map((m) => `<span>${esc(m)}</span>`).join('')}</div>${badge}</div></li>`
  );
}

/** JSON inside `<script type="application/json">`: no `</script>` or `<!--` can close it early. */
function jsonScript(id: string, json: string): string {
  return `<script type="application/json" id="${id}">${json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}</script>`;
}

/**
 * A search: its own title and description and, when the server searched (`found`), the first
 * page of hits in the HTML (as the app's hit list draws them, so its first paint is the
 * largest) and the search's answer as JSON, which the app uses instead of searching again. A
 * search engine may follow its links to the records.
 */
export function searchPage(city: City, q: string, found: FirstHits | null = null): Page {
  const words = clip(q.trim(), 60);
  const title = words ? `「${words}」の検索結果 | ${city.name}` : `蔵書検索 | ${city.name}`;
  const description = words ? `${city.name}の蔵書から「${words}」を検索した結果です。` : `${city.name}の蔵書を検索できます。`;
  const head = [`    <meta name="description" content="${esc(description)}">`];
  let body = loading();
  if (found) {
    const answer = JSON.parse(found.json) as SearchResult;
    const start = (Number(found.asked['page'] ?? 1) - 1) * Number(found.asked['size'] ?? 20) + 1;
    const said = [found.asked['q'], found.asked['title'], found.asked['author'], found.asked['publisher'], found.asked['isbn']].filter(Boolean).join(', ');
    const total = answer.total > 0 ? `「${said}」の検索結果：${answer.exact === false ? '約 ' : ''}${answer.total} 件` : `「${said}」に一致する資料は見つかりませんでした。`;
    body =
      `<h1 class="ssr-search-title">検索結果</h1>${searchForm(q)}` +
      `<section class="ssr-results" aria-label="検索結果一覧"><p class="total">${esc(total)}</p>` +
      (answer.hits.length ? `<ol class="hits" start="${start}">${answer.hits.map(hitItem).join('')}</ol>` : '') +
      '</section>';
    head.push(`    ${jsonScript(SEARCH_ANSWER_ID, `${JSON.stringify({ asked: found.asked }).slice(0, -1)},"answer":${found.json}}`)}`);
  }
  return { status: 200, title: esc(title), head: head.join('\n'), body: frame(city, body) };
}

/** A record: title, author, publisher, year, ISBN and where its copies are. */
export function recordPage(city: City, record: PublicRecord): Page {
  const url = `${city.base}records/${record.id}`;
  const authors = authorNames(record.authors);
  const fullTitle = [record.title, record.subtitle].filter(Boolean).join(' ');
  const title = `${record.title} | ${city.name}`;
  const available = record.copies.filter((c) => c.loanable && c.status === 'on-shelf').length;
  const description = clip(
    [
      [authors.join('・'), record.publisher, record.publishedYear ? `${record.publishedYear}年` : ''].filter(Boolean).join('、'),
      `${fullTitle}。${city.name}の所蔵 ${record.copies.length}冊（貸出可能 ${available}冊）。`,
    ]
      .filter(Boolean)
      .join(' / '),
    160,
  );
  const details = [
    authors.length ? `<dt>著者 Author</dt><dd>${esc(authors.join('・'))}</dd>` : '',
    record.publisher ? `<dt>出版者 Publisher</dt><dd>${esc(record.publisher)}</dd>` : '',
    record.publishedYear ? `<dt>出版年 Year</dt><dd>${esc(record.publishedYear)}</dd>` : '',
    record.series ? `<dt>シリーズ Series</dt><dd>${esc(record.series)}</dd>` : '',
    record.isbn ? `<dt>ISBN</dt><dd>${esc(record.isbn)}</dd>` : '',
  ].join('');
  const copies = record.copies
    .map(
      (c) =>
        `<tr><td>${esc(c.branchName)}</td><td>${esc(c.shelfLocation ?? '')}</td><td>${esc(STATUS[c.status] ?? c.status)}${c.loanable ? '' : '（禁帯出 Reference only）'}</td></tr>`,
    )
    .join('');
  return {
    status: 200,
    title: esc(title),
    head: `${metaTags({ title, description, url, siteName: city.name, type: 'book' })}\n    ${jsonLd(bookLd(record, city.branches, city.name, url, city.base))}`,
    body: frame(
      city,
      `<article><h1>${esc(record.title)}</h1>${record.subtitle ? `<p>${esc(record.subtitle)}</p>` : ''}` +
      `${details ? `<dl>${details}</dl>` : ''}${actions(record)}<h2>所蔵 Holdings</h2>` +
      (copies
        ? `<table><thead><tr><th scope="col">図書館 Library</th><th scope="col">場所 Shelf</th><th scope="col">状態 Status</th></tr></thead><tbody>${copies}</tbody></table>`
        : '<p>所蔵なし No copies</p>') +
        '</article>',
    ),
  };
}

/**
 * 予約する and 予約かごに入れる when the record can be reserved (the app's record page,
 * record-page.html): the first is a link to the hold's page, the second the app's button, which
 * the app presses once it has started (a press here starts it: apps/opac/src/first-interaction.ts).
 */
function actions(record: PublicRecord): string {
  if (!record.reservable?.ok) return '';
  return (
    '<section class="ssr-actions" aria-label="この資料について">' +
    `<a class="ssr-action primary" href="hold/${esc(record.id)}"><span class="icon" aria-hidden="true">event_available</span>予約する</a>` +
    '<button class="ssr-action" type="button" data-replay="add-to-cart"><span class="icon" aria-hidden="true">add_shopping_cart</span>予約かごに入れる</button>' +
    '</section>'
  );
}

/** An unknown or withdrawn record: 404, not indexed, the app then says so in its own words. */
export function missingRecordPage(city: City): Page {
  return { status: 404, title: esc(`資料が見つかりません | ${city.name}`), head: NOINDEX, body: loading() };
}

/**
 * The OPAC installed on a phone's home screen: the city's name, its own start URL and scope.
 * URLs are relative to the manifest (`/opac/{slug}/manifest.webmanifest`), so they stay on the
 * host the patron used.
 */
export function webAppManifest(city: City): object {
  return {
    name: `${city.name} 蔵書検索`,
    short_name: clip(city.name, 12),
    description: `${city.name}の蔵書検索（OPAC）`,
    lang: 'ja',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f8f9ff',
    theme_color: '#1b5e8c',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
