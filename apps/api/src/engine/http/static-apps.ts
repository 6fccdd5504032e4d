import type { Express, NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sendCompressed, staticFiles } from './static-files';

/**
 * The city's OpenSearch description linked from the OPAC page's <head>, so a browser offers to
 * add the catalogue as a search engine (the description names the city).
 */
export function withOpenSearchLink(html: string, slug: string): string {
  const link = `<link rel="search" type="application/opensearchdescription+xml" title="蔵書検索" href="/api/t/${slug}/opensearch.xml">`;
  return html.replace('</head>', `    ${link}\n  </head>`);
}

/** What the server puts into an OPAC page before the app takes over (see modules/opac-pages). */
export interface RenderedPage {
  status: number;
  /** Replaces the page's <title>; escaped by the renderer. */
  title: string;
  /** Tags added at the end of <head> (meta description, Open Graph, JSON-LD, canonical). */
  head: string;
  /** The page's content, shown inside <opac-root> until the app replaces it. */
  body: string;
}

/** Nest token of the OpacPageRenderer (modules/opac-pages provides it). */
export const OPAC_PAGE_RENDERER = Symbol('OpacPageRenderer');

/** Server-side pages of the OPAC (modules/opac-pages provides it; absent in unit tests). */
export interface OpacPageRenderer {
  /** The page for a path of the city's OPAC (`records/…`, `` for home), or null for the plain app page. */
  page(slug: string, appPath: string, query: Record<string, unknown>): Promise<RenderedPage | null>;
  /** `/robots.txt` of the whole service. */
  robots(): Promise<string>;
  /** `/opac/{slug}/sitemap.xml` and its parts, or null for an unknown city or part. */
  sitemap(slug: string, part: string): Promise<string | null>;
  /** `/opac/{slug}/manifest.webmanifest`: the city's web app manifest, or null for an unknown city. */
  manifest(slug: string): Promise<object | null>;
}

/** Puts a rendered page into the app's index.html: title, head tags, content inside <opac-root>. */
export function withRenderedPage(html: string, page: RenderedPage): string {
  return html
    .replace(/<title>[^<]*<\/title>/, () => `<title>${page.title}</title>`)
    .replace('</head>', () => `${page.head}\n  </head>`)
    .replace(/<opac-root>[\s\S]*<\/opac-root>/, () => `<opac-root>${page.body}</opac-root>`);
}

/**
 * Serves the built Angular apps: the OPAC at `/opac/{slug}/` (one build for every city;
 * index.html gets that city's base href, and with a renderer the page's real content), at
 * `/opac/r/{code}/` for a region's search, and the admin console at `/admin/`. Text is sent
 * compressed (brotli, gzip); hashed files are cached for a year, pages are revalidated.
 */
export function mountStaticApps(app: Express, staticDir: string, renderer?: OpacPageRenderer): { opac: boolean; admin: boolean } {
  const opacDir = path.join(staticDir, 'opac', 'browser');
  const adminDir = path.join(staticDir, 'admin', 'browser');
  const found = { opac: fs.existsSync(path.join(opacDir, 'index.html')), admin: fs.existsSync(path.join(adminDir, 'index.html')) };

  // index.html is read again when a rebuild replaced it (its hashed asset names change), so a
  // running server never hands out a page whose scripts are gone
  const indexWithBase = (dir: string) => {
    const file = path.join(dir, 'index.html');
    let cache: { mtimeMs: number; html: string } | undefined;
    return (base: string) => {
      const mtimeMs = fs.statSync(file).mtimeMs;
      if (cache?.mtimeMs !== mtimeMs) cache = { mtimeMs, html: fs.readFileSync(file, 'utf8') };
      return cache.html.replace(/<base href="[^"]*"\s*\/?>/, `<base href="${base}">`);
    };
  };
  const sendPage = (req: Request, res: Response, html: string, status = 200) => {
    res.status(status).set('Cache-Control', 'no-cache');
    sendCompressed(req, res, html, 'text/html; charset=utf-8');
  };

  if (renderer) {
    app.get('/robots.txt', (req: Request, res: Response, next: NextFunction) => {
      renderer.robots().then((text) => {
        res.set('Cache-Control', 'public, max-age=3600');
        sendCompressed(req, res, text, 'text/plain; charset=utf-8');
      }, next);
    });
  }

  if (found.opac) {
    const opacIndex = indexWithBase(opacDir);
    const assets = staticFiles(opacDir);
    // a region's search over its libraries (横断検索): the same build, base href /opac/r/{code}/
    app.use('/opac/r/:region', (req: Request, res: Response, next: NextFunction) => {
      const region = String(req.params.region);
      if (!/^[a-z][a-z0-9-]{1,30}$/.test(region)) return next();
      assets(req, res, () => {
        if (req.method !== 'GET' || /\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
        sendPage(req, res, opacIndex(`/opac/r/${region}/`));
      });
    });
    app.use('/opac/:slug', (req: Request, res: Response, next: NextFunction) => {
      const slug = String(req.params.slug);
      if (!/^[a-z][a-z0-9-]{1,30}$/.test(slug)) return next();
      const sitemap = /^\/(sitemap(?:-[a-z0-9-]+)?)\.xml$/.exec(req.path);
      if (renderer && sitemap && req.method === 'GET') {
        renderer.sitemap(slug, sitemap[1]).then((xml) => {
          if (xml === null) return next();
          res.set('Cache-Control', 'public, max-age=3600');
          sendCompressed(req, res, xml, 'application/xml; charset=utf-8');
        }, next);
        return;
      }
      if (renderer && req.path === '/manifest.webmanifest' && req.method === 'GET') {
        renderer.manifest(slug).then((manifest) => {
          if (manifest === null) return next();
          res.set('Cache-Control', 'public, max-age=3600');
          sendCompressed(req, res, JSON.stringify(manifest), 'application/manifest+json; charset=utf-8');
        }, next);
        return;
      }
      assets(req, res, () => {
        if (req.method !== 'GET' || /\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
        const html = withOpenSearchLink(opacIndex(`/opac/${slug}/`), slug);
        if (!renderer) return sendPage(req, res, html);
        renderer.page(slug, req.path.replace(/^\/+/, ''), req.query as Record<string, unknown>).then(
          (page) => (page ? sendPage(req, res, withRenderedPage(html, page), page.status) : sendPage(req, res, html)),
          next,
        );
      });
    });
  }
  if (found.admin) {
    const adminIndex = indexWithBase(adminDir);
    const assets = staticFiles(adminDir);
    app.use('/admin', (req: Request, res: Response, next: NextFunction) => {
      assets(req, res, () => {
        if (req.method !== 'GET' || /\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
        // the console is staff-only: never in a search engine's index
        res.set('X-Robots-Tag', 'noindex');
        sendPage(req, res, adminIndex('/admin/'));
      });
    });
  }
  return found;
}
