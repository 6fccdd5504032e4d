#!/usr/bin/env node
// `npm start`: builds the two web apps (Nx caches them), then starts the API — which serves
// the OPAC and the admin console — on the embedded PostgreSQL with the demo cities.
import { spawnSync, spawn } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
if (env.DEMO === undefined) env.DEMO = '1';
if (env.LOG_LEVEL === undefined) env.LOG_LEVEL = 'warn';
// the SIP2 server for self-check machines, on the port Evergreen and Koha use by default
if (env.SIP2_PORT === undefined && !['0', 'false', 'no', 'off', ''].includes(env.DEMO.toLowerCase())) env.SIP2_PORT = '6001';
// links in mail come from PUBLIC_URL, never from a request's Host: the demo's is the local URL it prints
if (!env.PUBLIC_URL) env.PUBLIC_URL = `http://localhost:${env.PORT || 3000}`;

if (!process.argv.includes('--no-build')) {
  console.log('Building the OPAC and the admin console (cached after the first time)…');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'opac', 'admin', '--outputStyle=static'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const api = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));
