import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * The PostgreSQL advisory lock key of one import, as SQL: two int4 keys, the first from the
 * tenant, the second from the import id. The two-key form is a keyspace of its own, apart
 * from the one-key (bigint) locks of the job runner and the platform migrations.
 * `tenantId` and `importId` are SQL expressions (parameters or columns).
 */
export function importLockKeySql(tenantId: string, importId: string): string {
  return `hashtext('catalog-import:' || ${tenantId}::text), hashtext(${importId}::uuid::text)`;
}

/** What node-postgres hands out of the pool (the driver's types are not installed). */
interface PooledClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: 'error', listener: (e: Error) => void): void;
  removeListener(event: 'error', listener: (e: Error) => void): void;
}

/**
 * The proof that an import is being processed: a session-level advisory lock on a connection
 * of the shared pool, taken before the import row is committed and held until its final
 * status is written. PostgreSQL drops the lock when that session ends, whether the process
 * exited, crashed or lost its connection, so recovery (on any instance) may take an import
 * whose lock it can take for abandoned, and one whose lock it cannot for alive.
 */
export class ImportLock {
  private static readonly log = new Logger('CatalogImport');
  private released = false;
  private lostError: Error | null = null;
  private readonly onError = (e: Error) => {
    this.lostError = e;
    ImportLock.log.warn(`import ${this.importId}: the connection holding its lock failed: ${e.message}`);
  };

  private constructor(
    private readonly client: PooledClient,
    private readonly done: (err?: Error | boolean) => void,
    readonly tenantId: string,
    readonly importId: string,
  ) {
    client.on('error', this.onError);
  }

  /**
   * Takes the lock of the import on a connection of its own, or answers null when another
   * session holds it (the import is being processed elsewhere).
   */
  static async acquire(ds: DataSource, tenantId: string, importId: string): Promise<ImportLock | null> {
    const driver = ds.driver as unknown as { obtainMasterConnection(): Promise<[PooledClient, (err?: Error | boolean) => void]> };
    const [client, done] = await driver.obtainMasterConnection();
    const lock = new ImportLock(client, done, tenantId, importId);
    try {
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(${importLockKeySql('$1', '$2')}) AS locked`, [tenantId, importId]);
      if (rows[0]?.locked === true) return lock;
      await lock.release();
      return null;
    } catch (e) {
      lock.discard(e as Error);
      throw e;
    }
  }

  /** True when the connection holding the lock failed: PostgreSQL has released the lock. */
  get lost(): boolean {
    return this.lostError !== null;
  }

  /** True while this session still holds the lock (not released, connection not lost). */
  get held(): boolean {
    return !this.released && !this.lostError;
  }

  /** Releases the lock and gives the connection back; a connection that cannot be unlocked is closed instead. */
  async release(): Promise<void> {
    if (this.released) return;
    if (this.lostError) return this.discard(this.lostError);
    try {
      const { rows } = await this.client.query(`SELECT pg_advisory_unlock(${importLockKeySql('$1', '$2')}) AS unlocked`, [this.tenantId, this.importId]);
      // a pooled connection must never go back to the pool still holding the lock
      if (rows[0]?.unlocked !== true) return this.discard(new Error('advisory lock was not held'));
      this.released = true;
      this.client.removeListener('error', this.onError);
      this.done();
    } catch (e) {
      this.discard(e as Error);
    }
  }

  /** Closes the connection (the pool replaces it), which releases any lock it held. */
  private discard(err: Error): void {
    if (this.released) return;
    this.released = true;
    this.client.removeListener('error', this.onError); // the pool listens again once it has the connection back
    this.done(err);
  }
}
