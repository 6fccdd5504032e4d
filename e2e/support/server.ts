import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../../apps/api/src/engine/config/config';
import { createApp } from '../../apps/api/src/engine/bootstrap';
import { StaffService } from '../../apps/api/src/modules/platform/staff.service';

export const ADMIN_PASSWORD = 'e2e-admin-password';
const ROOT = path.resolve(__dirname, '..', '..');

/** The real API serving the built apps, on the suite's PostgreSQL, on a free port. */
export async function startServer(): Promise<{ app: NestExpressApplication; url: string; close: () => Promise<void> }> {
  const staticDir = path.join(ROOT, 'dist', 'apps');
  for (const appName of ['opac', 'admin']) {
    if (!fs.existsSync(path.join(staticDir, appName, 'browser', 'index.html'))) {
      throw new Error(`dist/apps/${appName} is not built: run "npx nx build ${appName}" (npm test does it)`);
    }
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through e2e/jest.config.js');
  const config = loadConfig({ PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'error', JOBS: '0', STATIC_DIR: staticDir, PORT: '0' });
  const app = await createApp(config, url);
  await app.get(StaffService).ensurePlatformAdmin();
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
