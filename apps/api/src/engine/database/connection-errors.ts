import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { defineErrors } from '../errors/domain-error';

export const DatabaseErrors = defineErrors({
  DATABASE_UNAVAILABLE: {
    status: 503,
    // an embedded server is back within a second or two; an external one may take longer
    retryAfterSeconds: 5,
    ja: 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください。',
    en: 'The database is temporarily unavailable. Please try again in a moment.',
  },
});

/** Node socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

/**
 * SQLSTATEs of a server that is not there to do the work: class 08 (connection exception),
 * 57P01 admin shutdown, 57P02 crash shutdown (another backend crashed), 57P03 cannot connect
 * now (starting up, in crash recovery, shutting down), 53300 too many connections.
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and pg-pool say when a connection ended under a query or never came. */
const DRIVER_MESSAGES =
  /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/**
 * Whether an error means "the database is not there" rather than "this request is wrong":
 * such a request may succeed as it is a moment later (503 DATABASE_UNAVAILABLE, Retry-After).
 * Looks through TypeORM's QueryFailedError (driverError), `cause` and AggregateError (a host
 * name resolving to several addresses).
 *
 * When a connection breaks between two statements of a transaction, TypeORM releases it and
 * the next statement fails with "query runner already released", an error that otherwise
 * means a bug (a query after the transaction ended). `connectionLostRecently` (the
 * watchdog: a pooled connection broke moments ago) tells the two apart.
 */
export function isDatabaseUnavailable(e: unknown, connectionLostRecently = false): boolean {
  if (e instanceof QueryRunnerAlreadyReleasedError || e instanceof QueryRunnerProviderAlreadyReleasedError) return connectionLostRecently;
  return lostConnection(e, 0);
}

function lostConnection(e: unknown, depth: number): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string') {
    if (SOCKET_CODES.has(err.code) || SERVER_STATES.has(err.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(err.code)) return true;
  }
  if (typeof err.message === 'string' && DRIVER_MESSAGES.test(err.message)) return true;
  const inner = [err.driverError, err.cause, ...(Array.isArray(err.errors) ? err.errors : [])];
  return inner.some((x) => x !== e && lostConnection(x, depth + 1));
}
