import express from 'express';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { mountStaticApps } from './static-apps';

describe('built apps', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-static-'));
  const write = (app: 'opac' | 'admin', script: string, mtime: Date) => {
    const file = path.join(dir, app, 'browser', 'index.html');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `<html><head><base href="/"></head><body><script src="${script}"></script></body></html>`);
    fs.utimesSync(file, mtime, mtime);
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves each city its OPAC base href, and a rebuilt index.html without a restart', async () => {
    write('opac', 'main-AAAA.js', new Date(2026, 0, 1));
    write('admin', 'main-BBBB.js', new Date(2026, 0, 1));
    const app = express();
    expect(mountStaticApps(app, dir)).toEqual({ opac: true, admin: true });

    const first = await request(app).get('/opac/katori/search').expect(200);
    expect(first.text).toContain('<base href="/opac/katori/">');
    expect(first.text).toContain('main-AAAA.js');
    expect(first.headers['cache-control']).toBe('no-cache');
    // the city's OpenSearch description, for browsers to offer the catalogue as a search engine
    expect(first.text).toContain('<link rel="search" type="application/opensearchdescription+xml" title="蔵書検索" href="/api/t/katori/opensearch.xml">\n  </head>');
    expect((await request(app).get('/admin/tenants').expect(200)).text).toContain('<base href="/admin/">');
    // a region's search (横断検索) is the same build under /opac/r/{code}/
    const region = await request(app).get('/opac/r/fukuoka/?q=x').expect(200);
    expect(region.text).toContain('<base href="/opac/r/fukuoka/">');
    expect(region.text).not.toContain('opensearch');

    // the apps were built again: new asset names, served at once
    write('opac', 'main-CCCC.js', new Date(2026, 0, 2));
    const second = await request(app).get('/opac/koga/').expect(200);
    expect(second.text).toContain('main-CCCC.js');
    expect(second.text).toContain('<base href="/opac/koga/">');
  });
});
