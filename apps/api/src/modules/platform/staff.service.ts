import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { currentFailures, signInBackoff, waitUntil } from '@shiori/policy';
import { APP_CONFIG, AppConfig } from '../../engine/config/config';
import { FailureLedger } from '../../engine/auth/failure-ledger';
import { Clock } from '../../engine/clock';
import { hashPassword, verifyPassword } from '../../engine/auth/passwords';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import type { RateLimiter } from '../../engine/http/rate-limiter';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformErrors } from './platform.errors';

/** Staff sign-in: 10 free failures, then waits growing to 15 minutes (as the city default's `lockout`). */
const STAFF_BACKOFF = signInBackoff({ maxFailures: 10, lockMinutes: 15 });
const MIN_PASSWORD = 10;
/** Failed staff sign-ins, per typed user name (of a library, or of the platform) and address. */
const staffFailures = new FailureLedger('platform.staff_sign_in_failures');

/** The key failures of a sign-in are counted under: the user name as typed (any case) and where it signs in. */
function staffKey(tenantId: string | null, username: string): string {
  return `${tenantId ?? 'platform'}:${username.toLowerCase()}`;
}
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
  /**
   * Set while sign-ins from addresses the account has not used before must wait, after
   * repeated failures from everywhere (the account's own addresses are never held up).
   */
  lockedUntil: string | null;
  /** Failed sign-ins from every address that still count (forgotten after a quiet day). */
  failedLogins: number;
  mustChangePassword: boolean;
  createdAt: string;
}

const VIEW = `s.id, s.username, s.role, s.tenant_id AS "tenantId", s.display_name AS "displayName",
  s.disabled_at IS NOT NULL AS disabled, s.disabled_at AS "disabledAt", s.last_login_at AS "lastLoginAt",
  coalesce(f.failures, 0) AS failures, f.last_failure_at AS "lastFailureAt",
  s.must_change_password AS "mustChangePassword", s.created_at AS "createdAt"`;
/** platform.staff as `s` with its count of failures from every address as `f` (see staffKey). */
const FROM = `platform.staff s LEFT JOIN platform.staff_sign_in_failures f
  ON f.account_key = coalesce(s.tenant_id::text, 'platform') || ':' || lower(s.username) AND f.source = '*'`;

type ViewRow = Omit<StaffView, 'lockedUntil' | 'failedLogins'> & { failures: number; lastFailureAt: Date | null };

/** A row of VIEW as the screens see it: failures that still count, and until when new addresses wait. */
function toView({ failures, lastFailureAt, ...row }: ViewRow, now: Date): StaffView {
  const count = { failures, lastFailureAt: lastFailureAt ? new Date(lastFailureAt).toISOString() : null };
  const at = now.toISOString();
  return { ...row, lockedUntil: waitUntil(STAFF_BACKOFF, count, at), failedLogins: currentFailures(STAFF_BACKOFF, count, at) };
}

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
    private readonly clock: Clock,
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
    const rows: ViewRow[] = await this.ds.query(
      `SELECT ${VIEW} FROM ${FROM}
        WHERE lower(s.username) = lower($1) AND ${tenantId ? 's.tenant_id = $2' : `s.tenant_id IS NULL AND s.role = 'platform-admin'`}`,
      tenantId ? [username, tenantId] : [username],
    );
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return toView(rows[0], this.clock.now());
  }

  async listForTenant(tenantId: string): Promise<StaffView[]> {
    const rows: ViewRow[] = await this.ds.query(`SELECT ${VIEW} FROM ${FROM} WHERE s.tenant_id = $1 ORDER BY lower(s.username)`, [tenantId]);
    return rows.map((r) => toView(r, this.clock.now()));
  }

  async listPlatformAdmins(): Promise<StaffView[]> {
    const rows: ViewRow[] = await this.ds.query(`SELECT ${VIEW} FROM ${FROM} WHERE s.role = 'platform-admin' ORDER BY lower(s.username)`);
    return rows.map((r) => toView(r, this.clock.now()));
  }

  async get(id: string, manager?: EntityManager): Promise<StaffView> {
    const rows: ViewRow[] = await (manager ?? this.ds).query(`SELECT ${VIEW} FROM ${FROM} WHERE s.id = $1`, [id]);
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return toView(rows[0], this.clock.now());
  }

  private async lock(m: EntityManager, id: string): Promise<StaffView> {
    const rows: ViewRow[] = await m.query(`SELECT ${VIEW} FROM ${FROM} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    if (!rows[0]) throw new DomainError(PlatformErrors.STAFF_NOT_FOUND);
    return toView(rows[0], this.clock.now());
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
   * changed at the next sign-in; forgets its failed sign-ins (so nothing slows the next one)
   * and ends the account's sessions. The CLI's `staff reset-password` runs this too.
   */
  async resetPassword(id: string): Promise<{ temporaryPassword: string; mustChangePassword: true; staff: StaffView }> {
    const temporaryPassword = generateStaffTemporaryPassword();
    const hashed = await hashPassword(temporaryPassword);
    return this.ds.transaction(async (m) => {
      const before = await this.lock(m, id);
      await m.query(`UPDATE platform.staff SET password_hash = $2, must_change_password = true, updated_at = now() WHERE id = $1`, [id, hashed]);
      await staffFailures.clear(m, staffKey(before.tenantId, before.username));
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

  /** Forgets the account's failed sign-ins, so no address waits any more (audited when there were any). */
  async unlock(id: string): Promise<StaffView> {
    return this.ds.transaction(async (m) => {
      const before = await this.lock(m, id);
      if (before.lockedUntil || before.failedLogins > 0) {
        await staffFailures.clear(m, staffKey(before.tenantId, before.username));
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
   * Signs a staff member in. `tenantId` null = regional admin login. One uniform failure: a
   * wrong password, an unknown or disabled account and an attempt that must wait all answer
   * LOGIN_FAILED after the same work. Failures are counted per typed user name and address,
   * and from everywhere (libs/policy sign-in.ts): a stranger's failures slow the stranger and,
   * for addresses the account never used, guessing from many places; never the account
   * holder at their usual address. `source` is the client address (TRUST_PROXY).
   */
  async login(username: string, password: string, tenantId: string | null, source: string) {
    const now = this.clock.now();
    const first = await this.ds.transaction(async (m) => {
      const ticket = await staffFailures.attempt(m, 'platform', staffKey(tenantId, username), source, STAFF_BACKOFF, now);
      const rows = await m.query(
        `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName", password_hash, disabled_at, must_change_password
           FROM platform.staff
          WHERE lower(username) = lower($1) AND ${tenantId ? 'tenant_id = $2' : `role = 'platform-admin'`}`,
        tenantId ? [username, tenantId] : [username],
      );
      return { ticket, staff: rows[0] && !rows[0].disabled_at ? rows[0] : undefined };
    });
    const { ticket, staff } = first;
    const ok = await verifyPassword(ticket.gate.check && staff ? staff.password_hash : null, password);
    if (!ok || !staff) throw new DomainError('LOGIN_FAILED');
    const mustChangePassword: boolean = staff.must_change_password;
    const session = await this.ds.transaction(async (m) => {
      await staffFailures.succeeded(m, ticket);
      await m.query(`UPDATE platform.staff SET last_login_at = $2 WHERE id = $1`, [staff.id, now.toISOString()]);
      return this.sessions.create({ kind: 'staff', staffId: staff.id, tenantId: staff.tenantId, mustChangePassword }, m);
    });
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
