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
function frame(city: City, content: string): string {
  return `<div class="ssr-bar"><a class="ssr-city" href="./">${esc(city.name)}</a></div><main class="ssr-main">${content}</main>`;
}

function branchGuide(b: BranchGuide): string {
  const rows = [
    b.address ? `<dt>住所 Address</dt><dd>${esc(b.address)}</dd>` : '',
    b.phone ? `<dt>電話 Phone</dt><dd>${esc(b.phone)}</dd>` : '',
    b.hours?.ja ? `<dt>開館時間 Hours</dt><dd style="white-space: pre-line">${esc(b.hours.ja)}</dd>` : '',
  ].join('');
  return `<li><h3>${esc(b.name)}</h3>${rows ? `<dl>${rows}</dl>` : ''}</li>`;
}

function searchForm(): string {
  // a plain GET form: it searches even before (or without) the app
  return (
    '<form action="search" method="get" role="search"><label for="ssr-q">キーワード Keyword</label> ' +
    '<input id="ssr-q" name="q" type="search"> <button type="submit">検索 Search</button></form>'
  );
}

/** The home page: the city, a search form, and its libraries with address and hours. */
export function homePage(city: City): Page {
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
        `<p class="ssr-intro">タイトル・著者名・キーワードで、図書館の本をさがせます。</p>${searchForm()}</section>` +
        `<h2>図書館 Libraries</h2><ul>${libraries.map(branchGuide).join('')}</ul>`,
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
    body: frame(city, `<h1>図書館の案内</h1><ul>${libraries.map(branchGuide).join('')}</ul>`),
  };
}

/**
 * A search: its own title and description (the results themselves come from the app); a
 * search engine may follow its links to the records.
 */
export function searchPage(city: City, q: string): Page {
  const words = clip(q.trim(), 60);
  const title = words ? `「${words}」の検索結果 | ${city.name}` : `蔵書検索 | ${city.name}`;
  const description = words ? `${city.name}の蔵書から「${words}」を検索した結果です。` : `${city.name}の蔵書を検索できます。`;
  return {
    status: 200,
    title: esc(title),
    head: `    <meta name="description" content="${esc(description)}">`,
    body: frame(city, loading()),
  };
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
      `${details ? `<dl>${details}</dl>` : ''}<h2>所蔵 Holdings</h2>` +
      (copies
        ? `<table><thead><tr><th scope="col">図書館 Library</th><th scope="col">場所 Shelf</th><th scope="col">状態 Status</th></tr></thead><tbody>${copies}</tbody></table>`
        : '<p>所蔵なし No copies</p>') +
        '</article>',
    ),
  };
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
