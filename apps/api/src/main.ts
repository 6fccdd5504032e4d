import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './engine/config/config';
import { createApp } from './engine/bootstrap';
import { slowMigrationLog } from './engine/database/migration-progress';
import { listenUrl, resolveDatabase } from './engine/runtime';
import { StaffService, TenantsService } from './modules/platform';
import { startOptionalServices } from './startup';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from './engine/config/config';

/**
 * In demo mode on the embedded database, the generated admin password is kept beside the
 * data (readable by root only) so every start can print it again; never otherwise.
 */
function rememberDemoAdminPassword(config: AppConfig, generated?: string): string | undefined {
  if (!config.demo || config.databaseUrl || config.platformAdminPassword) return generated;
  const file = path.join(config.dataDir, 'demo-admin-password');
  if (generated) {
    fs.writeFileSync(file, generated, { mode: 0o600 });
    return generated;
  }
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = new Logger('Shiori');
  const db = await resolveDatabase(config);
  const app = await createApp(config, db.url, {
    embedded: db.embedded,
    // the database stayed away for DB_OUTAGE_EXIT_SECONDS: exit, so that the service manager starts us again
    giveUp: (reason) => {
      console.error(reason);
      process.exit(1);
    },
  });

  const migrations = await app.get(TenantsService).migrateAll(
    (r) => {
      if (!r.ok) log.error(`Tenant ${r.slug}: migration ${r.failedMigration ?? ''} failed: ${r.error}`);
      else if (r.applied.length) log.log(`Tenant ${r.slug}: applied ${r.applied.join(', ')}`);
    },
    slowMigrationLog((m) => log.log(m)),
  );
  const admin = await app.get(StaffService).ensurePlatformAdmin();
  const adminPassword = rememberDemoAdminPassword(config, admin.password);
  const extras = await startOptionalServices(app, config);
  const tenantCount = (await app.get(TenantsService).list()).length;

  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  const url = listenUrl(app, config);

  const lines = [
    '',
    '──────────────────────────────────────────────────────────────',
    ` Shiori 栞 — regional library service is running`,
    `   API          ${url}/api   (OpenAPI: ${url}/api/docs)`,
    `   Admin        ${url}/admin/`,
    `   Search engines ${url}/robots.txt   (each city: /opac/{city}/sitemap.xml)`,
    ...extras.tenantLines(url),
    ...extras.infoLines,
    `   Regional IT  user admin, password ${adminPassword ?? '(PLATFORM_ADMIN_PASSWORD, or printed at first start)'}`,
    `   Database     ${db.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
    `   Tenants      ${tenantCount}${migrations.some((m) => !m.ok) ? ` (${migrations.filter((m) => !m.ok).length} with failed migrations: see the log above)` : ''}`,
    '──────────────────────────────────────────────────────────────',
    '',
  ];
  console.log(lines.join('\n'));

  const stop = async () => {
    await app.close();
    await extras.stop();
    if (db.embedded) await db.embedded.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
