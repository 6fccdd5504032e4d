import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const embedded = globalThis.__SHIORI_PG__;
  if (embedded) {
    await embedded.server.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  }
  const ext = globalThis.__SHIORI_PG_STATE__?.external;
  if (ext) {
    const admin = new pg.Client({ connectionString: ext.base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${ext.dbName} WITH (FORCE)`);
    await admin.end();
  }
}
