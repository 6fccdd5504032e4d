import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { currentTenantSchema, tenantManager, tenantStatement } from '@shiori/tenancy';
import { AuditService } from '../../../engine/audit/audit.service';
import { hashPassword, verifyPassword } from '../../../engine/auth/passwords';
import { DomainError } from '../../../engine/errors/domain-error';
import { PlacesService } from '../../places';
import { SipCharset } from '../protocol/charsets';
import { SelfCheckErrors } from '../selfcheck.errors';
import type { CreateMachineDto, MachinePermissionsDto, UpdateMachineDto } from './dto/machine.dto';

/** What a self-check machine may do (set per machine by the librarians). */
export type MachinePermissions = MachinePermissionsDto;

/** What every view of a machine holds. */
interface MachineBase {
  id: string;
  login: string;
  name: string;
  branchCode: string;
  permissions: MachinePermissions;
  charset: SipCharset;
}

/** A self-check machine as the admin console shows it (never its password hash). */
export interface MachineView extends MachineBase {
  enabled: boolean;
  lastLoginAt: string | null;
  lastLoginAddress: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A machine as a SIP2 connection holds it: what it may do now, and the credentials it signed in with. */
export interface MachineSession extends MachineBase {
  credentialsVersion: number;
}

const MACHINE = `id, login, name, branch_code AS "branchCode",
  json_build_object('checkout', may_checkout, 'checkin', may_checkin, 'renew', may_renew, 'patronInfo', may_patron_info) AS permissions, charset`;
const VIEW = `${MACHINE}, enabled, last_login_at AS "lastLoginAt", last_login_address AS "lastLoginAddress", created_at AS "createdAt", updated_at AS "updatedAt"`;
const SESSION = `${MACHINE}, credentials_version AS "credentialsVersion"`;

/** Without look-alikes (0/o, 1/l/i): read aloud to the vendor's technician or typed into the machine's settings. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new machine password: four groups of four, `k7qf-m2xr-9tbd-h4np` (~79 bits). */
export function generateMachinePassword(): string {
  const group = () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * Self-check machines (自動貸出機) and their SIP2 logins, per city: the librarians' list in
 * the admin console (every write audited, the password hashed with argon2id and shown once),
 * the check of a machine's login, and the check at each message that the machine is still
 * in use with the same credentials.
 */
@Injectable()
export class MachinesService {
  constructor(
    private readonly audit: AuditService,
    private readonly places: PlacesService,
  ) {}

  async list(): Promise<MachineView[]> {
    return tenantManager().query(`SELECT ${VIEW} FROM self_check_machines ORDER BY branch_code, name, login`);
  }

  async get(id: string): Promise<MachineView> {
    const [row] = await tenantManager().query(`SELECT ${VIEW} FROM self_check_machines WHERE id = $1`, [id]);
    if (!row) throw new DomainError(SelfCheckErrors.SELF_CHECK_MACHINE_NOT_FOUND);
    return row;
  }

  private async assertBranch(code: string): Promise<void> {
    const branches: { code: string; active: boolean }[] = await this.places.branches();
    if (!branches.some((b) => b.code === code && b.active)) {
      throw new DomainError('UNKNOWN_BRANCH', undefined, [{ path: 'branchCode', message: { ja: '使用中の館を選んでください。', en: 'Choose a branch in use.' } }]);
    }
  }

  async create(dto: CreateMachineDto): Promise<{ machine: MachineView; password: string }> {
    await this.assertBranch(dto.branchCode);
    const password = dto.password ?? generateMachinePassword();
    const p = dto.permissions;
    try {
      const [{ id }]: { id: string }[] = await tenantManager().query(
        `INSERT INTO self_check_machines (login, name, branch_code, password_hash, may_checkout, may_checkin, may_renew, may_patron_info, charset, enabled)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
        [dto.login, dto.name.trim(), dto.branchCode, await hashPassword(password), p.checkout, p.checkin, p.renew, p.patronInfo, dto.charset ?? 'utf-8', dto.enabled ?? true],
      );
      const row = await this.get(id);
      await this.audit.record('self-check-machine.create', 'self-check-machine', row.id, null, row);
      return { machine: row, password };
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new DomainError(SelfCheckErrors.SELF_CHECK_LOGIN_TAKEN, undefined, [
          { path: 'login', message: { ja: 'このログイン名は別の機器が使っています。', en: 'Another machine already uses this login name.' } },
        ]);
      }
      throw e;
    }
  }

  /**
   * Changes a machine. Taking it out of use or changing its character set ends its open
   * connection (at the connection's next message); the rest applies from the next message on.
   */
  async update(id: string, dto: UpdateMachineDto): Promise<MachineView> {
    const [before] = await tenantManager().query(`SELECT ${VIEW} FROM self_check_machines WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) throw new DomainError(SelfCheckErrors.SELF_CHECK_MACHINE_NOT_FOUND);
    if (dto.branchCode !== undefined && dto.branchCode !== before.branchCode) await this.assertBranch(dto.branchCode);
    const p = dto.permissions ?? before.permissions;
    const enabled = dto.enabled ?? before.enabled;
    const charset = dto.charset ?? before.charset;
    const endsSessions = (!enabled && before.enabled) || charset !== before.charset;
    await tenantManager().query(
      `UPDATE self_check_machines
          SET name = $2, branch_code = $3, may_checkout = $4, may_checkin = $5, may_renew = $6, may_patron_info = $7,
              charset = $8, enabled = $9, credentials_version = credentials_version + $10, updated_at = now()
        WHERE id = $1`,
      [id, dto.name?.trim() ?? before.name, dto.branchCode ?? before.branchCode, p.checkout, p.checkin, p.renew, p.patronInfo, charset, enabled, endsSessions ? 1 : 0],
    );
    const after = await this.get(id);
    await this.audit.record('self-check-machine.update', 'self-check-machine', id, before, after);
    return after;
  }

  /** A new password (given, or generated and shown once); the machine's open connection ends. */
  async setPassword(id: string, password?: string): Promise<{ machine: MachineView; password: string }> {
    const next = password ?? generateMachinePassword();
    const [, changed]: [unknown, number] = await tenantManager().query(
      `UPDATE self_check_machines SET password_hash = $2, credentials_version = credentials_version + 1, updated_at = now() WHERE id = $1`,
      [id, await hashPassword(next)],
    );
    if (!changed) throw new DomainError(SelfCheckErrors.SELF_CHECK_MACHINE_NOT_FOUND);
    const row = await this.get(id);
    await this.audit.record('self-check-machine.password', 'self-check-machine', id, null, { login: row.login, passwordChanged: true });
    return { machine: row, password: next };
  }

  async remove(id: string): Promise<void> {
    const [row]: MachineView[] = await tenantManager().query(`SELECT ${VIEW} FROM self_check_machines WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new DomainError(SelfCheckErrors.SELF_CHECK_MACHINE_NOT_FOUND);
    await tenantManager().query(`DELETE FROM self_check_machines WHERE id = $1`, [id]);
    await this.audit.record('self-check-machine.delete', 'self-check-machine', id, row, null);
  }

  /**
   * A machine's SIP2 login: the machine when the login and password match and it is in use,
   * else null (an unknown login costs the same time as a wrong password). The address is
   * remembered as the machine's usual one.
   */
  async signIn(login: string, password: string, address: string): Promise<MachineSession | null> {
    const [row] = await tenantManager().query(`SELECT ${SESSION}, enabled, password_hash FROM self_check_machines WHERE login = $1`, [login]);
    const ok = await verifyPassword(row?.password_hash, password);
    if (!row || !ok || !row.enabled) return null;
    await tenantManager().query(`UPDATE self_check_machines SET last_login_at = now(), last_login_address = $2 WHERE id = $1`, [row.id, address]);
    const { enabled: _e, password_hash: _h, ...session } = row;
    return session;
  }

  /** The address the machine last signed in from (a rate-limited login is still let in from there). */
  async usualAddress(login: string): Promise<string | null> {
    const [row] = await tenantManager().query(`SELECT last_login_address AS address FROM self_check_machines WHERE login = $1`, [login]);
    return row?.address ?? null;
  }

  /** The machine as it is now, or null when it was taken out of use, deleted or its credentials changed since the connection signed in. */
  async current(id: string, credentialsVersion: number): Promise<MachineSession | null> {
    // every message of every machine asks this: a prepared statement on the transaction's connection
    const [row] = await tenantStatement<MachineSession>(
      `SELECT ${SESSION} FROM ${currentTenantSchema()}.self_check_machines WHERE id = $1 AND enabled AND credentials_version = $2`,
      [id, credentialsVersion],
    );
    return row ?? null;
  }
}
