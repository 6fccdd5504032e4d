import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../engine/config/config';
import { hashPassword, verifyPassword } from '../../engine/auth/passwords';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import type { RateLimiter } from '../../engine/http/rate-limiter';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformErrors } from './platform.errors';

const MAX_FAILURES = 10;
const LOCK_MINUTES = 15;
const MIN_PASSWORD = 10;
/** No 0/O, 1/l/I: a temporary password is read out or copied by hand. */
const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface StaffRow {
  id: string;
  username: string;
  role: 'platform-admin' | 'librarian';
  tenantId: string | null;
  displayName: string | null;
}

/** A staff account as the management screens see it (never the password hash). */
export interface StaffView extends StaffRow {
  disabled: boolean;
  disabledAt: string | null;
  lastLoginAt: string | null;
  /** Set while a lockout (after repeated failed sign-ins) is in force. */
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
  createdAt: string;
}

const VIEW = `id, username, role, tenant_id AS "tenantId", display_name AS "displayName",
  disabled_at IS NOT NULL AS disabled, disabled_at AS "disabledAt", last_login_at AS "lastLoginAt",
  CASE WHEN locked_until > now() THEN locked_until END AS "lockedUntil", failed_logins AS "failedLogins",
  must_change_password AS "mustChangePassword", created_at AS "createdAt"`;

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/** Wrong current passwords do not count towards the lockout, so password changes are rate-limited per account. */
export function limitPasswordChange(limiter: RateLimiter, staffId: string): void {
  const wait = limiter.hit(`staff-password:${staffId}`, 10, 60_000);
  if (wait) throw new DomainError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds: wait });
}

/** 12 characters in groups of four (`abcd-efgh-jkmn`, about 69 bits), from a CSPRNG. */
export function generateStaffTemporaryPassword(): string {
  let out = '';
  for (let i = 0; i < 12; i++) {
    if (i && i % 4 === 0) out += '-';
    out += TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)];
  }
  return out;
}

/**
 * Regional staff and librarians (platform.staff): accounts, sign-in with lockout, and their
 * management by platform admins (edit, disable/enable, temporary password, unlock), each
 * change audited in platform.audit_log.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: PlatformAuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates the regional admin `admin` at first start; returns the generated password when one was made. */
  async ensurePlatformAdmin(): Promise<{ created: boolean; password?: string }> {
    const rows = await this.ds.query(`SELECT id FROM platform.staff WHERE role = 'platform-admin' AND lower(username) = 'admin'`);
    if (rows.length) return { created: false };
    const password = this.config.platformAdminPassword ?? (this.config.demo ? randomBytes(9).toString('base64url') : undefined);
    if (!password) {
      throw new Error('PLATFORM_ADMIN_PASSWORD must be set on first start (outside demo mode) to create the regional admin "admin".');
    }
    await this.ds.query(
      `INSERT INTO platform.staff (username, display_name, password_hash, role) VALUES ('admin', '広域管理者', $1, 'platform-admin')
       ON CONFLICT DO NOTHING`,
      [await hashPassword(password)],
    );
    return { created: true, password: this.config.platformAdminPassword ? undefined : password };
  }

  async create(input: { username: string; password: string; role: 'librarian' | 'platform-admin'; tenantId: string | null; displayName?: string }): Promise<StaffRow> {
    if (input.password.length < MIN_PASSWORD) throw new DomainError(PlatformErrors.WEAK_STAFF_PASSWORD);
    const hashed = await hashPassword(input.password);
    try {
      return await this.ds.transaction(async (m) => {
        const rows = await m.query(
          `INSERT INTO platform.staff (username, display_name, password_hash, role, tenant_id) VALUES ($1,$2,$3,$4,$5)
           RETURNING id, username, role, tenant_id AS "tenantId", display_name AS "displayName"`,
          [input.username, input.displayName ?? null, hashed, input.role, input.tenantId],
        );
        const row: StaffRow = rows[0];
        await this.audit.record(m, { action: 'staff.create', entity: 'staff', entityId: row.id, tenantId: row.tenantId, after: row });
        return row;
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DomainError(PlatformErrors.STAFF_EXISTS);
      throw e;
    }
  }

  /**
   * A further platform admin (広域管理者) with a generated temporary password, returned once and
   * to be changed at the first sign-in, like a reset.
   */
  async createPlatformAdmin(input: {
    username: string;
    displayName?: string | null;
  }): Promise<{ temporaryPassword: string; mustChangePassword: true; staff: StaffView }> {
    const temporaryPassword = generateStaffTemporaryPassword();
    const hashed = await hashPassword(temporaryPassword);
    try {
      return await this.ds.transaction(async (m) => {
        const [{ id }] = await m.query(
          `INSERT INTO platform.staff (username, display_name, password_hash, role, tenant_id, must_change_password)
           VALUES ($1, $2, $3, 'platform-admin', NULL, true) RETURNING id`,
          [input.username, input.displayName?.trim() || null, hashed],
        );
        const staff = await this.get(id, m);
        const { username, role, tenantId, displayName, mustChangePassword } = staff;
        await this.audit.record(m, {
          action: 'staff.create',
          entity: 'staff',
          entityId: id,
          tenantId: null,
          after: { id, username, role, tenantId, displayName, mustChangePassword },
        });
        return { temporaryPassword, mustChangePassword: true as const, staff };
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DomainError(PlatformErrors.STAFF_EXISTS);
      throw e;
    }
  }

  /** A platform admin (tenantId null) or a library's staff member by user name (any case), for the CLI. */
  async findByUsername(username: string, tenantId: string | null): Promise<StaffView> {
    const rows = await this.ds.query(
      `SELECT ${VIEW} FROM platform.staff
        WHERE lower(username) = lower($1) AND ${tenantId ? 'tenant_id = $2' : `tenant_id IS NULL AND role = 'platform-admin'`}`,
      tenantId ? [username, tenantId] : [username],
    );
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return rows[0];
  }

  async listForTenant(tenantId: string): Promise<StaffView[]> {
    return this.ds.query(`SELECT ${VIEW} FROM platform.staff WHERE tenant_id = $1 ORDER BY lower(username)`, [tenantId]);
  }

  async listPlatformAdmins(): Promise<StaffView[]> {
    return this.ds.query(`SELECT ${VIEW} FROM platform.staff WHERE role = 'platform-admin' ORDER BY lower(username)`);
  }

  async get(id: string, manager?: EntityManager): Promise<StaffView> {
    const rows = await (manager ?? this.ds).query(`SELECT ${VIEW} FROM platform.staff WHERE id = $1`, [id]);
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return rows[0];
  }

  private async lock(m: EntityManager, id: string): Promise<StaffView> {
    const rows = await m.query(`SELECT ${VIEW} FROM platform.staff WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return rows[0];
  }

  /**
   * Edits the display name and/or disables or re-enables an account. Disabling ends all its
   * sessions in the same transaction; the last active platform admin cannot be disabled, and
   * nobody disables the account they act with (`by`): a colleague does.
   */
  async update(id: string, input: { displayName?: string | null; disabled?: boolean }, by?: { staffId: string }): Promise<StaffView> {
    return this.ds.transaction(async (m) => {
      if (input.disabled === true) {
        // Every disabling transaction locks the active platform admins first, in one order:
        // two admins disabling each other at once cannot both succeed (nor deadlock).
        await m.query(`SELECT id FROM platform.staff WHERE role = 'platform-admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
      }
      const before = await this.lock(m, id);
      const scope = { entity: 'staff', entityId: id, tenantId: before.tenantId };

      if (input.displayName !== undefined) {
        const name = input.displayName?.trim() || null;
        if (name !== before.displayName) {
          await m.query(`UPDATE platform.staff SET display_name = $2, updated_at = now() WHERE id = $1`, [id, name]);
          await this.audit.record(m, { ...scope, action: 'staff.update', before: { displayName: before.displayName }, after: { displayName: name } });
        }
      }

      if (input.disabled === true && !before.disabled) {
        if (before.role === 'platform-admin') {
          const [{ n }] = await m.query(
            `SELECT count(*)::int AS n FROM platform.staff WHERE role = 'platform-admin' AND disabled_at IS NULL AND id <> $1`,
            [id],
          );
          if (n === 0) throw new DomainError(PlatformErrors.LAST_PLATFORM_ADMIN);
        }
        if (by?.staffId === id) throw new DomainError(PlatformErrors.CANNOT_DISABLE_SELF);
        await m.query(`UPDATE platform.staff SET disabled_at = now(), updated_at = now() WHERE id = $1`, [id]);
        await this.sessions.revokeStaff(id, undefined, m);
        await this.audit.record(m, { ...scope, action: 'staff.disable', before: { disabled: false }, after: { disabled: true } });
      } else if (input.disabled === false && before.disabled) {
        await m.query(`UPDATE platform.staff SET disabled_at = NULL, updated_at = now() WHERE id = $1`, [id]);
        await this.audit.record(m, { ...scope, action: 'staff.enable', before: { disabled: true }, after: { disabled: false } });
      }

      return this.get(id, m);
    });
  }

  /**
   * Sets a generated temporary password (returned once, never stored in clear), which must be
   * changed at the next sign-in; clears any lockout and ends the account's sessions.
   */
  async resetPassword(id: string): Promise<{ temporaryPassword: string; mustChangePassword: true; staff: StaffView }> {
    const temporaryPassword = generateStaffTemporaryPassword();
    const hashed = await hashPassword(temporaryPassword);
    return this.ds.transaction(async (m) => {
      const before = await this.lock(m, id);
      await m.query(
        `UPDATE platform.staff SET password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = NULL, updated_at = now()
          WHERE id = $1`,
        [id, hashed],
      );
      await this.sessions.revokeStaff(id, undefined, m);
      await this.audit.record(m, {
        action: 'staff.reset-password',
        entity: 'staff',
        entityId: id,
        tenantId: before.tenantId,
        before: { mustChangePassword: before.mustChangePassword, lockedUntil: before.lockedUntil },
        after: { mustChangePassword: true, lockedUntil: null },
      });
      return { temporaryPassword, mustChangePassword: true as const, staff: await this.get(id, m) };
    });
  }

  /** Lifts a lockout after repeated failed sign-ins (and resets the failure count). */
  async unlock(id: string): Promise<StaffView> {
    return this.ds.transaction(async (m) => {
      const before = await this.lock(m, id);
      if (before.lockedUntil || before.failedLogins > 0) {
        await m.query(`UPDATE platform.staff SET failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id]);
        await this.audit.record(m, {
          action: 'staff.unlock',
          entity: 'staff',
          entityId: id,
          tenantId: before.tenantId,
          before: { lockedUntil: before.lockedUntil, failedLogins: before.failedLogins },
          after: { lockedUntil: null, failedLogins: 0 },
        });
      }
      return this.get(id, m);
    });
  }

  /**
   * A staff member changes their own password (the one route open while a temporary password
   * must be changed). Other sessions of the account end; this one stays and is released.
   */
  async changeOwnPassword(principal: StaffPrincipal, current: string, next: string): Promise<{ changed: true }> {
    if (next.length < MIN_PASSWORD) {
      throw new DomainError(PlatformErrors.WEAK_STAFF_PASSWORD, undefined, [
        { path: 'newPassword', code: 'minLength', message: { ja: '10文字以上にしてください。', en: 'Use at least 10 characters.' } },
      ]);
    }
    if (next === current) {
      throw new DomainError(PlatformErrors.STAFF_PASSWORD_UNCHANGED, undefined, [
        { path: 'newPassword', code: 'SAME_AS_CURRENT', message: { ja: '現在と異なるパスワードにしてください。', en: 'Choose a password different from the current one.' } },
      ]);
    }
    const [row] = await this.ds.query(`SELECT password_hash FROM platform.staff WHERE id = $1`, [principal.staffId]);
    if (!(await verifyPassword(row?.password_hash, current))) throw new DomainError(PlatformErrors.STAFF_CURRENT_PASSWORD_WRONG);
    const hashed = await hashPassword(next);
    return this.ds.transaction(async (m) => {
      const [locked] = await m.query(`SELECT password_hash, tenant_id FROM platform.staff WHERE id = $1 FOR UPDATE`, [principal.staffId]);
      // changed meanwhile (another session, or a reset by an admin): ask again
      if (!locked || locked.password_hash !== row.password_hash) throw new DomainError(PlatformErrors.STAFF_CURRENT_PASSWORD_WRONG);
      await m.query(`UPDATE platform.staff SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, [
        principal.staffId,
        hashed,
      ]);
      await this.sessions.revokeStaff(principal.staffId, principal.token, m);
      await this.sessions.clearMustChange(principal.token, m);
      await this.audit.record(m, {
        action: 'staff.change-password',
        entity: 'staff',
        entityId: principal.staffId,
        tenantId: locked.tenant_id,
        before: { mustChangePassword: principal.mustChangePassword },
        after: { mustChangePassword: false },
      });
      return { changed: true as const };
    });
  }

  /**
   * Signs a staff member in. `tenantId` null = regional admin login. One uniform failure
   * (a disabled account answers exactly like an unknown one), lockout after repeated failures.
   */
  async login(username: string, password: string, tenantId: string | null) {
    const rows = await this.ds.query(
      `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName", password_hash, locked_until, failed_logins,
              disabled_at, must_change_password
         FROM platform.staff
        WHERE lower(username) = lower($1) AND ${tenantId ? 'tenant_id = $2' : `role = 'platform-admin'`}`,
      tenantId ? [username, tenantId] : [username],
    );
    const staff = rows[0] && !rows[0].disabled_at ? rows[0] : undefined;
    if (staff?.locked_until && new Date(staff.locked_until) > new Date()) {
      throw new DomainError('LOCKED', undefined, undefined, { retryAfter: staff.locked_until });
    }
    const ok = await verifyPassword(staff?.password_hash, password);
    if (!staff || !ok) {
      if (staff) {
        await this.ds.query(
          `UPDATE platform.staff SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
           WHERE id = $1`,
          [staff.id, MAX_FAILURES, LOCK_MINUTES],
        );
      }
      throw new DomainError('LOGIN_FAILED');
    }
    const mustChangePassword: boolean = staff.must_change_password;
    await this.ds.query(`UPDATE platform.staff SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [staff.id]);
    const session = await this.sessions.create({ kind: 'staff', staffId: staff.id, tenantId: staff.tenantId, mustChangePassword });
    const publicStaff: StaffRow = { id: staff.id, username: staff.username, role: staff.role, tenantId: staff.tenantId, displayName: staff.displayName };
    return { staff: publicStaff, mustChangePassword, ...session };
  }

  async findById(id: string): Promise<(StaffRow & { mustChangePassword: boolean }) | null> {
    const rows = await this.ds.query(
      `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName", must_change_password AS "mustChangePassword"
         FROM platform.staff WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
