import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './engine/config/config';
import { createApp } from './engine/bootstrap';
import { listenUrl, resolveDatabase } from './engine/runtime';
import { StaffService } from './modules/platform/staff.service';
import { TenantsService } from './modules/platform/tenants.service';
import { startOptionalServices } from './startup';

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
  const app = await createApp(config, db.url);

  const migrations = await app.get(TenantsService).migrateAll((r) => {
    if (!r.ok) log.error(`Tenant ${r.slug}: migration ${r.failedMigration ?? ''} failed: ${r.error}`);
    else if (r.applied.length) log.log(`Tenant ${r.slug}: applied ${r.applied.join(', ')}`);
  });
  const admin = await app.get(StaffService).ensurePlatformAdmin();
  const extras = await startOptionalServices(app, config);

  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  const url = listenUrl(app, config);

  const lines = [
    '',
    '──────────────────────────────────────────────────────────────',
    ` Shiori 栞 — regional library service is running`,
    `   API          ${url}/api   (OpenAPI: ${url}/api/docs)`,
    `   Admin        ${url}/admin/`,
    ...extras.tenantLines(url),
    ...extras.infoLines,
    `   Regional IT  user admin, password ${admin.password ?? '(as set by PLATFORM_ADMIN_PASSWORD / first start)'}`,
    `   Database     ${db.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
    `   Tenants      ${migrations.length} (${migrations.filter((m) => !m.ok).length} with failed migrations)`,
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
