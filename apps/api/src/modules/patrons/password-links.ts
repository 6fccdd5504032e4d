import type { EntityManager } from 'typeorm';

/**
 * Voids every pending password link of a patron (reset, confirmation of a password
 * registered online) when a password is set another way: the newest password stands, and
 * an older link can no longer replace it.
 */
export async function voidPasswordLinks(m: EntityManager, patronId: string, at: Date): Promise<void> {
  await m.query(`UPDATE patron_tokens SET used_at = $2 WHERE patron_id = $1 AND kind IN ('password-reset', 'password-confirm') AND used_at IS NULL`, [
    patronId,
    at.toISOString(),
  ]);
}
