import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from './sessions.service';

/**
 * A readable companion of the httpOnly session cookie, holding no secret ("1"): the OPAC asks
 * `GET /me` only when it is there, so an anonymous visitor's page makes no request that can only
 * answer 401 (noise in the console, and one round trip less on a phone).
 */
export const SESSION_HINT_COOKIE = 'shiori_signed_in';

/** httpOnly, SameSite=Lax, Secure whenever the request came over TLS (directly or behind a trusted proxy). */
export function setSessionCookie(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires });
  res.cookie(SESSION_HINT_COOKIE, '1', { httpOnly: false, sameSite: 'lax', secure: req.secure, path: '/', expires });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  res.clearCookie(SESSION_HINT_COOKIE, { httpOnly: false, sameSite: 'lax', secure: req.secure, path: '/' });
}

/**
 * Keeps the hint in step with the session cookie on every response (after cookie-parser): sessions
 * made before the hint existed get one (lasting the browser session), and a hint whose session
 * cookie is gone is removed.
 */
export function syncSessionHint(req: Request, res: Response, next: NextFunction): void {
  const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
  const session = !!cookies[SESSION_COOKIE];
  const hint = cookies[SESSION_HINT_COOKIE] === '1';
  if (session && !hint) res.cookie(SESSION_HINT_COOKIE, '1', { httpOnly: false, sameSite: 'lax', secure: req.secure, path: '/' });
  else if (!session && hint) res.clearCookie(SESSION_HINT_COOKIE, { httpOnly: false, sameSite: 'lax', secure: req.secure, path: '/' });
  next();
}
