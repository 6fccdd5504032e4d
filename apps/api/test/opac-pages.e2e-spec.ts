import { tenantManager } from '@shiori/tenancy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { adminToken, createTestApp, PUBLIC_URL, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, setItemStatus, twoCatalogTenants } from './support/catalog-factories';

/**
 * The OPAC as search engines and shared links see it (issue #19): a record page and the home
 * page carry their real content, title, description, Open Graph and schema.org data in the HTML
 * the API serves; robots.txt and each city's sitemap; compressed, long-cached assets.
 */
describe('OPAC pages served by the API', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-opac-pages-'));
  const browser = path.join(dir, 'opac', 'browser');
  const script = `console.log(${JSON.stringify('蔵書検索 '.repeat(400))});`;
  let t: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;

  beforeAll(async () => {
    fs.mkdirSync(browser, { recursive: true });
    fs.writeFileSync(
      path.join(browser, 'index.html'),
      '<!doctype html>\n<html lang="ja">\n  <head>\n    <title>蔵書検索</title>\n    <base href="/">\n  </head>\n  <body>\n    <opac-root><p>読み込み中… Loading…</p></opac-root>\n    <script src="main-ABCD1234.js" type="module"></script>\n  </body>\n</html>\n',
    );
    fs.writeFileSync(path.join(browser, 'main-ABCD1234.js'), script);
    fs.writeFileSync(path.join(browser, 'offline.html'), '<p>接続されていません</p>');
    t = await createTestApp({ STATIC_DIR: dir });
    [katori, koga] = await twoCatalogTenants(t, 'katori', 'koga');
    await inTenant(t, katori.slug, () =>
      tenantManager().query(`UPDATE branches SET address = $2, phone = $3, hours = $4, weekly_closed = '{1}' WHERE code = $1`, [
        katori.branches[0],
        '千葉県香取市佐原イ3357',
        '0478-54-1234',
        JSON.stringify({ ja: '9:00〜19:00', en: '9:00-19:00' }),
      ]),
    );
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const jsonLdOf = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
  const city = async (c: CatalogTenant) => (await t.http().get(`/api/t/${c.slug}/info`).expect(200)).body.name as string;

  it('a record page has the book in its HTML: title, description, Open Graph, JSON-LD Book with availability per library', async () => {
    const [onShelf, reference, lent] = [barcode(), barcode(), barcode()];
    const r = await createRecord(t, katori, {
      title: '銀河鉄道の夜',
      authors: [{ name: '宮沢 賢治', reading: 'ミヤザワ ケンジ' }],
      publisher: '新潮社',
      publishedYear: 1989,
      isbn: '9784101092058',
      items: [
        { barcode: onShelf, branchCode: katori.branches[0], shelfLocation: '一般 913.6 ミ' },
        { barcode: reference, branchCode: katori.branches[1], loanable: false },
        { barcode: lent, branchCode: katori.branches[1] },
      ],
    });
    await setItemStatus(t, katori.slug, lent, 'on-loan');
    const name = await city(katori);
    const res = await t.http().get(`/opac/${katori.slug}/records/${r.id}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const html = res.text;
    expect(html).toContain(`<title>銀河鉄道の夜 | ${name}</title>`);
    expect(html).toMatch(/<meta name="description" content="宮沢 賢治、新潮社、1989年 \/ 銀河鉄道の夜。[^"]*所蔵 3冊（貸出可能 1冊）。">/);
    expect(html).toContain(`<meta property="og:title" content="銀河鉄道の夜 | ${name}">`);
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}/opac/${katori.slug}/records/${r.id}">`);
    expect(html).toContain('<h1>銀河鉄道の夜</h1>');
    expect(html).toContain('一般 913.6 ミ');
    expect(html).not.toContain('読み込み中');
    // the app's actions: 予約する is a link to the hold's page, 予約かごに入れる the app's button (a press starts the app, which presses its own)
    expect(html).toContain(`<a class="ssr-action primary" href="hold/${r.id}">`);
    expect(html).toMatch(/<button class="ssr-action" type="button" data-replay="add-to-cart">.*予約かごに入れる<\/button>/);
    // the app's scripts and base are still there: it takes over
    expect(html).toContain(`<base href="/opac/${katori.slug}/">`);
    expect(html).toContain('main-ABCD1234.js');

    const [book] = jsonLdOf(html);
    expect(book).toMatchObject({ '@context': 'https://schema.org', '@type': 'Book', name: '銀河鉄道の夜', isbn: '9784101092058', datePublished: '1989', author: [{ '@type': 'Person', name: '宮沢 賢治' }] });
    expect(book.offers).toHaveLength(2);
    expect(book.offers[0]).toMatchObject({
      '@type': 'Offer',
      price: 0,
      availability: 'https://schema.org/InStock',
      availableAtOrFrom: {
        '@type': 'Library',
        address: { '@type': 'PostalAddress', streetAddress: '千葉県香取市佐原イ3357' },
        telephone: '0478-54-1234',
        openingHoursSpecification: [{ opens: '09:00', closes: '19:00', dayOfWeek: expect.not.arrayContaining(['https://schema.org/Monday']) }],
      },
    });
    // the second library: one copy for reference only, the other on loan
    expect(book.offers[1].availability).toBe('https://schema.org/OutOfStock');

    // another city's record is no page of this city: 404, not indexed (isolation)
    const other = await createRecord(t, koga, { title: '古賀の歴史', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    const missing = await t.http().get(`/opac/${katori.slug}/records/${other.id}`).expect(404);
    expect(missing.text).toContain('<meta name="robots" content="noindex">');
    expect(missing.text).not.toContain('古賀の歴史');
    expect((await t.http().get(`/opac/${koga.slug}/records/${other.id}`).expect(200)).text).toContain('<h1>古賀の歴史</h1>');
  });

  it('the home page names the city, searches without the app, and describes each library', async () => {
    const name = await city(katori);
    const html = (await t.http().get(`/opac/${katori.slug}/`).expect(200)).text;
    expect(html).toContain(`<title>蔵書検索 | ${name}</title>`);
    expect(html).toContain('<form action="search" method="get" role="search">');
    expect(html).toContain('千葉県香取市佐原イ3357');
    // in the shell's frame, with the app's own hero (the app then draws the same words in the same place)
    // in the city's colour (Katori's #2e7d5b, white words), as the app paints its bar
    expect(html).toContain(`<header class="ssr-bar top-bar" style="--shiori-brand:#2e7d5b;--shiori-on-brand:#ffffff"><a class="ssr-city" href="./">${name}</a>`);
    expect(html).toContain('<main class="ssr-main" data-server-page>');
    // the bar's plain links work without the app; メニュー is the app's (a press starts it)
    expect(html).toContain('<a class="bar-button" href="login">');
    expect(html).toContain('data-replay="menu"');
    expect(html).toContain('<h1 class="ssr-heading">本をさがす</h1>');
    const [ld] = jsonLdOf(html);
    const site = ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'WebSite');
    expect(site.potentialAction.target).toBe(`${PUBLIC_URL}/opac/${katori.slug}/search?q={search_term_string}`);
    expect(ld['@graph'].filter((n: { '@type': string }) => n['@type'] === 'Library').length).toBeGreaterThan(0);
    // koga's page has koga's libraries, never katori's address
    expect((await t.http().get(`/opac/${koga.slug}/`).expect(200)).text).not.toContain('千葉県香取市佐原イ3357');
  });

  it("a patron's pages and the kiosk are marked noindex", async () => {
    for (const p of ['my/loans', 'cart', 'hold/6f1c2c9e-0000-4000-8000-000000000001', 'login', 'card', '?kiosk=1']) {
      const html = (await t.http().get(`/opac/${katori.slug}/${p}`).expect(200)).text;
      expect(html).toContain('<meta name="robots" content="noindex">');
      // no server content: the app starts at once there (apps/opac/src/main.ts)
      expect(html).not.toContain('data-server-page');
    }
    const search = (await t.http().get(`/opac/${katori.slug}/search?q=${encodeURIComponent('<猫>')}`).expect(200)).text;
    expect(search).not.toContain('noindex');
    expect(search).toContain(`<title>「&lt;猫&gt;」の検索結果 | ${await city(katori)}</title>`);
  });

  it('robots.txt keeps patrons’ pages and the console out and names every city’s sitemap; a sitemap lists only its city’s records', async () => {
    const robots = (await t.http().get('/robots.txt').expect(200)).text;
    expect(robots).toContain('Disallow: /opac/*/my');
    expect(robots).toContain('Disallow: /opac/*/hold'); // a hold form, straight from a record page
    expect(robots).toContain('Disallow: /admin/');
    expect(robots).toContain('Disallow: /opac/*?kiosk=');
    for (const c of [katori, koga]) expect(robots).toContain(`Sitemap: ${PUBLIC_URL}/opac/${c.slug}/sitemap.xml`);

    const index = await t.http().get(`/opac/${katori.slug}/sitemap.xml`).expect(200);
    expect(index.headers['content-type']).toMatch(/application\/xml/);
    expect(index.text).toContain(`<loc>${PUBLIC_URL}/opac/${katori.slug}/sitemap-records-0.xml</loc>`);
    const mine = await createRecord(t, katori, { title: '佐原の町並み' });
    const theirs = await createRecord(t, koga, { title: '古賀の町並み' });
    const records = (await t.http().get(`/opac/${katori.slug}/sitemap-records-0.xml`).expect(200)).text;
    expect(records).toContain(`<loc>${PUBLIC_URL}/opac/${katori.slug}/records/${mine.id}</loc>`);
    expect(records).not.toContain(theirs.id);
    expect((await t.http().get(`/opac/${katori.slug}/sitemap-pages.xml`).expect(200)).text).toContain(`<loc>${PUBLIC_URL}/opac/${katori.slug}/libraries</loc>`);
    await t.http().get(`/opac/${katori.slug}/sitemap-records-9.xml`).expect(404);
  });

  it('each city has its own web app manifest (add to home screen), its name and its OPAC as start and scope', async () => {
    const name = await city(katori);
    const res = await t.http().get(`/opac/${katori.slug}/manifest.webmanifest`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(res.text);
    expect(manifest).toMatchObject({ name: `${name} 蔵書検索`, start_url: './', scope: './', display: 'standalone', lang: 'ja' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(JSON.parse((await t.http().get(`/opac/${koga.slug}/manifest.webmanifest`).expect(200)).text).name).toBe(`${await city(koga)} 蔵書検索`);
  });

  it('sends text compressed, hashed files cached for a year, the page revalidated', async () => {
    const br = await t.http().get(`/opac/${katori.slug}/main-ABCD1234.js`).set('Accept-Encoding', 'gzip, br').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // supertest decodes brotli itself: the header says what travelled, the body what arrived
    expect((br.body as Buffer).toString()).toBe(script);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(script) / 4);

    const gz = await t.http().get(`/opac/${katori.slug}/main-ABCD1234.js`).set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(script);

    const offline = await t.http().get(`/opac/${katori.slug}/offline.html`).set('Accept-Encoding', 'identity').expect(200);
    expect(offline.headers['cache-control']).toBe('public, max-age=3600');
    await t.http().get(`/opac/${katori.slug}/offline.html`).set('If-None-Match', offline.headers.etag).expect(304);

    const page = await t.http().get(`/opac/${katori.slug}/`).set('Accept-Encoding', 'br');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    await t.http().get(`/opac/${katori.slug}/missing-ZZZZ9999.js`).expect(404);
  });

  it('the readable session hint follows the session cookie, so anonymous pages never ask /me', async () => {
    const anonymous = await t.http().get(`/opac/${katori.slug}/`).expect(200);
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    const withSession = await t.http().get(`/opac/${katori.slug}/`).set('Cookie', 'sid=some-session').expect(200);
    expect(String(withSession.headers['set-cookie'])).toMatch(/^shiori_signed_in=1; Path=\//);
    const stale = await t.http().get(`/opac/${katori.slug}/`).set('Cookie', 'shiori_signed_in=1').expect(200);
    expect(String(stale.headers['set-cookie'])).toMatch(/^shiori_signed_in=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });
  const answerOf = (html: string) => {
    const m = /<script type="application\/json" id="opac-search-answer">(.*?)<\/script>/s.exec(html);
    return m ? (JSON.parse(m[1]) as { asked: Record<string, unknown>; answer: { total: number; hits: { id: string; title: string }[] } }) : null;
  };

  it('a search page carries its first page of hits and the JSON search’s own answer, which no query can break out of', async () => {
    const titles = ['栞ノ森の四季 春', '栞ノ森の四季 夏', '栞ノ森の四季 秋'];
    for (const title of titles) await createRecord(t, katori, { title, items: [{ barcode: barcode(), branchCode: katori.branches[0] }] });
    await createRecord(t, koga, { title: '栞ノ森の四季 古賀', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    const q = '栞ノ森の四季';
    const json = (await t.http().get(`/api/t/${katori.slug}/search`).query({ q, sort: 'title' }).expect(200)).body;
    const html = (await t.http().get(`/opac/${katori.slug}/search`).query({ q: ` ${q} `, sort: 'title', kioskless: 'x' }).expect(200)).text;
    for (const title of titles) expect(html).toContain(`>${title}</a>`);
    expect(html).not.toContain('古賀'); // another city's record
    expect(html).not.toContain('読み込み中');
    expect(html).not.toContain('noindex');
    const embedded = answerOf(html)!;
    // the app's conditions (trimmed, only the keys it knows), and the very answer GET /search gives
    expect(embedded.asked).toEqual({ q, sort: 'title' });
    expect(embedded.answer).toEqual(json);
    expect(embedded.answer.hits.map((h) => h.title)).toEqual(json.hits.map((h: { title: string }) => h.title));
    expect(html).toContain(`<a class="title" href="records/${json.hits[0].id}">`);

    // a query and a title that try to close the script and open another
    const evil = '</script><script>alert(1)</script>';
    await createRecord(t, katori, { title: `${evil}栞ノ森`, items: [{ barcode: barcode(), branchCode: katori.branches[0] }] });
    const page = (await t.http().get(`/opac/${katori.slug}/search`).query({ q: `${evil}栞ノ森` }).expect(200)).text;
    expect(page).not.toContain('<script>alert(1)');
    const answer = answerOf(page)!;
    expect(answer.asked.q).toBe(`${evil}栞ノ森`);
    expect(answer.answer.hits.map((h) => h.title)).toContain(`${evil}栞ノ森`);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;栞ノ森</a>');
  });

  it('a search page the JSON search would refuse, or would not run, comes without hits; the JSON search answers it as ever', async () => {
    const tooLong = '猫'.repeat(201);
    const long = await t.http().get(`/opac/${katori.slug}/search`).query({ q: tooLong }).expect(200);
    expect(answerOf(long.text)).toBeNull();
    expect((await t.http().get(`/api/t/${katori.slug}/search`).query({ q: tooLong }).expect(400)).body.code).toBe('VALIDATION');
    const backwards = await t.http().get(`/opac/${katori.slug}/search`).query({ q: '猫', yearFrom: 2000, yearTo: 1990 }).expect(200);
    expect(answerOf(backwards.text)).toBeNull();
    await t.http().get(`/api/t/${katori.slug}/search`).query({ q: '猫', yearFrom: 2000, yearTo: 1990 }).expect(400);
    for (const empty of ['', '?q=', '?q=%20%20', '?sort=title&page=2']) {
      expect(answerOf((await t.http().get(`/opac/${katori.slug}/search${empty}`).expect(200)).text)).toBeNull();
    }
    // an unknown city: the app's own page, no search; its API says 404
    const unknown = await t.http().get('/opac/no-such-city/search?q=%E7%8C%AB').expect(200);
    expect(answerOf(unknown.text)).toBeNull();
    await t.http().get('/api/t/no-such-city/search?q=%E7%8C%AB').expect(404);
  });

  // last: suspends 古賀
  it('a suspended city’s search page has no hits; its JSON search says 503', async () => {
    await createRecord(t, koga, { title: '休館中の本', items: [{ barcode: barcode(), branchCode: koga.branches[0] }] });
    await t.http().patch(`/api/platform/tenants/${koga.slug}`).set('Authorization', `Bearer ${await adminToken(t)}`).send({ status: 'suspended' }).expect(200);
    const html = (await t.http().get(`/opac/${koga.slug}/search`).query({ q: '休館中の本' }).expect(200)).text;
    expect(answerOf(html)).toBeNull();
    expect(html).not.toContain('休館中の本');
    expect((await t.http().get(`/api/t/${koga.slug}/search`).query({ q: '休館中の本' }).expect(503)).body.code).toBe('TENANT_SUSPENDED');
  });
});
