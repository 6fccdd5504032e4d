import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from './config/config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

/** Resolves the database: `DATABASE_URL`, or the embedded PostgreSQL under `DATA_DIR`. */
export async function resolveDatabase(config: AppConfig, log = new Logger('Database')): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) {
    log.log(`Using external PostgreSQL (DATABASE_URL)`);
    return { url: config.databaseUrl };
  }
  log.log(`Starting embedded PostgreSQL in ${config.dataDir} …`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  log.log(`Embedded PostgreSQL ready on 127.0.0.1:${embedded.port}`);
  return { url: embedded.url, embedded };
}

export function listenUrl(app: NestExpressApplication, config: AppConfig): string {
  if (config.publicUrlConfigured) return config.publicUrl;
  const addr = app.getHttpServer().address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return `http://localhost:${port}`;
}
