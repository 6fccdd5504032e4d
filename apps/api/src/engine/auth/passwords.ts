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

/** A hash of nothing anyone can type, made once with the same parameters as real ones. */
let dummy: Promise<string> | undefined;

/**
 * Checks a password against its hash. Without one (unknown account, attempt refused while
 * waiting), it checks against a dummy hash of the same cost and answers false: the same work,
 * so the time taken does not tell whether the account exists or was waiting.
 */
export async function verifyPassword(hashed: string | null | undefined, plain: string): Promise<boolean> {
  if (!hashed) {
    dummy ??= hash(`\u0000no account ${Math.random()}`, OPTIONS);
    await verify(await dummy, plain).catch(() => false);
    return false;
  }
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}
