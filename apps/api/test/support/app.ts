import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/engine/config/config';
import { createApp } from '../../src/engine/bootstrap';
import { StaffService } from '../../src/modules/platform/staff.service';
import { guardHoldAndWait } from './hold-and-wait';

export const ADMIN_PASSWORD = 'test-admin-password';
/** The public base URL of the test instance: every link in mail starts with it (never with the request's Host). */
export const PUBLIC_URL = 'https://library.test.example';

export interface TestApp {
  app: NestExpressApplication;
  ds: DataSource;
  http: () => TestAgent;
  close: () => Promise<void>;
}

/**
 * The real HTTP app on the suite's real PostgreSQL (TEST_DATABASE_URL from the global setup),
 * or on `databaseUrl` (a database of the test's own: privateDatabase()).
 */
export async function createTestApp(env: Record<string, string> = {}, databaseUrl?: string): Promise<TestApp> {
  const url = databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the suites through apps/api/jest.config.js');
  const config = loadConfig({
    PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PUBLIC_URL,
    LOG_LEVEL: 'error',
    JOBS: '0',
    STATIC_DIR: '/nonexistent',
    DB_POOL_SIZE: '10',
    ...env,
  });
  const app = await createApp(config, url);
  guardHoldAndWait(app.get(DataSource));
  await app.get(StaffService).ensurePlatformAdmin();
  const server = app.getHttpServer();
  return {
    app,
    ds: app.get(DataSource),
    http: () => request(server) as unknown as TestAgent,
    close: () => app.close(),
  };
}

/**
 * A fresh database of its own on the suites' server, for a test whose subject is the whole
 * platform (say, "the last active platform admin"): on the shared database, the suites running
 * beside it create and change platform-wide rows while it runs. The app migrates the platform
 * tables at its start. `drop()` removes it (after the app is closed).
 */
export async function privateDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const shared = process.env.TEST_DATABASE_URL;
  if (!shared) throw new Error('TEST_DATABASE_URL is not set: run the suites through apps/api/jest.config.js');
  const name = `shiori_private_${process.pid}_${Date.now().toString(36)}`;
  const onShared = async (sql: string) => {
    const c = new Client({ connectionString: shared });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await onShared(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onShared(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let counter = 0;
/** A slug no other suite or run uses. */
export function uniqueSlug(prefix = 't'): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.slice(0, 30);
}

export async function adminToken(t: TestApp): Promise<string> {
  const res = await t.http().post('/api/platform/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
  return res.body.token;
}

export async function createTenant(t: TestApp, token: string, preset?: string, slug = uniqueSlug()): Promise<string> {
  await t
    .http()
    .post('/api/platform/tenants')
    .set('Authorization', `Bearer ${token}`)
    .send({ slug, name: `テスト市立図書館 ${slug}`, ...(preset ? { preset } : {}) })
    .expect(201);
  return slug;
}

/** Creates a librarian for the tenant and returns a bearer token. */
export async function librarianToken(t: TestApp, admin: string, slug: string): Promise<string> {
  const username = `lib-${slug}`.slice(0, 60);
  await t
    .http()
    .post(`/api/platform/tenants/${slug}/staff`)
    .set('Authorization', `Bearer ${admin}`)
    .send({ username, password: 'librarian-pass-1', role: 'librarian' })
    .expect(201);
  const res = await t.http().post(`/api/t/${slug}/staff/login`).send({ username, password: 'librarian-pass-1' }).expect(200);
  return res.body.token;
}
