import { LockoutRules } from './schema';

/**
 * Slowing down password guessing without handing strangers a lock (issue #22).
 *
 * Failures are counted per account and source address (a person mistyping at home), and per
 * account from every address together (a script spread over many addresses). After a few
 * free failures each further one doubles the wait before the next attempt is checked, up to
 * a longest wait. The wait from every address together applies only to addresses that have
 * never signed in to the account successfully: a stranger's failures elsewhere never hold up
 * the account holder at their usual address, while distributed guessing slows to one attempt
 * per wait. Nothing here tells whether an account exists: the caller counts under the
 * identifier as typed, known or not, and answers a refused attempt like a wrong password.
 *
 * Times are ISO 8601 strings the caller passes (this library reads no clock).
 */

/** Failures counted under one key: an account from one address, or from every address. */
export interface FailureCount {
  failures: number;
  /** The last counted failure, or null. */
  lastFailureAt: string | null;
}

/** How failures turn into waits. */
export interface BackoffRules {
  /** Failures that cost nothing: a person mistyping. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with each further failure. */
  firstWaitSeconds: number;
  /** The longest wait. */
  maxWaitSeconds: number;
  /** From this many failures on, the wait is the longest one at once. */
  limit?: number;
  /** Failures are forgotten after this long without a new one. */
  memorySeconds: number;
}

/** An address that signed in to the account successfully within this many days counts as the holder's own. */
export const FAMILIAR_SOURCE_DAYS = 90;

/** The first wait of sign-in after the city's free failures (`lockout.maxFailures`). */
export const SIGN_IN_FIRST_WAIT_SECONDS = 5;

/** Sign-in failures are forgotten after a day without one. */
export const SIGN_IN_MEMORY_SECONDS = 24 * 3600;

/**
 * The sign-in backoff of a city's `lockout` rules: `maxFailures` failures are free (from one
 * address, and from every address together), then the wait starts at 5 seconds and doubles
 * up to `lockMinutes`. Those two numbers meant "lock for lockMinutes after maxFailures"
 * before; they keep their size and lose the lock.
 */
export function signInBackoff(lockout: LockoutRules): BackoffRules {
  return {
    freeFailures: lockout.maxFailures,
    firstWaitSeconds: Math.min(SIGN_IN_FIRST_WAIT_SECONDS, lockout.lockMinutes * 60),
    maxWaitSeconds: lockout.lockMinutes * 60,
    memorySeconds: SIGN_IN_MEMORY_SECONDS,
  };
}

/**
 * Online password registration ("register again" by identity fields) per card, from any
 * address: 5 free failures, then 1 minute doubling, and from the 10th failure on one day
 * between attempts; failures are remembered for a week. Guessing a birth month and a name
 * then takes years, while a patron who mistypes a few times hardly notices.
 */
export const REGISTRATION_BACKOFF: BackoffRules = {
  freeFailures: 5,
  firstWaitSeconds: 60,
  maxWaitSeconds: 24 * 3600,
  limit: 10,
  memorySeconds: 7 * 24 * 3600,
};

function time(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 time: ${iso}`);
  return t;
}

/** The wait (seconds) after the last of `failures` failures before the next attempt is checked. */
export function backoffWaitSeconds(rules: BackoffRules, failures: number): number {
  if (failures < rules.freeFailures) return 0;
  if (rules.limit !== undefined && failures >= rules.limit) return rules.maxWaitSeconds;
  const doublings = Math.min(failures - rules.freeFailures, 40);
  return Math.min(rules.maxWaitSeconds, rules.firstWaitSeconds * 2 ** doublings);
}

/** The failures that still count at `now` (0 once forgotten). */
export function currentFailures(rules: BackoffRules, count: FailureCount, now: string): number {
  if (!count.lastFailureAt || count.failures <= 0) return 0;
  return time(now) - time(count.lastFailureAt) >= rules.memorySeconds * 1000 ? 0 : count.failures;
}

/** Until when the next attempt must wait (ISO), or null when it may be checked at `now`. */
export function waitUntil(rules: BackoffRules, count: FailureCount, now: string): string | null {
  const failures = currentFailures(rules, count, now);
  const wait = backoffWaitSeconds(rules, failures);
  if (!wait || !count.lastFailureAt) return null;
  const until = time(count.lastFailureAt) + wait * 1000;
  return time(now) < until ? new Date(until).toISOString() : null;
}

/** The count after one more failure at `now` (forgotten failures start over). */
export function countFailure(rules: BackoffRules, count: FailureCount, now: string): FailureCount {
  return { failures: currentFailures(rules, count, now) + 1, lastFailureAt: now };
}

/** What is known of one sign-in attempt before its password is checked. */
export interface SignInAttempt {
  /** This account from this address. */
  fromSource: FailureCount;
  /** This account from every address. */
  fromAnywhere: FailureCount;
  /** When this address last signed in to this account successfully, or null. */
  sourceLastSuccessAt: string | null;
}

export type SignInGate = { check: true } | { check: false; until: string; because: 'source' | 'account' };

/** Whether the address has signed in to the account within FAMILIAR_SOURCE_DAYS. */
export function isFamiliarSource(lastSuccessAt: string | null, now: string): boolean {
  return !!lastSuccessAt && time(now) - time(lastSuccessAt) < FAMILIAR_SOURCE_DAYS * 24 * 3600_000;
}

/**
 * Whether an attempt may have its password checked now. Refused: the address is waiting
 * after its own failures, or — for an address the account has not signed in from — the
 * account is waiting after failures from everywhere.
 */
export function decideSignInAttempt(rules: BackoffRules, attempt: SignInAttempt, now: string): SignInGate {
  const source = waitUntil(rules, attempt.fromSource, now);
  if (source) return { check: false, until: source, because: 'source' };
  if (!isFamiliarSource(attempt.sourceLastSuccessAt, now)) {
    const account = waitUntil(rules, attempt.fromAnywhere, now);
    if (account) return { check: false, until: account, because: 'account' };
  }
  return { check: true };
}
