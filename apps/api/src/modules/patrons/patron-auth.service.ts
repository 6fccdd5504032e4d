import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterTransaction, currentTenant, runInTenant, tenantManager } from '@shiori/tenancy';
import { canonicalPassword, decideCardAccess, decidePasswordRegistration, normalizeCardNumber, validatePassword } from '@shiori/policy';
import { hashPassword, verifyPassword } from '../../engine/auth/passwords';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';
import { NoticesService } from '../notifications/notices.service';
import { PolicyStore } from '../policy-admin/policy.store';
import type { RegisterPasswordDto } from './dto/patron.dto';
import { PATRON_COLUMNS, PatronView } from './patron-view';
import { PatronErrors } from './patrons.errors';
import { PatronsService } from './patrons.service';

const RESET_MINUTES = 60;
const CONFIRM_HOURS = 48;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * How a patron gets in, by the city's rules: login with the card as typed, lockout, online
 * password registration with identity check, reset by e-mail link, password change, and
 * e-mail with confirmation.
 */
@Injectable()
export class PatronAuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyStore,
    private readonly sessions: SessionsService,
    private readonly notices: NoticesService,
  ) {}

  async login(cardTyped: string, password: string) {
    const { policy } = await this.policies.current();
    const card = normalizeCardNumber(cardTyped, policy.card);
    const m = tenantManager();
    const rows = card.ok
      ? await m.query(
          `SELECT ${PATRON_COLUMNS}, password_hash, failed_logins, locked_until FROM patrons WHERE card_number = $1`,
          [card.cardNumber],
        )
      : [];
    const p = rows[0];
    if (p?.locked_until && new Date(p.locked_until) > new Date()) {
      throw new DomainError('LOCKED', undefined, undefined, { retryAfter: new Date(p.locked_until).toISOString() });
    }
    const ok = await verifyPassword(p?.password_hash, canonicalPassword(password, policy.password));
    if (!p || !ok) {
      if (p) {
        // The request's transaction rolls back with the error below, so the failure is
        // counted in a transaction of its own (same tenant, same pool), once the request's
        // connection is back in the pool.
        const t = currentTenant();
        await afterTransaction(() => runInTenant(this.ds, { id: t.id, slug: t.slug, name: t.name }, (m2) =>
          m2.query(
            `UPDATE patrons SET failed_logins = failed_logins + 1,
               locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
             WHERE id = $1`,
            [p.id, policy.lockout.maxFailures, policy.lockout.lockMinutes],
          ),
        ));
      }
      throw new DomainError('LOGIN_FAILED');
    }
    if (p.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    const access = decideCardAccess(policy, p.expiresAt, tokyoDate(), 'web');
    if (!access.ok) throw new DomainError(access.code);
    await m.query(
      `UPDATE patrons SET failed_logins = 0, locked_until = NULL, previous_login_at = last_login_at, last_login_at = now() WHERE id = $1`,
      [p.id],
    );
    const session = await this.sessions.create({ kind: 'patron', patronId: p.id, tenantId: currentTenant().id, mustChangePassword: p.mustChangePassword }, m);
    const { password_hash, failed_logins, locked_until, ...patron } = p;
    void password_hash; void failed_logins; void locked_until;
    return { patron: { ...patron, previousLoginAt: p.lastLoginAt, lastLoginAt: new Date().toISOString() }, mustChangePassword: p.mustChangePassword, ...session };
  }

  /** Online password registration (and "forgot password = register again"), exactly by the policy. */
  async registerPassword(dto: RegisterPasswordDto) {
    const { policy } = await this.policies.current();
    if (!policy.registration.online) throw new DomainError('ONLINE_REGISTRATION_DISABLED');
    const card = normalizeCardNumber(dto.cardNumber, policy.card);
    if (!card.ok) throw new DomainError('CARD_FORMAT', card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }]);
    const m = tenantManager();
    const [p] = await m.query(
      `SELECT id, name_kana AS "nameKana", to_char(birth_date,'YYYY-MM-DD') AS "birthDate", phone, status FROM patrons WHERE card_number = $1 FOR UPDATE`,
      [card.cardNumber],
    );
    const decision = decidePasswordRegistration(policy, {
      typed: dto.identity ?? {},
      // an unknown card fails the identity check like a wrong name would: nothing leaks
      stored: p ?? { nameKana: '\u0000', birthDate: '0001-01-01', phone: '\u0000' },
      password: dto.password,
      confirm: dto.passwordConfirm,
      termsAccepted: dto.termsAccepted,
      channel: dto.channel ?? 'web',
    });
    if (!decision.ok) {
      const errors =
        decision.code === 'PASSWORD_POLICY' && decision.password
          ? decision.password.reasons.map((r) => ({ path: 'password', code: r.code, message: r.message }))
          : decision.identity && !decision.identity.ok && decision.identity.field && decision.code !== 'IDENTITY_MISMATCH'
            ? [{ path: `identity.${decision.identity.field}`, code: decision.code, message: decision.message }]
            : undefined;
      throw new DomainError(decision.code, decision.message.ja, errors);
    }
    if (!p) throw new DomainError('IDENTITY_MISMATCH');
    if (p.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    await m.query(
      `UPDATE patrons SET password_hash = $2, must_change_password = false, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
      [p.id, await hashPassword(canonicalPassword(dto.password, policy.password))],
    );
    await this.sessions.revokePatron(p.id, undefined, m);
    return { registered: true, strength: decision.password.strength, strengthLabel: decision.password.strengthLabel };
  }

  /** Always succeeds from the outside (202); sends a reset link only when the policy offers it and card + e-mail match. */
  async forgotPassword(cardTyped: string, email: string, baseUrl: string): Promise<void> {
    const { policy } = await this.policies.current();
    if (policy.passwordReset !== 'email-link') return;
    const card = normalizeCardNumber(cardTyped, policy.card);
    if (!card.ok) return;
    const m = tenantManager();
    const [p] = await m.query(`SELECT id, name, email, status FROM patrons WHERE card_number = $1`, [card.cardNumber]);
    if (!p || !p.email || p.status !== 'active' || p.email.trim().toLowerCase() !== email.trim().toLowerCase()) return;
    const token = randomBytes(32).toString('base64url');
    await m.query(
      `INSERT INTO patron_tokens (token_hash, patron_id, kind, email, expires_at) VALUES ($1,$2,'password-reset',$3, now() + make_interval(mins => $4))`,
      [tokenHash(token), p.id, p.email, RESET_MINUTES],
    );
    await this.notices.enqueue({
      kind: 'password-reset',
      to: p.email,
      patronId: p.id,
      data: { patron: { name: p.name }, link: `${baseUrl}/opac/${currentTenant().slug}/reset-password?token=${token}`, token, expiresInMinutes: RESET_MINUTES },
      idempotencyKey: `password-reset:${tokenHash(token)}`,
    });
  }

  async resetPassword(token: string, password: string) {
    const { policy } = await this.policies.current();
    const m = tenantManager();
    const [t] = await m.query(
      `SELECT token_hash, patron_id FROM patron_tokens WHERE token_hash = $1 AND kind = 'password-reset' AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [tokenHash(token)],
    );
    if (!t) throw new DomainError(PatronErrors.TOKEN_INVALID);
    const check = validatePassword(password, policy.password);
    if (!check.ok) throw new DomainError('PASSWORD_POLICY', check.reasons[0].message.ja, check.reasons.map((r) => ({ path: 'password', code: r.code, message: r.message })));
    await m.query(`UPDATE patron_tokens SET used_at = now() WHERE token_hash = $1`, [t.token_hash]);
    // every other reset link of this patron dies with this one
    await m.query(`UPDATE patron_tokens SET used_at = now() WHERE patron_id = $1 AND kind = 'password-reset' AND used_at IS NULL`, [t.patron_id]);
    await m.query(
      `UPDATE patrons SET password_hash = $2, must_change_password = false, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
      [t.patron_id, await hashPassword(canonicalPassword(password, policy.password))],
    );
    await this.sessions.revokePatron(t.patron_id, undefined, m);
    return { reset: true };
  }

  async changePassword(principal: Extract<Principal, { kind: 'patron' }>, current: string, next: string) {
    const { policy } = await this.policies.current();
    const m = tenantManager();
    const [p] = await m.query(`SELECT password_hash FROM patrons WHERE id = $1 FOR UPDATE`, [principal.patronId]);
    if (!(await verifyPassword(p?.password_hash, canonicalPassword(current, policy.password)))) throw new DomainError(PatronErrors.CURRENT_PASSWORD_WRONG);
    const check = validatePassword(next, policy.password);
    if (!check.ok) throw new DomainError('PASSWORD_POLICY', check.reasons[0].message.ja, check.reasons.map((r) => ({ path: 'newPassword', code: r.code, message: r.message })));
    if (canonicalPassword(next, policy.password) === canonicalPassword(current, policy.password)) {
      throw new DomainError('PASSWORD_POLICY', '新しいパスワードは現在と異なるものにしてください。', [
        { path: 'newPassword', code: 'SAME_AS_CURRENT', message: { ja: '新しいパスワードは現在と異なるものにしてください。', en: 'Choose a password different from the current one.' } },
      ]);
    }
    await m.query(`UPDATE patrons SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1`, [
      principal.patronId,
      await hashPassword(canonicalPassword(next, policy.password)),
    ]);
    await this.sessions.revokePatron(principal.patronId, principal.token, m);
    await this.sessions.clearMustChange(principal.token, m);
    return { changed: true, strength: check.strength, strengthLabel: check.strengthLabel };
  }

  /** Sets or changes the e-mail per the policy: double opt-in (link first), notice (use now, mail it) or none. */
  async setEmail(patronId: string, email: string, applyToExistingHolds: boolean, baseUrl: string) {
    const { policy } = await this.policies.current();
    const address = PatronsService.emailOrThrow(policy, email);
    const m = tenantManager();
    const [p] = await m.query(`SELECT id, name, email FROM patrons WHERE id = $1 FOR UPDATE`, [patronId]);
    const mode = policy.email.confirmation;
    if (mode === 'double-opt-in') {
      const token = randomBytes(32).toString('base64url');
      await m.query(
        `INSERT INTO patron_tokens (token_hash, patron_id, kind, email, options, expires_at) VALUES ($1,$2,'email-confirm',$3,$4, now() + make_interval(hours => $5))`,
        [tokenHash(token), patronId, address, JSON.stringify({ applyToExistingHolds: applyToExistingHolds && policy.email.askApplyToExistingHolds }), CONFIRM_HOURS],
      );
      await this.notices.enqueue({
        kind: 'email-confirm',
        to: address,
        patronId,
        data: { patron: { name: p.name }, link: `${baseUrl}/opac/${currentTenant().slug}/confirm-email?token=${token}`, token, expiresInHours: CONFIRM_HOURS },
        idempotencyKey: `email-confirm:${tokenHash(token)}`,
      });
      return { email: p.email, pendingEmail: address, confirmationRequired: true };
    }
    await this.applyEmail(patronId, address, applyToExistingHolds && policy.email.askApplyToExistingHolds);
    if (mode === 'notice') {
      await this.notices.enqueue({
        kind: 'email-changed',
        to: address,
        patronId,
        data: { patron: { name: p.name } },
        idempotencyKey: `email-changed:${patronId}:${Date.now()}`,
      });
    }
    return { email: address, confirmationRequired: false };
  }

  async confirmEmail(token: string) {
    const m = tenantManager();
    const [t] = await m.query(
      `SELECT token_hash, patron_id, email, options FROM patron_tokens WHERE token_hash = $1 AND kind = 'email-confirm' AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [tokenHash(token)],
    );
    if (!t) throw new DomainError(PatronErrors.TOKEN_INVALID);
    await m.query(`UPDATE patron_tokens SET used_at = now() WHERE token_hash = $1`, [t.token_hash]);
    await this.applyEmail(t.patron_id, t.email, !!t.options?.applyToExistingHolds);
    return { email: t.email, confirmed: true };
  }

  private async applyEmail(patronId: string, email: string, applyToExistingHolds: boolean) {
    const m = tenantManager();
    await m.query(`UPDATE patrons SET email = $2, updated_at = now() WHERE id = $1`, [patronId, email]);
    if (applyToExistingHolds) {
      await m.query(`UPDATE holds SET contact = 'email' WHERE patron_id = $1 AND status IN ('waiting','in-transit','ready')`, [patronId]);
    }
  }

  async deleteEmail(patronId: string) {
    const { policy } = await this.policies.current();
    if (!policy.email.deletable) throw new DomainError('FORBIDDEN');
    const m = tenantManager();
    await m.query(`UPDATE patrons SET email = NULL, updated_at = now() WHERE id = $1`, [patronId]);
    // holds that were to be told by e-mail can no longer be
    await m.query(`UPDATE holds SET contact = 'none' WHERE patron_id = $1 AND contact = 'email' AND status IN ('waiting','in-transit','ready')`, [patronId]);
  }
}

export type { PatronView };
