import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { hasTenantContext, tenantManager } from '@shiori/tenancy';

interface Pending {
  onCommit: () => void;
  onRollback?: () => void;
}

const pending = new WeakMap<QueryRunner, Pending[]>();

/**
 * Runs `fn` once the current tenant transaction has committed (and never if it rolls back),
 * e.g. to start background work on rows the transaction wrote. Outside a transaction it
 * runs on the next turn of the event loop. `onRollback` runs instead when the transaction
 * rolls back (e.g. to let go of something taken for the work that will not happen).
 */
export function afterCommit(fn: () => void, onRollback?: () => void): void {
  const qr = hasTenantContext() ? tenantManager().queryRunner : undefined;
  if (!qr || !qr.isTransactionActive) {
    setImmediate(fn);
    return;
  }
  const list = pending.get(qr) ?? [];
  list.push({ onCommit: fn, onRollback });
  pending.set(qr, list);
}

/** TypeORM tells its subscribers when a query runner commits or rolls back. */
class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint was released; the transaction goes on
    const list = pending.get(qr);
    pending.delete(qr);
    for (const p of list ?? []) setImmediate(p.onCommit);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint was rolled back; the transaction goes on
    const list = pending.get(qr);
    pending.delete(qr);
    for (const p of list ?? []) if (p.onRollback) setImmediate(p.onRollback);
  }
}

export function installAfterCommitHooks(ds: DataSource): void {
  if (!ds.subscribers.some((s) => s instanceof AfterCommitSubscriber)) ds.subscribers.push(new AfterCommitSubscriber());
}
