import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
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
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    const bind = { sql: `SET LOCAL search_path TO ${quotedTenantSchema(tenant.slug)}, platform`, claimed: false, sent: false };
    installBindWithBegin(dataSource);
    const value = await pendingBind.run(bind, () =>
      dataSource.transaction(async (manager) => {
        if (!bind.sent) await manager.query(bind.sql);
        const ctx: TenantContext = { ...tenant, schema: tenantSchemaName(tenant.slug), manager, after };
        return storage.run(ctx, () => fn(manager));
      }),
    );
    outcome = { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // the transaction's connection is back in the pool: work that needs one of its own
  // cannot wait for it while holding it (a pool of N would deadlock on N such requests)
  const failures: unknown[] = [];
  for (const work of after) {
    try {
      await work();
    } catch (e) {
      failures.push(e);
    }
  }
  if (failures.length) throw new AfterTransactionError(failures, outcome.ok ? undefined : outcome.error);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** A connection of the caller's own (a `pg` Client), as runInTenantOn uses it. */
export interface OwnConnection {
  query(text: string, values?: unknown[]): Promise<{ command: string; rows: unknown[]; rowCount: number | null }>;
}

/**
 * runInTenant on a connection of the caller's own instead of the shared pool: for a thread with
 * no DataSource (an import's writer thread). One transaction whose first round trip binds the
 * tenant's schema (`BEGIN; SET LOCAL search_path …`); inside, tenantManager().query answers as
 * TypeORM's does (the rows; `[rows, rowCount]` for UPDATE and DELETE). Commits when `fn`
 * resolves, rolls back when it throws. The connection must not be shared while it runs.
 */
export async function runInTenantOn<T>(client: OwnConnection, tenant: TenantRef, fn: () => Promise<T>): Promise<T> {
  await client.query(`BEGIN; SET LOCAL search_path TO ${quotedTenantSchema(tenant.slug)}, platform`);
  const manager = {
    async query(sql: string, values?: unknown[]) {
      const r = await client.query(sql, values);
      return r.command === 'UPDATE' || r.command === 'DELETE' ? [r.rows, r.rowCount] : r.rows;
    },
  } as unknown as EntityManager;
  let value: T;
  try {
    value = await storage.run({ ...tenant, schema: tenantSchemaName(tenant.slug), manager }, fn);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined); // a broken connection has rolled back already
    throw e;
  }
  await client.query('COMMIT');
  return value;
}

/** The tenant binding of a runInTenant whose transaction is about to start. */
const pendingBind = new AsyncLocalStorage<{ sql: string; claimed: boolean; sent: boolean }>();
const bindHooked = new WeakSet<object>();

/**
 * Sends the tenant binding in the same round trip as TypeORM's `START TRANSACTION`: one
 * simple-protocol message with both statements (PostgreSQL runs them in order and stops at the
 * first error), instead of a round trip of its own for the `SET LOCAL`. A TypeORM subscriber
 * sees the transaction about to start on its query runner and rewrites that runner's next
 * statement, once, only if it is exactly `START TRANSACTION` and only for the first
 * transaction a runInTenant starts; otherwise nothing is rewritten and runInTenant sends the
 * binding on its own (`sent` stays false).
 */
function installBindWithBegin(dataSource: DataSource): void {
  const subscribers = (dataSource as Partial<DataSource>).subscribers;
  if (!Array.isArray(subscribers) || bindHooked.has(dataSource)) return;
  bindHooked.add(dataSource);
  subscribers.push({
    beforeTransactionStart({ queryRunner }: { queryRunner: QueryRunner }) {
      const bind = pendingBind.getStore();
      if (!bind || bind.claimed) return;
      bind.claimed = true; // a later transaction in this context is not rewritten
      const query = queryRunner.query;
      queryRunner.query = function (this: QueryRunner, sql: string, ...rest: unknown[]) {
        queryRunner.query = query;
        if (sql === 'START TRANSACTION' && !rest.length) {
          bind.sent = true;
          return query.call(this, `START TRANSACTION; ${bind.sql}`);
        }
        return (query as (...a: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
      } as QueryRunner['query'];
    },
  } as EntitySubscriberInterface);
}

/**
 * Work registered with afterTransaction() failed. It is thrown at the caller instead of the
 * transaction's own outcome: such work is what keeps a rule working across a rollback (the
 * failed sign-in counted towards the lockout), and a rule that silently stops working is
 * worse than a request that fails (F8 of issue 24: a swallowed error left the lockout off).
 */
export class AfterTransactionError extends Error {
  constructor(
    readonly failures: unknown[],
    /** What the transaction itself threw, if it threw (the request's own answer, replaced by this). */
    readonly transactionError?: unknown,
  ) {
    super(`work after the tenant transaction failed: ${failures.map((e) => (e as Error)?.message ?? String(e)).join('; ')}`, { cause: failures[0] });
    this.name = 'AfterTransactionError';
  }
}

/**
 * Runs `work` once the current tenant transaction has ended, committed or rolled back, and
 * its connection is back in the pool: for what must survive a rollback (a failed sign-in
 * counted towards the lockout) and needs a connection of its own. Outside a transaction it
 * runs at once. A failure is thrown at the caller (AfterTransactionError), never swallowed.
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

/**
 * Most one-row probes one connection keeps prepared (`prepare: 'probe'`, e.g. a city's
 * `info_version`), counted apart from MAX_PREPARED_PER_CONNECTION: there is one per city and
 * table, and each costs the backend a few kB, so 500 cities fit without pushing out the
 * statements worth keeping (a search plans for milliseconds). Beyond it, they run unprepared.
 */
export const MAX_PREPARED_PROBES_PER_CONNECTION = 1000;

/** How a statement runs: prepared among the connection's statements, prepared among its probes, or unprepared. */
export type Preparation = boolean | 'probe';

interface PgClientLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The statement names prepared on each connection, statements and probes apart (each with its own cap). */
const preparedByConnection = new WeakMap<object, { statements: Set<string>; probes: Set<string> }>();

/** Statement names by text (a SHA-1 per run showed in the profile of a one-statement request). */
const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(sql).digest('base64url')}`;
    // the texts are the program's own (one per tenant schema and statement); bounded all the same
    if (statementNames.size >= 10_000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

/** Runs `sql` on `client` as a named prepared statement (its name from its text), within the per-connection cap of its kind. */
async function prepared<T>(client: PgClientLike, sql: string, values: unknown[], kind: 'statements' | 'probes'): Promise<T[]> {
  let kept = preparedByConnection.get(client);
  if (!kept) preparedByConnection.set(client, (kept = { statements: new Set(), probes: new Set() }));
  const names = kept[kind];
  const name = statementName(sql);
  if (!names.has(name)) {
    if (names.size >= (kind === 'probes' ? MAX_PREPARED_PROBES_PER_CONNECTION : MAX_PREPARED_PER_CONNECTION)) return (await client.query({ text: sql, values })).rows as T[];
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
 *
 * `prepare: false` runs the text unprepared: for statements whose text varies with what a
 * client typed (a CQL query's boolean tree), which would otherwise fill the connection's
 * prepared slots and push out the ones worth keeping. `prepare: 'probe'` keeps a one-row
 * probe prepared within MAX_PREPARED_PROBES_PER_CONNECTION instead.
 */
export async function tenantStatement<T>(sql: string, values: unknown[], { prepare = true }: { prepare?: Preparation } = {}): Promise<T[]> {
  const ctx = currentTenant();
  const run = (client: PgClientLike) =>
    prepare ? prepared<T>(client, sql, values, prepare === 'probe' ? 'probes' : 'statements') : client.query({ text: sql, values }).then((r) => r.rows as T[]);
  if (ctx.manager) {
    const client = (ctx.manager.queryRunner as unknown as { databaseConnection?: PgClientLike } | undefined)?.databaseConnection;
    return client && typeof client.query === 'function' ? run(client) : ctx.manager.query(sql, values);
  }
  const pool = (ctx.dataSource?.driver as unknown as { master?: { connect(): Promise<PgClientLike & { release(err?: Error): void }> } } | undefined)?.master;
  if (!pool) throw new Error('tenantStatement outside runInTenant/runTenantRead');
  const client = await pool.connect();
  let failure: unknown;
  try {
    return await run(client);
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    // a connection that failed below SQL (an error without a SQLSTATE) is discarded, not reused
    client.release(failure instanceof Error && !('code' in failure) ? failure : undefined);
  }
}
