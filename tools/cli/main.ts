/**
 * Command line for regional IT: `npm run cli -- <command>`.
 *
 *   tenants list
 *   tenants create <slug> <name> [--preset katori] [--node <host:port | node id>]
 *                                   on Citus the new city lives on one worker: the one named, or one Citus chooses
 *   tenants suspend <slug> | tenants resume <slug>
 *   tenants migrate                 migrate every tenant; report per tenant, keep going on failure
 *   tenants where                   the database servers and the cities on each (Citus: coordinator and workers)
 *   tenants move <slug> <host:port | node id>
 *                                   Citus: moves a city to another worker while it keeps serving (citus_schema_move)
 *   staff create <slug> <username> <password>        a librarian of that library
 *   staff create-admin <username> [--name <display name>]
 *                                   a further platform admin; prints a temporary password (changed at first sign-in)
 *   staff reset-password <username> [--tenant <slug>]
 *                                   prints a temporary password for a platform admin (or a library's staff member
 *                                   with --tenant), changed at the next sign-in; ends its sessions, lifts a lockout
 *   demo seed                       the five demo cities with patrons and a catalogue sample
 *   import <slug> <file> [--format marc21|marcxml|csv]
 *   sip2                            the SIP2 server for self-check machines alone, on SIP2_PORT (no HTTP API)
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
import { ClusterService } from '../../apps/api/src/modules/platform/cluster.service';
import { StaffService } from '../../apps/api/src/modules/platform/staff.service';
import { TenantsService } from '../../apps/api/src/modules/platform/tenants.service';
import { cliCommands } from '../../apps/api/src/engine/cli-commands';

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
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', JOBS: '0' }, { servesLinks: false });
  const db = await resolveDatabase(config);
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp(config, db.url);
    const tenants = app.get(TenantsService);
    const cluster = app.get(ClusterService);
    const key = `${group} ${cmd ?? ''}`.trim();
    switch (key) {
      case 'tenants list':
        console.table((await tenants.listWithFigures()).map(({ id, ...t }) => t));
        return 0;
      case 'tenants create': {
        const [slug, name] = rest;
        if (!slug || !name) throw new Error('usage: tenants create <slug> <name> [--preset <preset>]');
        const node = flag(args, 'node');
        // refused before anything is made: a --node on plain PostgreSQL, or a node that is no worker
        if (node) await cluster.checkWorker(node);
        const started = Date.now();
        const t = await tenants.create({ slug, name, preset: flag(args, 'preset') });
        console.log(`created ${t.slug} (${t.name}, preset ${t.preset}) in ${Date.now() - started} ms`);
        if (node) {
          const moved = await cluster.move(slug, node);
          console.log(`placed ${slug} on ${moved.to} (${moved.ms} ms)`);
        }
        return 0;
      }
      case 'tenants where': {
        const view = await cluster.view();
        if (!view.citus) console.log('plain PostgreSQL (no Citus): every city is on the one server');
        for (const n of view.nodes) {
          console.log(`${n.role.padEnd(11)} ${n.host}:${n.port}${n.id ? `  (node ${n.id})` : ''}${n.active ? '' : '  INACTIVE'}  ${n.cities.length} cities`);
          for (const c of n.cities) console.log(`    ${c.slug.padEnd(24)} ${c.name}${c.bytes !== null ? `  ${(c.bytes / 1048576).toFixed(1)} MB` : ''}`);
        }
        return 0;
      }
      case 'tenants move': {
        const [slug, node] = rest;
        if (!slug || !node) throw new Error('usage: tenants move <slug> <host:port | node id>');
        const moved = await cluster.move(slug, node);
        console.log(moved.from === moved.to ? `${slug} is already on ${moved.to}` : `moved ${slug} from ${moved.from ?? 'the coordinator'} to ${moved.to} in ${moved.ms} ms`);
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
