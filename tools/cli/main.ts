/**
 * Command line for regional IT: `npm run cli -- <command>`.
 *
 *   tenants list
 *   tenants create <slug> <name> [--preset katori]
 *   tenants suspend <slug> | tenants resume <slug>
 *   tenants migrate                 migrate every tenant; report per tenant, keep going on failure
 *   staff create <slug> <username> <password>        a librarian of that library
 *   staff create-admin <username> [--name <display name>]
 *                                   a further platform admin; prints a temporary password (changed at first sign-in)
 *   staff reset-password <username> [--tenant <slug>]
 *                                   prints a temporary password for a platform admin (or a library's staff member
 *                                   with --tenant), changed at the next sign-in; ends its sessions, lifts a lockout
 *   demo seed                       the five demo cities with patrons and a catalogue sample
 *   import <slug> <file> [--format marc21|marcxml|csv]
 *
 * Uses the same configuration as the API (DATABASE_URL, or the embedded PostgreSQL in DATA_DIR);
 * the API need not run. Writes are audited in platform.audit_log with the actor `cli`.
 */
import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../../apps/api/src/engine/config/config';
import { createApp } from '../../apps/api/src/engine/bootstrap';
import { slowMigrationLog } from '../../apps/api/src/engine/database/migration-progress';
import { runAsCli } from '../../apps/api/src/engine/http/request-context';
import { resolveDatabase } from '../../apps/api/src/engine/runtime';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';
import { StaffService } from '../../apps/api/src/modules/platform/staff.service';
import { TenantsService } from '../../apps/api/src/modules/platform/tenants.service';
import { cliCommands } from './commands';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) i++;
    else out.push(args[i]);
  }
  return out;
}

/** Everything the CLI writes is audited as the actor `cli` (with the OS user). */
function main() {
  return runAsCli(run);
}

async function run() {
  const args = process.argv.slice(2);
  const [group, cmd, ...rest] = positional(args);
  if (!group || group === 'help' || group === '--help') {
    console.log(require('fs').readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*|^ \* ?/gm, ''));
    return 0;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', JOBS: '0' });
  const db = await resolveDatabase(config);
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(config, db.url);
    const tenants = app.get(TenantsService);
    const key = `${group} ${cmd ?? ''}`.trim();
    switch (key) {
      case 'tenants list':
        console.table((await tenants.listWithFigures()).map(({ id, ...t }) => t));
        return 0;
      case 'tenants create': {
        const [slug, name] = rest;
        if (!slug || !name) throw new Error('usage: tenants create <slug> <name> [--preset <preset>]');
        const started = Date.now();
        const t = await tenants.create({ slug, name, preset: flag(args, 'preset') });
        console.log(`created ${t.slug} (${t.name}, preset ${t.preset}) in ${Date.now() - started} ms`);
        return 0;
      }
      case 'tenants suspend':
      case 'tenants resume': {
        const t = await tenants.setStatus(rest[0], cmd === 'suspend' ? 'suspended' : 'active');
        console.log(`${t.slug}: ${t.status}`);
        return 0;
      }
      case 'tenants migrate': {
        const report = await tenants.migrateAll(
          (r) => console.log(r.ok ? `✓ ${r.slug}: ${r.applied.length ? r.applied.join(', ') : 'up to date'}` : `✗ ${r.slug}: ${r.failedMigration ?? ''} failed: ${r.error}`),
          slowMigrationLog((m) => console.log(`  ${m}`)),
        );
        const failed = report.filter((r) => !r.ok).length;
        console.log(`${report.length - failed} tenants migrated, ${failed} failed`);
        return failed ? 1 : 0;
      }
      case 'staff create': {
        const [slug, username, password] = rest;
        const t = await tenants.get(slug);
        const s = await app.get(StaffService).create({ username, password, role: 'librarian', tenantId: t.id });
        console.log(`librarian ${s.username} created for ${slug}`);
        return 0;
      }
      case 'demo seed':
        await app.get(DemoService).seed((m) => console.log(m));
        return 0;
      default: {
        const extra = cliCommands[group];
        // awaited here, so the app and the database stay up until the command is done
        if (extra) return await extra(app, [cmd, ...rest].filter(Boolean), args);
        throw new Error(`unknown command: ${key} (try: npm run cli -- help)`);
      }
    }
  } finally {
    await app?.close();
    await db.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code ?? 0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
