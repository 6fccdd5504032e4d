import type { Express, NextFunction, Request, Response } from 'express';
import * as express from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Serves the built Angular apps: the OPAC at `/opac/{slug}/` (one build for every city;
 * index.html gets that city's base href) and the admin console at `/admin/`.
 */
export function mountStaticApps(app: Express, staticDir: string): { opac: boolean; admin: boolean } {
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

  if (found.opac) {
    const opacIndex = indexWithBase(opacDir);
    const assets = express.static(opacDir, { index: false, maxAge: '1h' });
    app.use('/opac/:slug', (req: Request, res: Response, next: NextFunction) => {
      const slug = String(req.params.slug);
      if (!/^[a-z][a-z0-9-]{1,30}$/.test(slug)) return next();
      assets(req, res, () => {
        if (req.method !== 'GET' || /\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
        res.type('html').set('Cache-Control', 'no-cache').send(opacIndex(`/opac/${slug}/`));
      });
    });
  }
  if (found.admin) {
    const adminIndex = indexWithBase(adminDir);
    const assets = express.static(adminDir, { index: false, maxAge: '1h' });
    app.use('/admin', (req: Request, res: Response, next: NextFunction) => {
      assets(req, res, () => {
        if (req.method !== 'GET' || /\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
        res.type('html').set('Cache-Control', 'no-cache').send(adminIndex('/admin/'));
      });
    });
  }
  return found;
}
