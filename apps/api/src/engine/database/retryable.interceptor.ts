import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DomainError } from '../errors/domain-error';

/** PostgreSQL: deadlock detected, serialization failure, lock not available. */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);

/** A database error after which the transaction wrote nothing and may be run again. */
export function isRetryableCollision(e: unknown): boolean {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Desk operations lock copies, holds and (through the catalogue's availability trigger)
 * records. The code keeps one lock order, but two rare interleavings across titles can
 * still deadlock; PostgreSQL then aborts one transaction. That request is answered 409
 * CONFLICT (nothing was written, it may simply be sent again) instead of a 500.
 */
@Injectable()
export class RetryableAsConflict implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (isRetryableCollision(e)) {
          return throwError(() => new DomainError('CONFLICT', 'concurrent desk operations collided; send the request again'));
        }
        return throwError(() => e);
      }),
    );
  }
}
