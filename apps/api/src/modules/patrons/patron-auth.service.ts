import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { currentTenant, runInTenant, tenantManager } from '@shiori/tenancy';
import type { EmailChange, EmailConfirmed, PasswordChanged, PasswordConfirmed, PasswordRegistration, PasswordReset, StaffPatronView } from '@shiori/contracts';
import {
  canonicalPassword,
  decideCardAccess,
  decidePasswordRegistration,
  normalizeCardNumber,
  PasswordRegistrationDecision,
  Policy,
  REGISTRATION_BACKOFF,
  signInBackoff,
  validatePassword,
} from '@shiori/policy';
import { hashPassword, verifyPassword } from '../../engine/auth/passwords';
import { Principal, SessionsService } from '../../engine/auth/sessions.service';
import { Clock } from '../../engine/clock';
import { DomainError } from '../../engine/errors/domain-error';
import { PublicLinks } from '../../engine/http/public-links';
import { tokyoDate } from '../../engine/time';
import { NoticesService } from '../notices';
import { PolicyStore } from '../policy';
import type { RegisterPasswordDto } from './dto/patron.dto';
import { voidPasswordLinks } from './password-links';
import { patronFailures, registrationKey, signInKey } from './patron-failures';
import { PATRON_COLUMNS, PatronView } from './patron-view';
import { PatronErrors } from './patrons.errors';
import { PatronsService } from './patrons.service';
import { activeHoldSql } from '../../engine/database/sql';

const RESET_MINUTES = 60;
const CONFIRM_HOURS = 48;
/** How long the link that makes a password registered online valid stays usable. */
const PASSWORD_CONFIRM_HOURS = 24;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A registration refused before the identity is compared with the record (nothing counted): the policy's code and the field. */
function registrationRefusal(decision: Extract<PasswordRegistrationDecision, { ok: false }>): DomainError {
  const errors =
    decision.code === 'PASSWORD_POLICY' && decision.password
      ? decision.password.reasons.map((r) => ({ path: 'password', code: r.code, message: r.message }))
      : decision.identity && !decision.identity.ok && decision.identity.field
        ? [{ path: `identity.${decision.identity.field}`, code: decision.code, message: decision.message }]
        : undefined;
  return new DomainError(decision.code, decision.message.ja, errors);
}

/**
 * How a patron gets in, by the city's rules: login with the card as typed (with the sign-in
 * backoff), online password registration with identity check (counted per card, confirmed by
 * mail where an e-mail is on file), reset by e-mail link, password change, and e-mail with
 * confirmation. Every link in mail comes from PublicLinks (configuration), never a request.
 */
@Injectable()
export class PatronAuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyStore,
    private readonly sessions: SessionsService,
    private readonly notices: NoticesService,
    private readonly links: PublicLinks,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks a card (as typed) and password by the city's rules: the one way a patron proves who
   * they are, for the OPAC's sign-in and the PIN at a self-check machine alike. Failures are
   * counted per card and source address, and per card from everywhere (libs/policy
   * sign-in.ts, sized by the city's `lockout` rules); an attempt that must wait is answered
   * exactly like a wrong password (LOGIN_FAILED), after the same work. Runs in short
   * transactions of its own, so a failure stays counted whatever the caller's transaction
   * does: the count is written before the password is checked, and the argon2 check holds no
   * connection. On success the card's failures are forgotten, even when the caller then
   * refuses the card (blocked, expired).
   */
  async verifyPassword(cardTyped: string, password: string, source: string) {
    const now = this.clock.now();
    const { policy, ticket, patron } = await this.inTenant(async (m) => {
      const { policy } = await this.policies.current();
      const card = normalizeCardNumber(cardTyped, policy.card);
      const ticket = await patronFailures.attempt(m, currentTenant().schema, signInKey(cardTyped, policy), source, signInBackoff(policy.lockout), now);
      const [p] = card.ok
        ? await m.query(`SELECT ${PATRON_COLUMNS}, password_hash FROM patrons WHERE card_number = $1`, [card.cardNumber])
        : [];
      return { policy, ticket, patron: p as (PatronView & { password_hash: string | null }) | undefined };
    });
    const checked = ticket.gate.check && patron ? patron.password_hash : null;
    const ok = await verifyPassword(checked, canonicalPassword(password, policy.password));
    if (!ok || !patron) throw new DomainError('LOGIN_FAILED');
    await this.inTenant((m) => patronFailures.succeeded(m, ticket));
    const { password_hash, ...p } = patron;
    void password_hash;
    return { patron: p as PatronView, policy, now };
  }

  /** Sign-in with the card as typed (verifyPassword), then the card's state and a new session. */
  async login(cardTyped: string, password: string, source: string): Promise<{ patron: StaffPatronView; mustChangePassword: boolean; token: string; csrfToken: string; expiresAt: Date }> {
    const { patron: p, policy, now } = await this.verifyPassword(cardTyped, password, source);
    type Outcome = { refused: string } | { refused: null; session: Awaited<ReturnType<SessionsService['create']>> };
    const outcome = await this.inTenant(async (m): Promise<Outcome> => {
      if (p.status === 'blocked') return { refused: PatronErrors.PATRON_BLOCKED };
      const access = decideCardAccess(policy, p.expiresAt, tokyoDate(), 'web');
      if (!access.ok) return { refused: access.code };
      await m.query(`UPDATE patrons SET previous_login_at = last_login_at, last_login_at = $2 WHERE id = $1`, [p.id, now.toISOString()]);
      const session = await this.sessions.create({ kind: 'patron', patronId: p.id, tenantId: currentTenant().id, mustChangePassword: p.mustChangePassword }, m);
      return { refused: null, session };
    });
    if (outcome.refused !== null) throw new DomainError(outcome.refused);
    return {
      patron: { ...p, previousLoginAt: p.lastLoginAt, lastLoginAt: now.toISOString() },
      mustChangePassword: p.mustChangePassword,
      ...outcome.session,
    };
  }

  /**
   * A single-use link in mail: a random token kept only as its SHA-256 (with its kind, the
   * address, `options` and the time it expires), and the notice that carries the link to
   * `page` of the city's OPAC (from configuration, PublicLinks) and the token.
   */
  private async mailLink(link: {
    kind: 'password-reset' | 'email-confirm' | 'password-confirm';
    page: string;
    patron: { id: string; name: string };
    to: string;
    validMinutes: number;
    options?: Record<string, unknown>;
    data: Record<string, unknown>;
  }): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + link.validMinutes * 60_000);
    await tenantManager().query(
      `INSERT INTO patron_tokens (token_hash, patron_id, kind, email, options, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tokenHash(token), link.patron.id, link.kind, link.to, JSON.stringify(link.options ?? {}), expiresAt.toISOString()],
    );
    await this.notices.enqueue({
      kind: link.kind,
      to: link.to,
      patronId: link.patron.id,
      data: { patron: { name: link.patron.name }, link: this.links.opacPage(link.page, { token }), token, ...link.data },
      idempotencyKey: `${link.kind}:${tokenHash(token)}`,
    });
  }

  /** A transaction of its own in the current tenant (for handlers marked @NoTenantTransaction). */
  private inTenant<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const t = currentTenant();
    return runInTenant(this.ds, { id: t.id, slug: t.slug, name: t.name }, fn);
  }

  /**
   * Online password registration (and "forgot password = register again"), exactly by the
   * policy, for a card whose identity fields match (issue #22):
   *
   * - wrong identities are counted per card, from any address (REGISTRATION_BACKOFF: a few
   *   free, then waits up to a day); a card that must wait answers REGISTRATION_PAUSED
   *   without looking at what was typed, the same for every card number, known or not;
   * - with an e-mail on file, the new password only takes effect when the link mailed to
   *   that address is opened (confirmPassword): the patron hears of it, and someone who
   *   guessed the identity gets nothing; the sessions end only then. Without one, at once.
   *
   * Runs in transactions of its own (the handler has none), so a wrong guess stays counted.
   */
  async registerPassword(dto: RegisterPasswordDto): Promise<PasswordRegistration> {
    const now = this.clock.now();
    const first = await this.inTenant(async (m) => {
      const { policy } = await this.policies.current();
      if (!policy.registration.online) throw new DomainError('ONLINE_REGISTRATION_DISABLED');
      const card = normalizeCardNumber(dto.cardNumber, policy.card);
      if (!card.ok) throw new DomainError('CARD_FORMAT', card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }]);
      const [p] = await m.query(
        `SELECT id, name, email, name_kana AS "nameKana", to_char(birth_date,'YYYY-MM-DD') AS "birthDate", phone, status FROM patrons WHERE card_number = $1`,
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
      // what was typed is checked against the record only now: every such check is counted
      if (!decision.ok && decision.code !== 'IDENTITY_MISMATCH') throw registrationRefusal(decision);
      const ticket = await patronFailures.attempt(m, currentTenant().schema, registrationKey(card.cardNumber, policy), null, REGISTRATION_BACKOFF, now);
      if (!ticket.gate.check) return { refused: PatronErrors.REGISTRATION_PAUSED, retryAt: ticket.gate.until };
      if (!decision.ok || !p) return { refused: 'IDENTITY_MISMATCH', message: decision.ok ? undefined : decision.message.ja };
      return { refused: null, policy, patron: p as { id: string; name: string; email: string | null; status: string }, ticket, check: decision.password };
    });
    if (first.refused === PatronErrors.REGISTRATION_PAUSED) {
      const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(first.retryAt!) - now.getTime()) / 1000));
      throw new DomainError(PatronErrors.REGISTRATION_PAUSED, undefined, undefined, { retryAfterSeconds });
    }
    if (first.refused !== null) throw new DomainError(first.refused, first.message);
    const { policy, patron, ticket, check } = first;
    if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
    const passwordHash = await hashPassword(canonicalPassword(dto.password, policy.password));

    return this.inTenant(async (m): Promise<PasswordRegistration> => {
      await patronFailures.succeeded(m, ticket, true);
      const strength = { strength: check.strength, strengthLabel: check.strengthLabel };
      if (patron.email) {
        await this.mailLink({
          kind: 'password-confirm',
          page: 'confirm-password',
          patron,
          to: patron.email,
          validMinutes: PASSWORD_CONFIRM_HOURS * 60,
          options: { passwordHash },
          data: { expiresInHours: PASSWORD_CONFIRM_HOURS },
        });
        return { registered: false, confirmationRequired: true, expiresInHours: PASSWORD_CONFIRM_HOURS, ...strength };
      }
      await this.setPassword(m, patron.id, passwordHash, policy);
      return { registered: true, confirmationRequired: false, ...strength };
    });
  }

  /** The link of a `password-confirm` mail: the password registered online takes effect (once, before it expires). */
  async confirmPassword(token: string): Promise<PasswordConfirmed> {
    const { policy } = await this.policies.current();
    const m = tenantManager();
    const [t] = await m.query(
      `SELECT token_hash, patron_id, options FROM patron_tokens
        WHERE token_hash = $1 AND kind = 'password-confirm' AND used_at IS NULL AND expires_at > $2 FOR UPDATE`,
      [tokenHash(token), this.clock.now().toISOString()],
    );
    if (!t?.options?.passwordHash) throw new DomainError(PatronErrors.TOKEN_INVALID);
    await this.setPassword(m, t.patron_id, t.options.passwordHash, policy);
    return { confirmed: true };
  }

  /**
   * A password set from outside a session (registration, reset link, its confirmation): every
   * pending reset or confirmation link dies, the card's failed sign-ins are forgotten, and
   * every session ends.
   */
  private async setPassword(m: EntityManager, patronId: string, passwordHash: string, policy: Policy): Promise<void> {
    await voidPasswordLinks(m, patronId, this.clock.now());
    const [[updated]] = await m.query(
      `UPDATE patrons SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1 RETURNING card_number`,
      [patronId, passwordHash],
    );
    await patronFailures.clear(m, signInKey(updated.card_number, policy));
    await this.sessions.revokePatron(patronId, undefined, m);
  }

  /** Always succeeds from the outside (202); sends a reset link only when the policy offers it and card + e-mail match. */
  async forgotPassword(cardTyped: string, email: string): Promise<void> {
    const { policy } = await this.policies.current();
    if (policy.passwordReset !== 'email-link') return;
    const card = normalizeCardNumber(cardTyped, policy.card);
    if (!card.ok) return;
    const m = tenantManager();
    const [p] = await m.query(`SELECT id, name, email, status FROM patrons WHERE card_number = $1`, [card.cardNumber]);
    if (!p || !p.email || p.status !== 'active' || p.email.trim().toLowerCase() !== email.trim().toLowerCase()) return;
    await this.mailLink({
      kind: 'password-reset',
      page: 'reset-password',
      patron: p,
      to: p.email,
      validMinutes: RESET_MINUTES,
      data: { expiresInMinutes: RESET_MINUTES },
    });
  }

  async resetPassword(token: string, password: string): Promise<PasswordReset> {
    const { policy } = await this.policies.current();
    const m = tenantManager();
    const [t] = await m.query(
      `SELECT token_hash, patron_id FROM patron_tokens WHERE token_hash = $1 AND kind = 'password-reset' AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [tokenHash(token)],
    );
    if (!t) throw new DomainError(PatronErrors.TOKEN_INVALID);
    const check = validatePassword(password, policy.password);
    if (!check.ok) throw new DomainError('PASSWORD_POLICY', check.reasons[0].message.ja, check.reasons.map((r) => ({ path: 'password', code: r.code, message: r.message })));
    // the link proved the mailbox; this one and every other pending link die with it
    await this.setPassword(m, t.patron_id, await hashPassword(canonicalPassword(password, policy.password)), policy);
    return { reset: true };
  }

  async changePassword(principal: Extract<Principal, { kind: 'patron' }>, current: string, next: string): Promise<PasswordChanged> {
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
  async setEmail(patronId: string, email: string, applyToExistingHolds: boolean): Promise<EmailChange> {
    const { policy } = await this.policies.current();
    const address = PatronsService.emailOrThrow(policy, email);
    const m = tenantManager();
    const [p] = await m.query(`SELECT id, name, email FROM patrons WHERE id = $1 FOR UPDATE`, [patronId]);
    const mode = policy.email.confirmation;
    if (mode === 'double-opt-in') {
      await this.mailLink({
        kind: 'email-confirm',
        page: 'confirm-email',
        patron: p,
        to: address,
        validMinutes: CONFIRM_HOURS * 60,
        options: { applyToExistingHolds: applyToExistingHolds && policy.email.askApplyToExistingHolds },
        data: { expiresInHours: CONFIRM_HOURS },
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

  async confirmEmail(token: string): Promise<EmailConfirmed> {
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
      await m.query(`UPDATE holds SET contact = 'email' WHERE patron_id = $1 AND ${activeHoldSql()}`, [patronId]);
    }
  }

  async deleteEmail(patronId: string) {
    const { policy } = await this.policies.current();
    if (!policy.email.deletable) throw new DomainError('FORBIDDEN');
    const m = tenantManager();
    await m.query(`UPDATE patrons SET email = NULL, updated_at = now() WHERE id = $1`, [patronId]);
    // holds that were to be told by e-mail can no longer be
    await m.query(`UPDATE holds SET contact = 'none' WHERE patron_id = $1 AND contact = 'email' AND ${activeHoldSql()}`, [patronId]);
  }
}

export type { PatronView };
