import { BackoffRules, countFailure, currentFailures, decideSignInAttempt, FailureCount, FAMILIAR_SOURCE_DAYS, SignInGate, waitUntil } from '@shiori/policy';
import type { EntityManager } from 'typeorm';

/** The row that counts an account's failures from every address. */
const EVERYWHERE = '*';
/**
 * The one order in which a key's rows are locked: the row from everywhere first, then the
 * addresses (whatever the database's collation makes of '*'). Every statement that locks more
 * than one row of a key takes them in this order, or two sign-ins of one account deadlock.
 */
const LOCK_ORDER = `(source <> '${EVERYWHERE}'), source`;
/** Rows untouched this long are deleted (longer than any rules' memory of failures). */
const FORGET_FAILURES_MS = 8 * 24 * 3600_000;
/** How often one API instance sweeps one table (of one tenant) of forgotten rows. */
const SWEEP_EVERY_MS = 10 * 60_000;

interface Row {
  source: string;
  failures: number;
  last_failure_at: Date | null;
  last_success_at: Date | null;
}

/** One attempt, between `attempt()` and the check of what was typed. */
export interface AttemptTicket {
  key: string;
  /** The client address, or null when only the count from every address matters. */
  source: string | null;
  /** check: false = refused without looking at what was typed (answered like a wrong one). */
  gate: SignInGate;
  /** The attempt's time (ISO), at which it was counted as a failure in advance when checked. */
  at: string;
  /** The count from every address before this attempt (given back on success). */
  before: FailureCount;
}

function count(row: Row | undefined): FailureCount {
  return { failures: row?.failures ?? 0, lastFailureAt: row?.last_failure_at ? new Date(row.last_failure_at).toISOString() : null };
}

/**
 * Failed attempts (sign-in, online password registration) kept in a table of
 * `(account_key, source)` rows, where `source` is a client address or '*' for every address;
 * the rules and the decision are libs/policy's (sign-in.ts). The key is what the client typed
 * (a normalised card number, a user name), whether or not an account has it, so the answers
 * and the work done never tell known accounts from unknown ones.
 *
 * An attempt that may be checked is counted as a failure before the check, in the same short
 * transaction that reads the count under a row lock: parallel attempts each see the others,
 * and a count that cannot be written stops the attempt with an error instead of letting it
 * through uncounted. A success then gives the advance back. Times come from the app, never
 * from now() inside a write (Citus routes plain values only).
 */
export class FailureLedger {
  private readonly lastSweep = new Map<string, number>();

  /** `table` is a constant of the caller: the tenant's `sign_in_failures` or `platform.staff_sign_in_failures`. */
  constructor(private readonly table: string) {}

  /**
   * Reads and locks the key's counts, decides whether the attempt may be checked and, if so,
   * counts it as a failure in advance. `scope` names the table's owner (a tenant) for the
   * occasional sweep of forgotten rows.
   */
  async attempt(m: EntityManager, scope: string, key: string, source: string | null, rules: BackoffRules, now: Date): Promise<AttemptTicket> {
    await this.sweepIfDue(m, scope, now);
    const at = now.toISOString();
    const sources = source === null ? [EVERYWHERE] : [EVERYWHERE, source];
    // the rows exist before they are read, so attempts on a new key wait for each other too
    // (a second insert of the same key waits for the first transaction); '*' first, always
    await m.query(
      `INSERT INTO ${this.table} (account_key, source) VALUES ($1, '${EVERYWHERE}')${source === null ? '' : ', ($1, $2)'}
       ON CONFLICT ON CONSTRAINT ${this.constraint()} DO NOTHING`,
      source === null ? [key] : [key, source],
    );
    const rows: Row[] = await m.query(
      `SELECT source, failures, last_failure_at, last_success_at FROM ${this.table}
        WHERE account_key = $1 AND source = ANY($2::text[]) ORDER BY ${LOCK_ORDER} FOR UPDATE`,
      [key, sources],
    );
    const anywhere = rows.find((r) => r.source === EVERYWHERE);
    const mine = source === null ? undefined : rows.find((r) => r.source === source);
    const before = count(anywhere);
    let gate: SignInGate;
    if (source === null) {
      const until = waitUntil(rules, before, at);
      gate = until ? { check: false, until, because: 'account' } : { check: true };
    } else {
      const lastSuccess = mine?.last_success_at ? new Date(mine.last_success_at).toISOString() : null;
      gate = decideSignInAttempt(rules, { fromSource: count(mine), fromAnywhere: before, sourceLastSuccessAt: lastSuccess }, at);
    }
    if (gate.check) {
      await this.write(m, key, EVERYWHERE, countFailure(rules, before, at));
      if (source !== null) await this.write(m, key, source, countFailure(rules, count(mine), at));
    }
    return { key, source, gate, at, before };
  }

  /**
   * What was typed was right: this address's count starts over and the address becomes one
   * the account has signed in from; the advance count from every address is given back (or,
   * with `forgetAll`, that count starts over too).
   */
  async succeeded(m: EntityManager, ticket: AttemptTicket, forgetAll = false): Promise<void> {
    if (!ticket.gate.check) throw new Error('succeeded() of an attempt that was not checked');
    // the row from everywhere first, then the address's: the order attempt() locks them in (the
    // other order deadlocks with a parallel attempt on the same account)
    const restored = forgetAll ? { failures: 0, lastFailureAt: null } : ticket.before;
    await m.query(
      `UPDATE ${this.table} SET failures = GREATEST(failures - $3, 0),
              last_failure_at = CASE WHEN last_failure_at = $4 THEN $5 ELSE last_failure_at END
        WHERE account_key = $1 AND source = $2`,
      [ticket.key, EVERYWHERE, forgetAll ? 1_000_000 : 1, ticket.at, restored.lastFailureAt],
    );
    if (ticket.source !== null) {
      await m.query(`UPDATE ${this.table} SET failures = 0, last_failure_at = NULL, last_success_at = $3 WHERE account_key = $1 AND source = $2`, [
        ticket.key,
        ticket.source,
        ticket.at,
      ]);
    }
  }

  /**
   * Forgets every failure of a key (a new password set by staff or the CLI, an unlock); the
   * addresses the account signed in from stay known. Answers how many counts were cleared.
   */
  async clear(m: EntityManager, key: string): Promise<number> {
    // the key's rows locked in attempt()'s order before they are written
    await m.query(`SELECT 1 FROM ${this.table} WHERE account_key = $1 ORDER BY ${LOCK_ORDER} FOR UPDATE`, [key]);
    const r = await m.query(`UPDATE ${this.table} SET failures = 0, last_failure_at = NULL WHERE account_key = $1 AND failures > 0`, [key]);
    return Array.isArray(r) ? Number(r[1] ?? 0) : 0;
  }

  /** The count from every address and until when a new address waits (null: it does not). */
  async state(m: EntityManager, key: string, rules: BackoffRules, now: Date): Promise<{ failures: number; waitUntil: string | null }> {
    const [row]: Row[] = await m.query(`SELECT source, failures, last_failure_at, last_success_at FROM ${this.table} WHERE account_key = $1 AND source = $2`, [
      key,
      EVERYWHERE,
    ]);
    const c = count(row);
    const at = now.toISOString();
    return { failures: currentFailures(rules, c, at), waitUntil: waitUntil(rules, c, at) };
  }

  private async write(m: EntityManager, key: string, source: string, c: FailureCount): Promise<void> {
    await m.query(`UPDATE ${this.table} SET failures = $3, last_failure_at = $4 WHERE account_key = $1 AND source = $2`, [
      key,
      source,
      c.failures,
      c.lastFailureAt,
    ]);
  }

  private constraint(): string {
    return `${this.table.replace(/^.*\./, '')}_pkey`;
  }

  /**
   * Deletes rows that no longer count (no failure for longer than any memory, no success
   * within FAMILIAR_SOURCE_DAYS): keys typed once by someone guessing names would otherwise
   * stay for ever. Skips rows other attempts hold, so it never waits for them.
   */
  private async sweepIfDue(m: EntityManager, scope: string, now: Date): Promise<void> {
    const last = this.lastSweep.get(scope) ?? 0;
    if (now.getTime() - last < SWEEP_EVERY_MS) return;
    this.lastSweep.set(scope, now.getTime());
    await m.query(
      `DELETE FROM ${this.table} WHERE (account_key, source) IN (
         SELECT account_key, source FROM ${this.table}
          WHERE (last_failure_at IS NULL OR last_failure_at < $1) AND (last_success_at IS NULL OR last_success_at < $2)
          LIMIT 1000 FOR UPDATE SKIP LOCKED)`,
      [new Date(now.getTime() - FORGET_FAILURES_MS).toISOString(), new Date(now.getTime() - FAMILIAR_SOURCE_DAYS * 24 * 3600_000).toISOString()],
    );
  }
}
