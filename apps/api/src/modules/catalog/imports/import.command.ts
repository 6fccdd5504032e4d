import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
// engine/cli-commands.ts is the CLI's registry for commands that domain modules add (tools/cli/main.ts runs them).
import { cliCommands } from '../../../engine/cli-commands';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { ImportsService } from './imports.service';

/**
 * `npm run cli -- import <slug> <file> [--format marc21|marcxml|csv]`: the same import as the
 * upload in the admin console, run in the foreground, printing the report. Exit code 0 when
 * the import finished (rejected records are listed, not fatal), 1 when it failed.
 */
cliCommands.import = async (app, positional, rawArgs) => {
  const [slug, file] = positional;
  if (!slug || !file) throw new Error('usage: import <slug> <file> [--format marc21|marcxml|csv]');
  const i = rawArgs.indexOf('--format');
  const formatName = i >= 0 ? rawArgs[i + 1] : undefined;
  const tenant = await app.get(TenantRegistry).findBySlug(slug);
  if (!tenant) throw new Error(`no such tenant: ${slug}`);
  const bytes = fs.readFileSync(file);
  const imports = app.get(ImportsService);
  const started = Date.now();
  // the import's lock is taken before its row commits and handed to process(), as for an upload
  const { id, format, lock } = await runInTenant(app.get(DataSource), tenant, () => imports.create(bytes, path.basename(file), formatName));
  console.log(`import ${id}: ${path.basename(file)} (${format}, ${bytes.byteLength.toLocaleString()} bytes) into ${slug}`);
  const report = await imports.process(tenant, id, bytes, format, lock);
  console.log(`${report.status}: ${report.processed}/${report.total} processed, ${report.created} created, ${report.updated} updated, ${report.rejected.length} rejected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of report.rejected) console.log(`  rejected #${r.index}: ${r.reason}`);
  for (const w of report.warnings) console.log(`  warning  #${w.index}: ${w.warnings.join('; ')}`);
  if (report.error) console.log(`  error: ${report.error}`);
  return report.status === 'done' ? 0 : 1;
};
