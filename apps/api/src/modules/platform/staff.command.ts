// engine/cli-commands.ts is the CLI's registry for commands that domain modules add (tools/cli/main.ts runs them).
import { cliCommands } from '../../engine/cli-commands';
import { DomainError, errorSpec } from '../../engine/errors/domain-error';
import { runAsCli } from '../../engine/http/request-context';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { StaffService } from './staff.service';

const USERNAME = /^[A-Za-z0-9._@-]{3,60}$/;

function flag(rawArgs: string[], name: string): string | undefined {
  const i = rawArgs.indexOf(`--${name}`);
  return i >= 0 ? rawArgs[i + 1] : undefined;
}

/** A domain error as one line for the terminal (the API's English message and its code). */
function plain(e: unknown): unknown {
  if (!(e instanceof DomainError)) return e;
  return new Error(`${errorSpec(e.code)?.en ?? e.code} (${e.code})`);
}

function printTemporary(kind: string, username: string, temporaryPassword: string): void {
  console.log(`Temporary password for ${kind} ${username}:`);
  console.log('');
  console.log(`    ${temporaryPassword}`);
  console.log('');
  console.log('It is shown only now and must be changed at the first sign-in. Hand it over in person or by phone, not by mail or chat.');
}

/**
 * Staff accounts from the command line, directly on the database (the API need not run);
 * each write is audited in platform.audit_log with the actor `cli`.
 *
 *   staff reset-password <username> [--tenant <slug>]   a temporary password (platform admin, or a library's staff with --tenant)
 *   staff create-admin <username> [--name <display name>] a further platform admin with a temporary password
 *
 * (`staff create <slug> <username> <password>` is in tools/cli/main.ts.)
 */
cliCommands.staff = (app, positional, rawArgs) =>
  runAsCli(async () => {
    const [cmd, username] = positional;
    const staff = app.get(StaffService);
    try {
      switch (cmd) {
        case 'reset-password': {
          if (!username) throw new Error('usage: staff reset-password <username> [--tenant <slug>]');
          const slug = flag(rawArgs, 'tenant');
          let tenantId: string | null = null;
          if (slug) {
            const tenant = await app.get(TenantRegistry).findBySlug(slug);
            if (!tenant) throw new Error(`no such tenant: ${slug}`);
            tenantId = tenant.id;
          }
          const account = await staff.findByUsername(username, tenantId);
          const r = await staff.resetPassword(account.id);
          printTemporary(slug ? `staff member of ${slug}` : 'platform admin', r.staff.username, r.temporaryPassword);
          console.log('Its sessions have ended and any lockout is lifted.');
          if (r.staff.disabled) console.log('Note: this account is DISABLED; it cannot sign in until a platform admin enables it.');
          return 0;
        }
        case 'create-admin': {
          if (!username || !USERNAME.test(username)) {
            throw new Error('usage: staff create-admin <username> [--name <display name>] (username: 3–60 of A–Z a–z 0–9 . _ @ -)');
          }
          const displayName = flag(rawArgs, 'name');
          if (displayName !== undefined && displayName.length > 100) throw new Error('--name: at most 100 characters');
          const r = await staff.createPlatformAdmin({ username, displayName });
          console.log(`Platform admin ${r.staff.username} created.`);
          printTemporary('platform admin', r.staff.username, r.temporaryPassword);
          return 0;
        }
        default:
          throw new Error(`unknown command: ${`staff ${cmd ?? ''}`.trim()} (try: npm run cli -- help)`);
      }
    } catch (e) {
      throw plain(e);
    }
  });
