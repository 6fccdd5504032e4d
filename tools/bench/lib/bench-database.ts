import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../../apps/api/src/engine/database/embedded-postgres';

/** A number from the command line (`--name 42`), or `def`. */
export function numberArg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

/** The benchmark's database: DATABASE_URL, or a fresh embedded PostgreSQL in a temporary folder that stop() removes. */
export async function benchDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shiori-bench-'));
  fs.chmodSync(tmp, 0o755); // as root the server runs as 'postgres', which must enter it
  const embedded = await startEmbeddedPostgres({ dataDir: tmp });
  return {
    url: embedded.url,
    embedded,
    stop: async () => {
      await embedded.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
