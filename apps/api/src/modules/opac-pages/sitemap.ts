import { esc } from './html';

/** A sitemap (sitemaps.org 0.9) of absolute URLs, each with when it last changed where known. */
export function urlSet(urls: { loc: string; lastmod?: Date }[]): string {
  const items = urls.map((u) => `<url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</urlset>\n`;
}

/** A sitemap index of a city's sitemap files. */
export function sitemapIndex(locs: string[]): string {
  const items = locs.map((loc) => `<sitemap><loc>${esc(loc)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</sitemapindex>\n`;
}

/**
 * `/robots.txt` for the whole service: the OPACs' public pages may be indexed; a patron's own
 * pages, the kiosk, the cart and hold form, sign-in and the admin console may not; each active city's sitemap.
 */
export function robotsTxt(sitemaps: string[]): string {
  const lines = [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/',
    // what the OPAC app reads to show a page (a crawler that runs the app needs it)
    'Allow: /api/t/*/info',
    'Allow: /api/t/*/records/',
    'Allow: /api/t/*/search',
    'Allow: /api/t/*/lists/',
    'Allow: /api/t/*/calendar',
    ...['my', 'card', 'cart', 'hold', 'login', 'register', 'forgot-password', 'reset-password', 'confirm-email', 'confirm-password', 'change-password'].map(
      (p) => `Disallow: /opac/*/${p}`,
    ),
    'Disallow: /opac/*?kiosk=',
    'Disallow: /opac/*&kiosk=',
    '',
    ...sitemaps.map((s) => `Sitemap: ${s}`),
  ];
  return lines.join('\n') + '\n';
}
