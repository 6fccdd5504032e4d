import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../engine/config/config';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';

export const MAX_ATTEMPTS = 6;
/** Minutes to wait after the n-th failed attempt (1, 2, 4, 8, 16 …). */
export function backoffMinutes(attempt: number): number {
  return Math.min(2 ** Math.max(0, attempt - 1), 120);
}
/** A row left in 'sending' this long was interrupted mid-delivery (crash): never resent blindly. */
const STALE_SENDING_MINUTES = 10;

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
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Mail');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobs) {
      this.timer = setInterval(() => void this.deliverDue().catch((e) => this.log.error(e.message)), 2000);
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
      try {
        await transport.sendMail({
          from: this.config.mailFrom,
          to: row.to_address,
          subject: row.subject,
          text: row.body,
          messageId: `<${row.idempotency_key.replace(/[^A-Za-z0-9.:_-]/g, '_')}@${t.slug}.shiori>`,
        });
        await runInTenant(this.ds, t, (m) => m.query(`UPDATE outbox SET status='sent', sent_at=now(), last_error=NULL WHERE id=$1`, [row.id]));
        r.sent++;
      } catch (e) {
        const err = e as Error & { responseCode?: number };
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
        const attempts = row.attempts + 1;
        const final = permanent || attempts >= MAX_ATTEMPTS;
        await runInTenant(this.ds, t, (m) =>
          m.query(
            `UPDATE outbox SET status=$2, last_error=$3, next_attempt_at = now() + make_interval(mins => $4) WHERE id=$1`,
            [row.id, final ? 'failed' : 'pending', err.message.slice(0, 500), final ? 0 : backoffMinutes(attempts)],
          ),
        );
        if (final) r.failed++;
        else r.retried++;
      }
    }
    return r;
  }
}
