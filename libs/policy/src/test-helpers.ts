// Test-only helpers (excluded from nothing at run time, but imported by specs only).
import { parsePolicy } from './parse';
import { Policy } from './schema';

/** A policy from partial input; throws with the error list if invalid, so a typo fails the test. */
export function policyOf(input: object = {}): Policy {
  const r = parsePolicy(input);
  if (!r.ok) throw new Error(`invalid test policy: ${JSON.stringify(r.errors)}`);
  return r.policy;
}

/**
 * One bullet of CITIES.md checked against a preset. `seed` cites the line(s) of the city's
 * guide in /work/shared/seeds that the bullet comes from (documentation only: tests never
 * read that folder).
 */
export interface BulletCase {
  bullet: string;
  seed: string;
  check: () => void;
}
