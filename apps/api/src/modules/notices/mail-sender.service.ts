import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { runInTenant, TenantRef } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../engine/config/config';
import { isDatabaseUnavailable } from '../../engine/database/connection-errors';
import { DatabaseWatchdog } from '../../engine/database/database-watchdog.service';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';

export const MAX_ATTEMPTS = 6;
/** Minutes to wait after the n-th failed attempt (1, 2, 4, 8, 16 …). */
export function backoffMinutes(attempt: number): number {
  return Math.min(2 ** Math.max(0, attempt - 1), 120);
}
/** A row left in 'sending' this long was interrupted mid-delivery (crash): never resent blindly. */
const STALE_SENDING_MINUTES = 10;

/** How a delivery ended, as the outbox row must say it. */
type Outcome = { status: 'sent' } | { status: 'pending' | 'failed'; error: string; retryInMinutes: number };

/**
 * Delivers the tenants' outboxes over SMTP (nodemailer, SMTP_URL).
 *
 * Exactly-once as far as SMTP allows: a row is claimed (`FOR UPDATE SKIP LOCKED`, so several
 * API instances never take the same row) and marked 'sending' in a committed transaction
 * BEFORE the SMTP conversation; only then is it sent and marked 'sent'. A crash between
 * send and mark leaves it 'sending': it is then set 'failed' with a note for librarians to
 * check and retry, rather than sent a second time. Temporary SMTP failures (connection
 * refused, 4xx) go back to 'pending' with exponential backoff; after MAX_ATTEMPTS, 'failed'.
 * The Message-ID is derived from the idempotency key, so a receiver can dedupe too.
 *
 * While the database is away (DatabaseWatchdog) no pass starts. A pass it leaves midway
 * still delivers what it has claimed; an outcome it cannot write down is kept in memory and
 * written at the next pass, so the row neither stays 'sending' nor goes out twice.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Mail');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running = false;
  /** Outcomes of deliveries made while the database was away, written at the next pass. */
  private unrecorded: { tenant: TenantRef; id: number; outcome: Outcome }[] = [];

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseWatchdog,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobs) {
      this.timer = setInterval(() => {
        if (this.database.available) void this.deliverDue().catch((e) => this.log.error(e.message));
      }, 2000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }

  /** Points delivery at another SMTP server (the demo mail catcher, tests). */
  useSmtpUrl(url: string): void {
    this.transport?.close();
    this.transport = nodemailer.createTransport(url);
    this.smtpUrl = url;
  }
  private smtpUrl?: string;

  private transporter(): Transporter | undefined {
    const url = this.smtpUrl ?? this.config.smtpUrl;
    if (!url) return undefined;
    this.transport ??= nodemailer.createTransport(url);
    return this.transport;
  }

  /**
   * One pass over every tenant's due mail (or only `tenants`, by slug: tests that share a
   * database with other suites deliver their own tenants' mail only). Returns the counts.
   */
  async deliverDue(limitPerTenant = 50, opts: { tenants?: string[] } = {}): Promise<{ sent: number; failed: number; retried: number }> {
    const totals = { sent: 0, failed: 0, retried: 0 };
    if (this.running) return totals;
    const transport = this.transporter();
    if (!transport) return totals;
    this.running = true;
    try {
      await this.writeDownUnrecorded();
      for (const t of await this.registry.list()) {
        if (t.status !== 'active') continue;
        if (opts.tenants && !opts.tenants.includes(t.slug)) continue;
        const r = await this.deliverTenant(t, transport, limitPerTenant);
        totals.sent += r.sent;
        totals.failed += r.failed;
        totals.retried += r.retried;
      }
    } finally {
      this.running = false;
    }
    return totals;
  }

  private async deliverTenant(t: { id: string; slug: string; name: string }, transport: Transporter, limit: number) {
    const r = { sent: 0, failed: 0, retried: 0 };
    // crash recovery: interrupted deliveries are surfaced, not resent blindly
    await runInTenant(this.ds, t, (m) =>
      m.query(
        `UPDATE outbox SET status='failed', last_error='配信中に中断されました。届いたか確認してから再送してください / interrupted during delivery: check before retrying'
          WHERE status='sending' AND next_attempt_at < now() - make_interval(mins => $1)`,
        [STALE_SENDING_MINUTES],
      ),
    );
    const claimed: { id: number; to_address: string; subject: string; body: string; idempotency_key: string; attempts: number }[] = await runInTenant(
      this.ds,
      t,
      async (m) => {
        const rows = await m.query(
          `SELECT id, to_address, subject, body, idempotency_key, attempts FROM outbox
            WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        if (rows.length) {
          await m.query(`UPDATE outbox SET status='sending', attempts = attempts + 1, next_attempt_at = now() WHERE id = ANY($1)`, [
            rows.map((x: { id: number }) => x.id),
          ]);
        }
        return rows;
      },
    );
    for (const row of claimed) {
      let outcome: Outcome;
      try {
        await transport.sendMail({
          from: this.config.mailFrom,
          to: row.to_address,
          subject: row.subject,
          text: row.body,
          messageId: `<${row.idempotency_key.replace(/[^A-Za-z0-9.:_-]/g, '_')}@${t.slug}.shiori>`,
        });
        outcome = { status: 'sent' };
        r.sent++;
      } catch (e) {
        const err = e as Error & { responseCode?: number };
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        const attempts = row.attempts + 1;
        const final = permanent || attempts >= MAX_ATTEMPTS;
        outcome = { status: final ? 'failed' : 'pending', error: err.message.slice(0, 500), retryInMinutes: final ? 0 : backoffMinutes(attempts) };
        if (final) r.failed++;
        else r.retried++;
      }
      try {
        await this.writeDown(t, row.id, outcome);
      } catch (e) {
        if (!isDatabaseUnavailable(e)) throw e;
        this.unrecorded.push({ tenant: t, id: row.id, outcome });
      }
    }
    return r;
  }

  private writeDown(t: TenantRef, id: number, outcome: Outcome) {
    return runInTenant(this.ds, t, (m) =>
      outcome.status === 'sent'
        ? m.query(`UPDATE outbox SET status='sent', sent_at=now(), last_error=NULL WHERE id=$1`, [id])
        : m.query(`UPDATE outbox SET status=$2, last_error=$3, next_attempt_at = now() + make_interval(mins => $4) WHERE id=$1`, [
            id,
            outcome.status,
            outcome.error,
            outcome.retryInMinutes,
          ]),
    );
  }

  /** The outcomes kept while the database was away, oldest first; stops (and keeps the rest) if it is away again. */
  private async writeDownUnrecorded(): Promise<void> {
    if (!this.unrecorded.length) return;
    const count = this.unrecorded.length;
    while (this.unrecorded.length) {
      const { tenant, id, outcome } = this.unrecorded[0];
      await this.writeDown(tenant, id, outcome);
      this.unrecorded.shift();
    }
    this.log.warn(`Wrote down ${count} deliveries made while the database was away.`);
  }
}
