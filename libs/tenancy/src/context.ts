import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { quotedTenantSchema, tenantSchemaName } from './schema-name';

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface TenantContext extends TenantRef {
  schema: string;
  /**
   * The EntityManager of the tenant transaction; its connection has `search_path` set to the
   * tenant. Absent inside runTenantRead (no transaction: one statement via tenantStatement).
   */
  manager?: EntityManager;
  /** The data source, for runTenantRead's single statement. */
  dataSource?: DataSource;
  /** Work registered with afterTransaction(), run once the transaction has ended. */
  after?: (() => Promise<unknown>)[];
}

const storage = new AsyncLocalStorage<TenantContext>();

/** The tenant of the current request or job. Throws when code runs outside a tenant. */
export function currentTenant(): TenantContext {
  const ctx = storage.getStore();
  if (!ctx) {
    throw new Error('No tenant context: tenant data is reachable only inside runInTenant()');
  }
  return ctx;
}

/** The one accessor for tenant data: the EntityManager of the current tenant transaction. */
export function tenantManager(): EntityManager {
  const ctx = currentTenant();
  if (!ctx.manager) throw new Error('No tenant transaction here (runTenantRead): run the one statement through tenantStatement()');
  return ctx.manager;
}

export function hasTenantContext(): boolean {
  return storage.getStore() !== undefined;
}

/**
 * Runs `fn` inside one transaction on the shared pool whose first statement binds the
 * tenant's schema (`SET LOCAL` lasts until the transaction ends, so a pooled connection
 * never leaks one tenant's search_path to the next request). Requests, jobs and CLI
 * commands all enter a tenant this way.
 */
export async function runInTenant<T>(
  dataSource: DataSource,
  tenant: TenantRef,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const after: (() => Promise<unknown>)[] = [];
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL search_path TO ${quotedTenantSchema(tenant.slug)}, platform`);
      const ctx: TenantContext = { ...tenant, schema: tenantSchemaName(tenant.slug), manager, after };
      return storage.run(ctx, () => fn(manager));
    });
  } finally {
    // the transaction's connection is back in the pool: work that needs one of its own
    // cannot wait for it while holding it (a pool of N would deadlock on N such requests)
    for (const work of after) {
      await work().catch((e) => process.emitWarning(`afterTransaction work failed: ${(e as Error)?.message ?? e}`));
    }
  }
}

/**
 * Runs `work` once the current tenant transaction has ended, committed or rolled back, and
 * its connection is back in the pool: for what must survive a rollback (a failed sign-in
 * counted towards the lockout) and needs a connection of its own. Outside a transaction it
 * runs at once. Failures are reported as process warnings, never thrown at the request.
 */
export async function afterTransaction(work: () => Promise<unknown>): Promise<void> {
  const ctx = storage.getStore();
  if (ctx?.after && ctx.manager) {
    ctx.after.push(work);
    return;
  }
  await work();
}

/**
 * Runs `fn` with the tenant known but WITHOUT a transaction, for a handler that runs one
 * read-only statement through tenantStatement(). A single statement is atomic and sees one
 * snapshot by itself, so it needs no BEGIN, SET LOCAL and COMMIT: one round trip to the
 * database instead of four (the public catalogue search). tenantManager() throws inside.
 */
export function runTenantRead<T>(dataSource: DataSource, tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
  const ctx: TenantContext = { ...tenant, schema: tenantSchemaName(tenant.slug), dataSource };
  return storage.run(ctx, fn);
}

/** Most statements one connection keeps prepared (tenantStatement); beyond it, new texts run unprepared. */
export const MAX_PREPARED_PER_CONNECTION = 200;

interface PgClientLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

const preparedByConnection = new WeakMap<object, Set<string>>();

/** Runs `sql` on `client` as a named prepared statement (its name from its text), within the per-connection cap. */
async function prepared<T>(client: PgClientLike, sql: string, values: unknown[]): Promise<T[]> {
  let names = preparedByConnection.get(client);
  if (!names) preparedByConnection.set(client, (names = new Set()));
  const name = `s_${createHash('sha1').update(sql).digest('base64url')}`;
  if (!names.has(name)) {
    if (names.size >= MAX_PREPARED_PER_CONNECTION) return (await client.query({ text: sql, values })).rows as T[];
    names.add(name);
  }
  return (await client.query({ name, text: sql, values })).rows as T[];
}

/** The current tenant's schema as a quoted SQL identifier, for statements that name their tables (tenantStatement). */
export function currentTenantSchema(): string {
  return quotedTenantSchema(currentTenant().slug);
}

/**
 * One read-only statement of the current tenant whose text names every tenant table with
 * currentTenantSchema() (`"tenant_x".records`), run as a named prepared statement so that
 * PostgreSQL plans it once per connection instead of once per run (the catalogue search
 * plans for 2–4 ms and executes in 1–6 ms). Inside runTenantRead it runs alone on a pooled
 * connection: one round trip. Inside a tenant transaction it runs there.
 *
 * The name comes from the text, so the text must hold no values; as it names the schema,
 * one tenant's plan can never serve another. A connection keeps at most
 * MAX_PREPARED_PER_CONNECTION statements (texts beyond that run unprepared).
 */
export async function tenantStatement<T>(sql: string, values: unknown[]): Promise<T[]> {
  const ctx = currentTenant();
  if (ctx.manager) {
    const client = (ctx.manager.queryRunner as unknown as { databaseConnection?: PgClientLike } | undefined)?.databaseConnection;
    return client && typeof client.query === 'function' ? prepared<T>(client, sql, values) : ctx.manager.query(sql, values);
  }
  const pool = (ctx.dataSource?.driver as unknown as { master?: { connect(): Promise<PgClientLike & { release(err?: Error): void }> } } | undefined)?.master;
  if (!pool) throw new Error('tenantStatement outside runInTenant/runTenantRead');
  const client = await pool.connect();
  let failure: unknown;
  try {
    return await prepared<T>(client, sql, values);
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    // a connection that failed below SQL (an error without a SQLSTATE) is discarded, not reused
    client.release(failure instanceof Error && !('code' in failure) ? failure : undefined);
  }
}
