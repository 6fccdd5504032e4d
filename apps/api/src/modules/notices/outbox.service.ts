import { Injectable } from '@nestjs/common';
import type { OutboxMessage, OutboxMessageDetail, OutboxPage, OutboxStatus } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { AuditService } from '../../engine/audit/audit.service';
import { columnsSql } from '../../engine/database/sql';
import { DomainError } from '../../engine/errors/domain-error';
import { NotificationErrors } from './notices.errors';

const COLUMNS = columnsSql<OutboxMessage>({
  id: 'id::text',
  kind: 'kind',
  patronId: 'patron_id',
  to: 'to_address',
  lang: 'lang',
  subject: 'subject',
  status: 'status',
  attempts: 'attempts',
  lastError: 'last_error',
  createdAt: 'created_at',
  nextAttemptAt: 'next_attempt_at',
  sentAt: 'sent_at',
});

/** The tenant's outbox as librarians see it: what went out, what waits, what failed — and a retry for the failed. */
@Injectable()
export class OutboxService {
  constructor(private readonly audit: AuditService) {}

  async list(q: { status?: OutboxStatus; kind?: string; page: number; size: number }): Promise<OutboxPage> {
    const values: unknown[] = [q.status ?? null, q.kind ?? null];
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)`;
    const [{ total }] = await tenantManager().query(`SELECT count(*)::int AS total FROM outbox WHERE ${where}`, values);
    const items: OutboxMessage[] = await tenantManager().query(`SELECT ${COLUMNS} FROM outbox WHERE ${where} ORDER BY outbox.id DESC LIMIT $3 OFFSET $4`, [
      ...values,
      q.size,
      (q.page - 1) * q.size,
    ]);
    return { total, page: q.page, size: q.size, items };
  }

  async get(id: string): Promise<OutboxMessageDetail> {
    const [row]: OutboxMessageDetail[] = await tenantManager().query(`SELECT ${COLUMNS}, body FROM outbox WHERE id = $1`, [id]);
    if (!row) throw new DomainError(NotificationErrors.OUTBOX_MESSAGE_NOT_FOUND);
    return row;
  }

  /** A failed message goes back to the queue with a fresh set of attempts; the sender takes it on its next pass. */
  async retry(id: string): Promise<OutboxMessageDetail> {
    const [row] = await tenantManager().query(`SELECT id, status, attempts, last_error FROM outbox WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new DomainError(NotificationErrors.OUTBOX_MESSAGE_NOT_FOUND);
    if (row.status !== 'failed') throw new DomainError(NotificationErrors.OUTBOX_NOT_FAILED, undefined, undefined, { messageStatus: row.status });
    await tenantManager().query(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE id = $1`, [id]);
    await this.audit.record('outbox.retry', 'outbox', String(id), { status: row.status, attempts: row.attempts, lastError: row.last_error }, { status: 'pending', attempts: 0 });
    return this.get(id);
  }
}
