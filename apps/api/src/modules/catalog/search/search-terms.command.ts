import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
// engine/cli-commands.ts is the CLI's registry for commands that domain modules add (tools/cli/main.ts runs them).
import { cliCommands } from '../../../engine/cli-commands';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { fillSearchTermsIfEmpty } from './search-terms.store';

/**
 * `npm run cli -- search-terms [<slug>]`: fills the suggestions' terms (search_terms,
 * migration 0020) from the catalogue of each city, or of one, where they are still empty: once
 * after upgrading a service whose cities were catalogued before 0020 (new and edited records
 * bring their terms themselves; the demo fills its own). One city at a time, one transaction each.
 */
cliCommands['search-terms'] = async (app, positional) => {
  const registry = app.get(TenantRegistry);
  const ds = app.get(DataSource);
  const slugs = positional.length ? positional : (await registry.list()).map((t) => t.slug);
  for (const slug of slugs) {
    const tenant = await registry.findBySlug(slug);
    if (!tenant) throw new Error(`no such tenant: ${slug}`);
    const started = Date.now();
    const n = await runInTenant(ds, tenant, () => fillSearchTermsIfEmpty());
    console.log(`${slug}: ${n ? `${n.toLocaleString()} terms in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already filled (or no records)'}`);
  }
  return 0;
};
