import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { SESSION_COOKIE, SessionsService } from './sessions.service';

/**
 * One passport strategy for both kinds of client: the httpOnly session cookie of the web
 * apps, or `Authorization: Bearer <token>` for self-check machines and integrations.
 * Returns false (no principal) rather than failing, so the guard decides what a route needs.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async validate(req: Request): Promise<unknown> {
    const auth = req.headers.authorization;
    if (auth && /^Bearer\s+/i.test(auth)) {
      return (await this.sessions.find(auth.replace(/^Bearer\s+/i, '').trim(), 'bearer')) ?? { anonymous: true };
    }
    const cookie = (req as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
    if (cookie) return (await this.sessions.find(cookie, 'cookie')) ?? { anonymous: true };
    return { anonymous: true };
  }
}
