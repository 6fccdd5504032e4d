import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, TenantRef, tenantManager } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { DatabaseWatchdog } from '../../../engine/database/database-watchdog.service';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';

/** A message from one city to another, as its receiver applies it. */
export interface CityMessage<B = Record<string, unknown>> {
  key: string;
  from: string;
  kind: string;
  body: B;
}

/** Applies one kind of message in the receiver's transaction (tenantManager() is the receiver's). */
export type MessageHandler = (msg: CityMessage) => Promise<void>;

export const MAX_MESSAGE_ATTEMPTS = 8;
/** Senders whose outboxes one pass delivers at the same time (a connection each). */
const SENDERS_AT_ONCE = 4;
/** Seconds to wait after the n-th failed attempt (2, 4, 8 … at most 10 minutes). */
export function messageBackoffSeconds(attempt: number): number {
  return Math.min(2 ** Math.max(1, attempt), 600);
}

interface OutRow {
  id: string;
  message_key: string;
  to_city: string;
  kind: string;
  body: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

export interface DeliveryTotals {
  delivered: number;
  duplicates: number;
  failed: number;
  retried: number;
}

/**
 * Messages between cities, exactly once (DESIGN.md "The region").
 *
 * - `send()` writes the message into the SENDER's `city_messages_out`, in the sender's own
 *   transaction: the message exists exactly when the step that caused it was committed.
 * - `deliverDue()` (every CITY_MESSAGES_POLL_MS where jobs run), three transactions per
 *   message, one connection at a time (never two held at once): (1) in the sender, claim due
 *   rows with `FOR UPDATE SKIP LOCKED` and lease them (`next_attempt_at` moves
 *   CITY_MESSAGES_LEASE_SECONDS ahead, so no other worker takes them meanwhile); (2) in the
 *   RECEIVER (runInTenant: one city's statements only), record the message's key in its
 *   `city_messages_in` (`ON CONFLICT DO NOTHING`: a key already there means the message was
 *   applied, and nothing is done again) and apply it; (3) in the sender, mark the batch's
 *   applied messages delivered.
 * - A crash between (2) and (3) leaves the rows pending: when its lease ends it is delivered
 *   again, and the receiver's inbox makes that a no-op. A receiver that fails (suspended, an
 *   error) leaves the row pending with a backoff, and after MAX_MESSAGE_ATTEMPTS `failed` with
 *   the error. Messages of one sender are applied in the order they were written.
 *
 * Never one statement naming two schemas: each statement runs in one city's transaction.
 */
@Injectable()
export class CityMessages implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CityMessages');
  private readonly handlers = new Map<string, MessageHandler>();
  private timer?: NodeJS.Timeout;
  private running = false;
  /** Milliseconds from a message's send to its application, of the last deliveries (the benchmark reads them). */
  readonly latencies: number[] = [];
  recordLatencies = false;

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseWatchdog,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs) return;
    this.timer = setInterval(() => {
      if (this.database.available) void this.deliverDue().catch((e) => this.log.error((e as Error).message));
    }, this.config.cityMessagesPollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Registers what a kind of message does at its receiver (one handler per kind). */
  handle(kind: string, handler: MessageHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for city message ${kind} is registered twice`);
    this.handlers.set(kind, handler);
  }

  /** Writes a message to `toCity` into the current city's outbox, in the current transaction. */
  async send(toCity: string, kind: string, body: Record<string, unknown>): Promise<string> {
    const key = `${currentTenant().slug}:${kind}:${randomUUID()}`;
    await tenantManager().query(`INSERT INTO city_messages_out (message_key, to_city, kind, body) VALUES ($1,$2,$3,$4)`, [key, toCity, kind, JSON.stringify(body)]);
    return key;
  }

  /** The current city's messages to other cities, newest first (what waits, what failed and why). */
  async list(q: { status?: string; page: number; size: number }) {
    const m = tenantManager();
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM city_messages_out WHERE ($1::text IS NULL OR status = $1)`, [q.status ?? null]);
    const rows: { id: string; kind: string; toCity: string; toName: string | null; status: string; attempts: number; lastError: string | null; createdAt: string; deliveredAt: string | null; number: string | null }[] =
      await m.query(
        `SELECT o.id::text AS id, o.kind, o.to_city AS "toCity", t.name AS "toName", o.status, o.attempts, o.last_error AS "lastError",
                o.created_at AS "createdAt", o.delivered_at AS "deliveredAt", o.body->>'number' AS number
           FROM city_messages_out o LEFT JOIN platform.tenants t ON t.slug = o.to_city
          WHERE ($1::text IS NULL OR o.status = $1) ORDER BY o.id DESC LIMIT $2 OFFSET $3`,
        [q.status ?? null, q.size, (q.page - 1) * q.size],
      );
    return {
      total,
      page: q.page,
      size: q.size,
      items: rows.map(({ toCity, toName, ...r }) => ({ ...r, toCity: { slug: toCity, name: toName ?? toCity } })),
    };
  }

  /**
   * One pass over every active city's outbox (or only `tenants`, by slug: suites sharing a
   * database deliver their own cities' messages only). Returns how many were applied, how many
   * had been applied already (redeliveries after a crash), failed for good or were postponed.
   */
  async deliverDue(opts: { tenants?: string[]; limitPerTenant?: number } = {}): Promise<DeliveryTotals> {
    const totals: DeliveryTotals = { delivered: 0, duplicates: 0, failed: 0, retried: 0 };
    if (this.running) return totals;
    this.running = true;
    try {
      const senders = (await this.registry.list()).filter((t) => t.status === 'active' && (!opts.tenants || opts.tenants.includes(t.slug)));
      // a few senders at once, each on one connection at a time; one sender's messages stay in order
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(SENDERS_AT_ONCE, senders.length) }, async () => {
          for (let t = senders[next++]; t; t = senders[next++]) {
            const r = await this.deliverFrom(t, opts.limitPerTenant ?? 100);
            totals.delivered += r.delivered;
            totals.duplicates += r.duplicates;
            totals.failed += r.failed;
            totals.retried += r.retried;
          }
        }),
      );
    } finally {
      this.running = false;
    }
    return totals;
  }

  /** Delivers until no city of `tenants` has a due message left (a reply may cause another message). */
  async deliverAll(tenants?: string[]): Promise<DeliveryTotals> {
    const totals: DeliveryTotals = { delivered: 0, duplicates: 0, failed: 0, retried: 0 };
    for (let pass = 0; pass < 20; pass++) {
      const r = await this.deliverDue({ tenants });
      totals.delivered += r.delivered;
      totals.duplicates += r.duplicates;
      totals.failed += r.failed;
      totals.retried += r.retried;
      if (!r.delivered && !r.duplicates) break;
    }
    return totals;
  }

  private async deliverFrom(sender: TenantRef, limit: number): Promise<DeliveryTotals> {
    const r: DeliveryTotals = { delivered: 0, duplicates: 0, failed: 0, retried: 0 };
    // 1. the sender's transaction: claim due rows and lease them (another worker skips them until the lease ends)
    const rows: OutRow[] = await runInTenant(this.ds, sender, async (m) => {
      const due: OutRow[] = await m.query(
        `SELECT id, message_key, to_city, kind, body, attempts, created_at FROM city_messages_out
          WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY city_messages_out.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (due.length) {
        await m.query(`UPDATE city_messages_out SET next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])`, [
          due.map((x) => x.id),
          this.config.cityMessagesLeaseSeconds,
        ]);
      }
      return due;
    });
    const done: string[] = [];
    // a receiver that failed a message waits as long as that message does: later messages to it keep their order
    const heldBack = new Map<string, { secs: number; ids: string[] }>();
    for (const row of rows) {
      const held = heldBack.get(row.to_city);
      if (held) {
        held.ids.push(row.id);
        continue;
      }
      let applied: boolean;
      try {
        // 2. the receiver's transaction: the inbox key and the effect
        applied = await this.applyAtReceiver(sender.slug, row);
      } catch (e) {
        const attempts = row.attempts + 1;
        const final = attempts >= MAX_MESSAGE_ATTEMPTS;
        await runInTenant(this.ds, sender, (m) =>
          m.query(`UPDATE city_messages_out SET attempts = $2, last_error = $3, status = $4, next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`, [
            row.id,
            attempts,
            String((e as Error)?.message ?? e).slice(0, 500),
            final ? 'failed' : 'pending',
            messageBackoffSeconds(attempts),
          ]),
        );
        if (final) r.failed++;
        else r.retried++;
        heldBack.set(row.to_city, { secs: messageBackoffSeconds(attempts), ids: [] });
        this.log.warn(`message ${row.message_key} to ${row.to_city} not applied (attempt ${attempts}): ${(e as Error)?.message}`);
        continue;
      }
      if (this.recordLatencies && applied) this.latencies.push(Date.now() - new Date(row.created_at).getTime());
      // the crash test's fault: the process dies with the receiver's commit made and the sender's not
      if (this.config.illTestFault === 'crash-after-apply') process.kill(process.pid, 'SIGKILL');
      done.push(row.id);
      if (applied) r.delivered++;
      else r.duplicates++;
    }
    for (const { secs, ids } of heldBack.values()) {
      if (!ids.length) continue;
      await runInTenant(this.ds, sender, (m) =>
        m.query(`UPDATE city_messages_out SET next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])`, [ids, secs]),
      );
    }
    // 3. the sender's transaction: the batch's applied messages delivered (one statement; a crash before it redelivers them, as no-ops)
    if (done.length) {
      await runInTenant(this.ds, sender, (m) =>
        m.query(`UPDATE city_messages_out SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`, [done]),
      );
    }
    return r;
  }

  /** The receiver's transaction: the key first (already there: applied before, nothing to do), then the effect. */
  private async applyAtReceiver(from: string, row: OutRow): Promise<boolean> {
    const receiver = await this.registry.findBySlug(row.to_city);
    if (!receiver) throw new Error(`no city ${row.to_city}`);
    if (receiver.status !== 'active') throw new Error(`city ${row.to_city} is suspended`);
    const handler = this.handlers.get(row.kind);
    if (!handler) throw new Error(`no handler for city message ${row.kind}`);
    return runInTenant(this.ds, receiver, async (m) => {
      const fresh = await m.query(
        `INSERT INTO city_messages_in (message_key, from_city, kind) VALUES ($1,$2,$3) ON CONFLICT ON CONSTRAINT city_messages_in_pkey DO NOTHING RETURNING message_key`,
        [row.message_key, from, row.kind],
      );
      if (!fresh.length) return false;
      await handler({ key: row.message_key, from, kind: row.kind, body: row.body });
      return true;
    });
  }
}
