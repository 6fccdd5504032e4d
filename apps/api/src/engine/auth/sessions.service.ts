import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';

export type Principal =
  | { kind: 'staff'; staffId: string; username: string; displayName: string | null; role: 'platform-admin' | 'librarian'; tenantId: string | null; mustChangePassword: boolean; csrfToken: string; via: 'cookie' | 'bearer'; token: string }
  | { kind: 'patron'; patronId: string; tenantId: string; mustChangePassword: boolean; csrfToken: string; via: 'cookie' | 'bearer'; token: string };

export const SESSION_COOKIE = 'sid';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Sessions live in platform.sessions, so any API instance serves any request. Tokens are stored hashed. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    s:
      | { kind: 'staff'; staffId: string; tenantId: string | null; mustChangePassword?: boolean }
      | { kind: 'patron'; patronId: string; tenantId: string; mustChangePassword: boolean },
    manager?: EntityManager,
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const expiresAt = new Date(Date.now() + this.config.sessionHours * 3600_000);
    await (manager ?? this.ds).query(
      `INSERT INTO platform.sessions (token_hash, kind, staff_id, patron_id, tenant_id, csrf_token, must_change_password, expires_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [
        sha256(token),
        s.kind,
        s.kind === 'staff' ? s.staffId : null,
        s.kind === 'patron' ? s.patronId : null,
        s.tenantId,
        csrfToken,
        s.mustChangePassword ?? false,
        expiresAt,
      ],
    );
    return { token, csrfToken, expiresAt };
  }

  async find(token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
    const hashed = sha256(token);
    const rows = await this.ds.query(
      `SELECT s.kind, s.staff_id, s.patron_id, s.tenant_id, s.csrf_token, s.must_change_password,
              s.last_seen_at < now() - interval '1 minute' AS stale, st.username, st.display_name, st.role, st.disabled_at IS NOT NULL AS disabled
         FROM platform.sessions s LEFT JOIN platform.staff st ON st.id = s.staff_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashed],
    );
    const r = rows[0];
    if (!r) return null;
    if (r.stale) {
      await this.ds.query(`UPDATE platform.sessions SET last_seen_at = now() WHERE token_hash = $1`, [hashed]);
    }
    if (r.kind === 'staff') {
      // a disabled account's sessions are deleted when it is disabled; this is the second lock
      if (!r.role || r.disabled) return null;
      return {
        kind: 'staff',
        staffId: r.staff_id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        tenantId: r.tenant_id,
        mustChangePassword: r.must_change_password,
        csrfToken: r.csrf_token,
        via,
        token,
      };
    }
    return { kind: 'patron', patronId: r.patron_id, tenantId: r.tenant_id, mustChangePassword: r.must_change_password, csrfToken: r.csrf_token, via, token };
  }

  async revoke(token: string): Promise<void> {
    await this.ds.query(`DELETE FROM platform.sessions WHERE token_hash = $1`, [sha256(token)]);
  }

  /** Ends every session of a patron (password changed or reset elsewhere), optionally keeping one. */
  async revokePatron(patronId: string, keepToken?: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.ds).query(
      `DELETE FROM platform.sessions WHERE patron_id = $1 AND ($2::text IS NULL OR token_hash <> $2)`,
      [patronId, keepToken ? sha256(keepToken) : null],
    );
  }

  /** Ends every session of a staff account (disabled, password reset or changed), optionally keeping one. */
  async revokeStaff(staffId: string, keepToken?: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.ds).query(
      `DELETE FROM platform.sessions WHERE staff_id = $1 AND ($2::text IS NULL OR token_hash <> $2)`,
      [staffId, keepToken ? sha256(keepToken) : null],
    );
  }

  async clearMustChange(token: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.ds).query(`UPDATE platform.sessions SET must_change_password = false WHERE token_hash = $1`, [sha256(token)]);
  }

  async purgeExpired(): Promise<number> {
    const r = await this.ds.query(`DELETE FROM platform.sessions WHERE expires_at < now()`);
    return Array.isArray(r) ? (r[1] ?? 0) : 0;
  }
}
