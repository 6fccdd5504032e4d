import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

/**
 * Algorithm.Argon2id: the package declares Algorithm as a const enum and exports no value
 * for it at run time, so code compiled file by file (swc, ts-jest) must not read it.
 */
const ARGON2ID = 2 as Algorithm;

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(hashed: string | null | undefined, plain: string): Promise<boolean> {
  if (!hashed) {
    // Spend the same time as a real check so unknown accounts are not told apart by timing.
    await hash(plain, OPTIONS);
    return false;
  }
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}
