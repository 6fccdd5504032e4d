import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { EmbeddedDatabase } from './embedded-postgres';

export const DATABASE_SERVER = Symbol('DATABASE_SERVER');

/** The database the API runs on, as start-up resolved it (runtime.ts, main.ts). */
export interface DatabaseServer {
  /** The URL of the pool. */
  url: string;
  /** The bundled server (no DATABASE_URL): restarted by the watchdog when it dies. */
  embedded?: EmbeddedDatabase;
  /**
   * Called once when the database has been away for DB_OUTAGE_EXIT_SECONDS: main.ts exits,
   * so that the service manager starts a fresh process. Without it, the watchdog keeps trying.
   */
  giveUp?: (reason: string) => void;
}

/** How often the watch connection asks `SELECT 1` while all is well (it also hears a closed socket at once). */
const PROBE_EVERY_MS = 2000;
/** A probe that takes longer than this counts as no answer (a hung server, a cut network). */
const PROBE_TIMEOUT_MS = 10_000;
/** Waits between recovery attempts while the database is away. */
const RETRY_MS = [200, 500, 1000, 2000];

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'no answer';

/**
 * Notices that the database is gone and brings the service back.
 *
 * It keeps one connection of its own (outside the pool, so a busy pool is never taken for a
 * dead server): a server that goes away closes it at once, and a `SELECT 1` every two
 * seconds catches one that hangs. The embedded server's process is watched too.
 *
 * While the database is away, `available` is false: requests under /api answer 503
 * DATABASE_UNAVAILABLE with Retry-After without touching the pool, the mail sender and the
 * jobs wait. Meanwhile it restarts the embedded server (same folder and port; PostgreSQL
 * recovers from its write-ahead log) or, for DATABASE_URL, reconnects, every 0.2–2 s.
 * After DB_OUTAGE_EXIT_SECONDS without a database it gives up (main.ts exits with status 1)
 * so that a service manager restarts the process; 0 = never.
 */
@Injectable()
export class DatabaseWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Database');
  private down?: { since: number; reason: string; restarted: boolean };
  private client?: Client;
  private probing?: Promise<void>;
  private recovering?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private closed = false;
  private lastConnectionLoss = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_SERVER) private readonly server: DatabaseServer,
    private readonly ds: DataSource,
  ) {}

  /** False while the database is away. */
  get available(): boolean {
    return this.down === undefined;
  }

  /** Whether a connection of the pool broke in the last `ms`. */
  connectionLostWithin(ms: number): boolean {
    return Date.now() - this.lastConnectionLoss < ms;
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.server.embedded?.onExit((how) => this.lost(`the embedded PostgreSQL ${how}`));
    this.watchPool();
    this.schedule();
  }

  /** Hears every broken connection of the pool (idle or in use), and probes at once. */
  private watchPool(): void {
    const pool = (this.ds.driver as unknown as { master?: EventEmitter }).master;
    if (!pool) return;
    const watched = new WeakSet<object>();
    const broken = () => {
      this.lastConnectionLoss = Date.now();
      if (this.available) void this.check();
    };
    pool.on('error', broken);
    pool.on('acquire', (client: EventEmitter) => {
      if (watched.has(client)) return;
      watched.add(client);
      client.on('error', broken);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.dropClient();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      if (this.available) void this.check();
      this.schedule();
    }, PROBE_EVERY_MS);
    this.timer.unref();
  }

  /** One probe; a failure starts the recovery. */
  private async check(): Promise<void> {
    if (this.closed) return;
    try {
      await this.probe();
    } catch (e) {
      this.lost(describe(e));
    }
  }

  /** `SELECT 1` on the watch connection, (re)connecting it first; one at a time. */
  private probe(): Promise<void> {
    this.probing ??= (async () => {
      try {
        if (!this.client) {
          const client = new Client({
            connectionString: this.server.url,
            connectionTimeoutMillis: PROBE_TIMEOUT_MS,
            query_timeout: PROBE_TIMEOUT_MS,
            application_name: 'shiori-watchdog',
          });
          client.on('error', () => undefined); // the 'end' that follows says it
          client.on('end', () => {
            if (this.client !== client) return;
            this.client = undefined;
            // the server closed it: gone, restarting, or an idle timeout; a probe tells which
            if (!this.closed && this.available) void this.check();
          });
          try {
            await client.connect();
            if (this.closed) throw new Error('shutting down');
          } catch (e) {
            await client.end().catch(() => undefined);
            throw e;
          }
          this.client = client;
        }
        await this.client.query('SELECT 1');
      } catch (e) {
        await this.dropClient();
        throw e;
      } finally {
        this.probing = undefined;
      }
    })();
    return this.probing;
  }

  private async dropClient(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private lost(reason: string): void {
    if (this.closed) return;
    if (!this.down) {
      this.down = { since: Date.now(), reason, restarted: false };
      const plan = this.server.embedded
        ? 'restarting the embedded PostgreSQL'
        : this.config.dbOutageExitSeconds > 0
          ? `reconnecting; the process exits after ${this.config.dbOutageExitSeconds} s without it (DB_OUTAGE_EXIT_SECONDS)`
          : 'reconnecting';
      this.log.error(`The database does not answer (${reason}): requests get 503 DATABASE_UNAVAILABLE meanwhile; ${plan}.`);
    }
    this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
  }

  private async recover(): Promise<void> {
    let lastError = this.down?.reason ?? '';
    for (let attempt = 0; !this.closed && this.down; attempt++) {
      try {
        const embedded = this.server.embedded;
        if (embedded && !embedded.running()) {
          await embedded.restart();
          this.down.restarted = true;
          this.log.warn(`The embedded PostgreSQL was started again (${((Date.now() - this.down.since) / 1000).toFixed(1)} s after it went away).`);
        }
        await this.probe();
        this.back();
        return;
      } catch (e) {
        if (describe(e) !== lastError) this.log.warn(`Still no database: ${describe(e)}`);
        lastError = describe(e);
      }
      const away = (Date.now() - this.down.since) / 1000;
      const limit = this.config.dbOutageExitSeconds;
      if (limit > 0 && away >= limit && this.server.giveUp) {
        this.server.giveUp(
          `The database has not answered for ${Math.round(away)} s (DB_OUTAGE_EXIT_SECONDS=${limit}); last error: ${lastError}. ` +
            `Exiting so that the service manager starts the API again.`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
    }
  }

  private back(): void {
    const down = this.down;
    if (!down) return;
    this.down = undefined;
    const seconds = (Date.now() - down.since) / 1000;
    this.log.warn(`The database answers again after ${seconds.toFixed(1)} s${down.restarted ? ' (embedded PostgreSQL restarted)' : ''}.`);
  }
}
