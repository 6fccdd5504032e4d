import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { importDatabase } from './import-threads';

/**
 * The PostgreSQL advisory lock key of one import, as SQL: two int4 keys, the first from the
 * tenant, the second from the import id. The two-key form is a keyspace of its own, apart
 * from the one-key (bigint) locks of the job runner and the platform migrations.
 * `tenantId` and `importId` are SQL expressions (parameters or columns).
 */
export function importLockKeySql(tenantId: string, importId: string): string {
  return `hashtext('catalog-import:' || ${tenantId}::text), hashtext(${importId}::uuid::text)`;
}

/**
 * The proof that an import is being processed: a session-level advisory lock on a connection
 * of its own, taken before the import row is committed and held until its final status is
 * written. PostgreSQL drops the lock when that session ends, whether the process exited,
 * crashed or lost its connection, so recovery (on any instance) may take an import whose
 * lock it can take for abandoned, and one whose lock it cannot for alive.
 *
 * The connection is not one of the shared pool: the upload takes the lock inside its
 * request's tenant transaction, and a second pooled connection taken there would make N
 * uploads at once on a pool of N wait on each other for ever (as the sign-in burst did,
 * test/pool-exhaustion). Imports are few (librarians' uploads), so are these connections.
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
    private readonly client: Client,
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
    const client = new Client({ connectionString: importDatabase(ds).url, application_name: 'shiori-import-lock' });
    const lock = new ImportLock(client, tenantId, importId);
    try {
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(${importLockKeySql('$1', '$2')}) AS locked`, [tenantId, importId]);
      if (rows[0]?.locked === true) return lock;
      await lock.release();
      return null;
    } catch (e) {
      lock.discard(e as Error);
      throw e;
    }
  }

  /** Calls `fn` once, as soon as the connection holding the lock fails (PostgreSQL has let the lock go). */
  onLost(fn: () => void): void {
    if (this.lostError) return fn();
    this.client.once('error', () => fn());
  }

  /** True when the connection holding the lock failed: PostgreSQL has released the lock. */
  get lost(): boolean {
    return this.lostError !== null;
  }

  /** True while this session still holds the lock (not released, connection not lost). */
  get held(): boolean {
    return !this.released && !this.lostError;
  }

  /** Releases the lock and closes its connection (which would release it anyway). */
  async release(): Promise<void> {
    if (this.released) return;
    if (this.lostError) return this.discard(this.lostError);
    this.released = true;
    try {
      await this.client.query(`SELECT pg_advisory_unlock(${importLockKeySql('$1', '$2')})`, [this.tenantId, this.importId]);
    } catch {
      /* the connection is closed below, which releases the lock */
    }
    this.quiet();
    await this.client.end().catch(() => undefined);
  }

  /** From now on the connection's errors are expected (it is being closed): none may crash the process. */
  private quiet(): void {
    this.client.removeListener('error', this.onError);
    this.client.on('error', () => undefined);
  }

  /** Closes the connection, which releases any lock it held. */
  private discard(err: Error): void {
    if (this.released) return;
    this.released = true;
    ImportLock.log.debug(`import ${this.importId}: lock connection closed (${err.message})`);
    this.quiet();
    this.client.end().catch(() => undefined);
  }
}
