import { currentTenant, currentTenantSchema, tenantStatement } from '@shiori/tenancy';

/** PostgreSQL's undefined_table: a schema whose migrations stopped before its version table. */
export const UNDEFINED_TABLE = '42P01';

/**
 * One-row version tables of a city, each moved by a statement-level trigger in every
 * transaction that writes what it stands for: `info_version` (0029, what /info is made of),
 * `terms_version` (0030, search_terms). A copy of an answer made at version V serves while the
 * city's table still reads V: a reader that sees a change sees the new number.
 */
export type VersionTable = 'info_version' | 'terms_version';

/**
 * The city's `table` version as text, in one statement without a transaction (or in the
 * current one); null when the city's schema lacks the table (its migrations stopped before
 * it). Prepared among the connection's probes (MAX_PREPARED_PROBES_PER_CONNECTION, apart from
 * the statements worth keeping): its text names the city's schema, so each city has its own,
 * and unprepared, parsing and planning it for one of 500 cities cost the backend about twice
 * its run (tools/bench/tenants/probe-cost.ts: 106 against 56 µs; one city alone, 72 against 46).
 */
export async function tableVersion(table: VersionTable): Promise<string | null> {
  try {
    const [row] = await tenantStatement<{ version: string }>(versionStatement(currentTenantSchema(), table), [], { prepare: 'probe' });
    return row.version;
  } catch (e) {
    if ((e as { code?: unknown }).code === UNDEFINED_TABLE) return null;
    throw e;
  }
}

function versionStatement(schema: string, table: VersionTable): string {
  const id = `${table}\u0000${schema}`;
  let sql = versionStatements.get(id);
  if (sql === undefined) {
    if (versionStatements.size >= 20_000) versionStatements.clear();
    versionStatements.set(id, (sql = `SELECT version::text AS version FROM ${schema}.${table}`));
  }
  return sql;
}

/** The texts of versionStatement by table and schema (built once). */
const versionStatements = new Map<string, string>();

/**
 * tableVersion shared by the requests of one city that arrive while a probe is on its way: a
 * request waits for a probe that started after it arrived (the one running when it arrives
 * may have read its snapshot before a write the caller has already seen committed), so each
 * answer is exactly as fresh as one probe of its own, while 16 concurrent requests of a city
 * cost some two statements instead of 16. Inside a tenant transaction the probe is the
 * caller's own (it runs on that transaction's connection).
 */
export class SharedVersionProbe {
  private readonly cities = new Map<string, { running?: Promise<string | null>; next?: Promise<string | null> }>();

  constructor(private readonly table: VersionTable) {}

  version(): Promise<string | null> {
    const ctx = currentTenant();
    if (ctx.manager) return tableVersion(this.table);
    let city = this.cities.get(ctx.id);
    if (!city) {
      if (this.cities.size >= 10_000) this.cities.clear();
      this.cities.set(ctx.id, (city = {}));
    }
    const c = city;
    const start = (): Promise<string | null> => {
      const p: Promise<string | null> = tableVersion(this.table).finally(() => {
        if (c.running === p) c.running = undefined;
      });
      c.running = p;
      return p;
    };
    if (!c.running) return start();
    // one started before this request: the next one, shared by all who arrive meanwhile
    if (!c.next) {
      c.next = c.running
        .catch(() => undefined)
        .then(() => {
          c.next = undefined;
          return start();
        });
    }
    return c.next;
  }
}
