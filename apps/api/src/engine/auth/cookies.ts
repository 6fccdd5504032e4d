import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './sessions.service';

/** httpOnly, SameSite=Lax, Secure whenever the request came over TLS (directly or behind a trusted proxy). */
export function setSessionCookie(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', expires });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
