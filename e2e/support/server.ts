import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const ADMIN_PASSWORD = 'e2e-admin-password';
const ROOT = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The real API as its own process (the same command `npm start` runs), serving the built
 * apps, on the suite's PostgreSQL (TEST_DATABASE_URL from the global setup), on a free port.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const staticDir = path.join(ROOT, 'dist', 'apps');
  for (const appName of ['opac', 'admin']) {
    if (!fs.existsSync(path.join(staticDir, appName, 'browser', 'index.html'))) {
      throw new Error(`dist/apps/${appName} is not built: run "npx nx build ${appName}" (npm test does it)`);
    }
  }
  const db = process.env.TEST_DATABASE_URL;
  if (!db) throw new Error('TEST_DATABASE_URL is not set: run through e2e/jest.config.js');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      STATIC_DIR: staticDir,
      PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DEMO: '0',
      JOBS: '0',
      LOG_LEVEL: 'warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API did not answer /api/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
