import { DomainError } from '../../../engine/errors/domain-error';
import { CirculationErrors } from '../circulation.errors';

/** Clocks of desk terminals drift a little; a time this far ahead still counts as now. */
const CLOCK_SKEW_MS = 60_000;

/** The time of a desk operation: `at` (back-dated, past only) or now. */
export function resolveAt(at: string | undefined, now = new Date()): Date {
  if (!at) return now;
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) throw new DomainError('VALIDATION', undefined, [{ path: 'at', message: 'not a time' }]);
  if (t.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new DomainError(CirculationErrors.AT_IN_FUTURE, undefined, [{ path: 'at', message: 'must not be in the future' }]);
  return t.getTime() > now.getTime() ? now : t;
}
