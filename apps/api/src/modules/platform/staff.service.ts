import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../engine/config/config';
import { hashPassword, verifyPassword } from '../../engine/auth/passwords';
import { SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { PlatformErrors } from './platform.errors';

const MAX_FAILURES = 10;
const LOCK_MINUTES = 15;

export interface StaffRow {
  id: string;
  username: string;
  role: 'platform-admin' | 'librarian';
  tenantId: string | null;
  displayName: string | null;
}

/** Regional staff and librarians (platform.staff): accounts, sign-in with lockout. */
@Injectable()
export class StaffService {
  private readonly log = new Logger('Staff');

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionsService,
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
    if (input.password.length < 10) throw new DomainError(PlatformErrors.WEAK_STAFF_PASSWORD);
    try {
      const rows = await this.ds.query(
        `INSERT INTO platform.staff (username, display_name, password_hash, role, tenant_id) VALUES ($1,$2,$3,$4,$5)
         RETURNING id, username, role, tenant_id AS "tenantId", display_name AS "displayName"`,
        [input.username, input.displayName ?? null, await hashPassword(input.password), input.role, input.tenantId],
      );
      return rows[0];
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DomainError(PlatformErrors.STAFF_EXISTS);
      throw e;
    }
  }

  async listForTenant(tenantId: string): Promise<StaffRow[]> {
    return this.ds.query(
      `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName", last_login_at AS "lastLoginAt"
         FROM platform.staff WHERE tenant_id = $1 ORDER BY username`,
      [tenantId],
    );
  }

  /**
   * Signs a staff member in. `tenantId` null = regional admin login. One uniform failure,
   * lockout after repeated failures.
   */
  async login(username: string, password: string, tenantId: string | null) {
    const rows = await this.ds.query(
      `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName", password_hash, locked_until, failed_logins
         FROM platform.staff
        WHERE lower(username) = lower($1) AND ${tenantId ? 'tenant_id = $2' : `role = 'platform-admin'`}`,
      tenantId ? [username, tenantId] : [username],
    );
    const staff = rows[0];
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
    await this.ds.query(`UPDATE platform.staff SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [staff.id]);
    const session = await this.sessions.create({ kind: 'staff', staffId: staff.id, tenantId: staff.tenantId });
    const { password_hash, locked_until, failed_logins, ...publicStaff } = staff;
    void password_hash; void locked_until; void failed_logins;
    return { staff: publicStaff as StaffRow, ...session };
  }

  async findById(id: string): Promise<StaffRow | null> {
    const rows = await this.ds.query(
      `SELECT id, username, role, tenant_id AS "tenantId", display_name AS "displayName" FROM platform.staff WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
