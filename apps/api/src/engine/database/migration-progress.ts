import type { MigrationProgress } from '@shiori/tenancy';

/**
 * Progress of tenant migrations for the people who start the API or run
 * `npm run cli -- tenants migrate`: a migration still running after `after` ms is announced,
 * then again every `every` ms, and its end is told with its duration. Quick migrations (all
 * of them on a small catalogue) print nothing here.
 */
export function slowMigrationLog(log: (message: string) => void, { after = 5_000, every = 30_000 } = {}): MigrationProgress {
  const timers = new Map<string, { first: NodeJS.Timeout; repeat?: NodeJS.Timeout; start: number }>();
  const key = (slug: string, migration: string) => `${slug}\u0000${migration}`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    started(slug, migration) {
      const start = Date.now();
      const still = () => log(`Tenant ${slug}: migration ${migration} still running (${seconds(Date.now() - start)}); large catalogues take minutes`);
      const entry: { first: NodeJS.Timeout; repeat?: NodeJS.Timeout; start: number } = {
        start,
        first: setTimeout(() => {
          still();
          entry.repeat = setInterval(still, every);
        }, after),
      };
      timers.set(key(slug, migration), entry);
    },
    finished(slug, migration, ms) {
      const entry = timers.get(key(slug, migration));
      timers.delete(key(slug, migration));
      if (entry) {
        clearTimeout(entry.first);
        if (entry.repeat) clearInterval(entry.repeat);
      }
      if (ms >= after) log(`Tenant ${slug}: migration ${migration} ended after ${seconds(ms)}`);
    },
  };
}
