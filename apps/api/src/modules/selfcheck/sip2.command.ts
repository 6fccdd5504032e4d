// engine/cli-commands.ts is the CLI's registry for commands that domain modules add (tools/cli/main.ts runs them).
import { cliCommands } from '../../engine/cli-commands';
import { TenantsService } from '../platform';
import { Sip2Server } from './server/sip2-server';

/**
 * `npm run cli -- sip2`: the SIP2 server alone, without the HTTP API (SIP2_PORT, and the TLS
 * files when set, as for the API). Tenant migrations run first, as at an API start, so the
 * process can serve a fresh database. Runs until SIGINT or SIGTERM.
 */
cliCommands.sip2 = async (app) => {
  for (const r of await app.get(TenantsService).migrateAll()) {
    if (!r.ok) console.error(`tenant ${r.slug}: migration ${r.failedMigration ?? ''} failed: ${r.error}`);
  }
  const server = app.get(Sip2Server);
  const { port, host, tls } = await server.start();
  console.log(`SIP2 server for self-check machines listening on ${host}:${port}${tls ? ' (TLS)' : ''}; Ctrl-C stops it`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  return 0;
};
