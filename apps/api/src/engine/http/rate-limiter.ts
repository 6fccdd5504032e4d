import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The client's address as Express derives it under TRUST_PROXY (the connecting address, or
 * the one the configured proxies name): what every per-address limit and count uses.
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * A fixed-window counter per key (e.g. `login:<ip>`), in memory per API instance. Good enough
 * to stop a crawler or a password-guessing script; account lockout (in the database) covers
 * distributed guessing across instances.
 */
@Injectable()
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  /** Counts one hit; returns the seconds to wait when over `limit` in `windowMs`, else 0. */
  hit(key: string, limit: number, windowMs: number): number {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(now, windowMs);
    }
    w.count++;
    return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
  }

  /** Seconds to wait while `key` is already over `limit` in its current window, else 0; counts nothing (failures are counted with `hit`). */
  waitFor(key: string, limit: number, windowMs: number): number {
    const w = this.windows.get(key);
    const now = Date.now();
    if (!w || now - w.start >= windowMs || w.count < limit) return 0;
    return Math.ceil((w.start + windowMs - now) / 1000);
  }

  private sweep(now: number, windowMs: number) {
    for (const [k, v] of this.windows) if (now - v.start >= windowMs) this.windows.delete(k);
  }
}
