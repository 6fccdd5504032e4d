import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DatabaseErrors, isDatabaseUnavailable } from '../database/connection-errors';
import { DatabaseWatchdog } from '../database/database-watchdog.service';
import { JSON_TOO_DEEP_TYPE, MAX_JSON_DEPTH } from '../http/json-body';
import { DomainError, errorSpec, FieldError } from './domain-error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  message: { ja: string; en: string };
  errors?: FieldError[];
  [k: string]: unknown;
}

/** Builds the problem+json body of a domain code. */
export function problemFor(code: string, detail?: string, errors?: FieldError[], extra?: Record<string, unknown>): Problem {
  const spec = errorSpec(code) ?? errorSpec('INTERNAL')!;
  return {
    type: `https://shiori.example.jp/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: spec.en,
    status: spec.status,
    detail: detail ?? spec.ja,
    code,
    message: { ja: spec.ja, en: spec.en },
    ...(errors && errors.length ? { errors } : {}),
    ...(extra ?? {}),
  };
}

export function sendProblem(res: Response, problem: Problem): void {
  // the wait this answer names (a limit's window, a paused registration), else the code's own
  const named = typeof problem.retryAfterSeconds === 'number' && problem.retryAfterSeconds > 0 ? Math.ceil(problem.retryAfterSeconds) : undefined;
  const retryAfter = named ?? errorSpec(problem.code)?.retryAfterSeconds;
  if (retryAfter && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfter));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Maps framework HTTP exceptions (404 route, body parser) onto our codes. */
function fromHttpException(e: HttpException): Problem {
  const status = e.getStatus();
  const code =
    status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 429 ? 'RATE_LIMITED' : status === 400 ? 'VALIDATION' : 'INTERNAL';
  const p = problemFor(code, typeof e.message === 'string' ? e.message : undefined);
  p.status = status;
  return p;
}

const log = new Logger('Error');

/** How long after a pooled connection broke a "query runner already released" is taken for its consequence. */
const CONNECTION_LOSS_MEMORY_MS = 10_000;

/**
 * The problem+json answer to anything a request threw; unexpected errors are logged and
 * answer INTERNAL. `database` tells a connection broken under the request from a bug.
 */
export function problemOf(exception: unknown, req?: Request, database?: Pick<DatabaseWatchdog, 'connectionLostWithin'>): Problem {
  if (exception instanceof DomainError) return problemFor(exception.code, exception.detail, exception.errors, exception.extra);
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isBodyParserError(exception)) return bodyParserProblem(exception);
  // the database went away under the request (the watchdog logs the outage once)
  if (isDatabaseUnavailable(exception, database?.connectionLostWithin(CONNECTION_LOSS_MEMORY_MS))) return problemFor(DatabaseErrors.DATABASE_UNAVAILABLE);
  log.error(`${req?.method} ${req?.url}: ${(exception as Error)?.stack ?? exception}`);
  return problemFor('INTERNAL');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly database: DatabaseWatchdog) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const problem = problemOf(exception, ctx.getRequest<Request>(), this.database);
    if (res.headersSent) return;
    sendProblem(res, problem);
  }
}

export function isBodyParserError(e: unknown): e is { type: string; status: number } {
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string' && typeof (e as { status?: unknown }).status === 'number';
}

export function bodyParserProblem(e: { type: string; status: number }): Problem {
  if (e.type === 'entity.too.large') return problemFor('PAYLOAD_TOO_LARGE');
  if (e.type === 'entity.parse.failed') return problemFor('MALFORMED_JSON');
  if (e.type === JSON_TOO_DEEP_TYPE) return problemFor('JSON_TOO_DEEP', undefined, undefined, { maxDepth: MAX_JSON_DEPTH });
  const p = problemFor('VALIDATION', e.type);
  p.status = e.status;
  return p;
}
