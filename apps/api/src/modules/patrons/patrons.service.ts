import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { tenantManager } from '@shiori/tenancy';
import { cardExpiryFrom, checkEmailAddress, EmailWarnings, generateTemporaryPassword, normalizeCardNumber, normalizeKana, Policy } from '@shiori/policy';
import { AuditService } from '../../engine/audit/audit.service';
import { hashPassword } from '../../engine/auth/passwords';
import { SessionsService } from '../../engine/auth/sessions.service';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';
import { PolicyStore } from '../policy';
import type { CreatePatronDto, UpdatePatronDto } from './dto/patron.dto';
import { PatronErrors } from './patrons.errors';
import { voidPasswordLinks } from './password-links';
import { patronFailures, signInKey } from './patron-failures';
import type { TemporaryPassword } from '@shiori/contracts';
import { PATRON_COLUMNS, PatronView } from './patron-view';

/** Librarians' side of patron records: register, search, edit, renew card, block, temporary password. */
@Injectable()
export class PatronsService {
  constructor(
    private readonly policies: PolicyStore,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  /** The card as typed, normalised and validated by the policy, or CARD_FORMAT with the reason. */
  static cardOrThrow(policy: Policy, typed: string): string {
    const r = normalizeCardNumber(typed, policy.card);
    if (!r.ok) throw new DomainError('CARD_FORMAT', r.message.ja, [{ path: 'cardNumber', code: r.reason, message: r.message }]);
    return r.cardNumber;
  }

  static emailOrThrow(policy: Policy, email: string): string {
    const check = checkEmailAddress(email);
    const blocking = check.warnings.filter((w) => !check.ok || policy.email.warnUndeliverable || w.code === EmailWarnings.FORMAT || w.code === EmailWarnings.FULLWIDTH);
    if (!check.ok || blocking.length) {
      throw new DomainError(PatronErrors.EMAIL_UNDELIVERABLE, blocking[0]?.message.ja, blocking.map((w) => ({ path: 'email', code: w.code, message: w.message })));
    }
    return email.trim();
  }

  async create(dto: CreatePatronDto): Promise<PatronView> {
    const { policy } = await this.policies.current();
    const cardNumber = PatronsService.cardOrThrow(policy, dto.cardNumber);
    const email = dto.email ? PatronsService.emailOrThrow(policy, dto.email) : null;
    const expiresAt = dto.expiresAt ?? cardExpiryFrom(policy, tokyoDate());
    try {
      const [{ id }] = await tenantManager().query(
        `INSERT INTO patrons (card_number, name, name_kana, birth_date, phone, email, category, expires_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [cardNumber, dto.name.trim(), dto.nameKana.trim(), dto.birthDate ?? null, dto.phone ?? null, email, dto.category ?? 'general', expiresAt],
      );
      const row = await this.get(id);
      await this.audit.record('patron.create', 'patron', row.id, null, row);
      return row;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DomainError(PatronErrors.CARD_EXISTS);
      throw e;
    }
  }

  async get(id: string): Promise<PatronView> {
    const rows = await tenantManager().query(`SELECT ${PATRON_COLUMNS} FROM patrons WHERE id = $1`, [id]);
    if (!rows[0]) throw new DomainError(PatronErrors.PATRON_NOT_FOUND);
    return rows[0];
  }

  /** The patron of a card as typed or scanned (normalised by the city's card rules), or null: a self-check machine's lookup. */
  async findByCard(typed: string): Promise<PatronView | null> {
    const { policy } = await this.policies.current();
    const card = normalizeCardNumber(typed, policy.card);
    if (!card.ok) return null;
    const [row] = await tenantManager().query(`SELECT ${PATRON_COLUMNS} FROM patrons WHERE card_number = $1`, [card.cardNumber]);
    return row ?? null;
  }

  /** Search by card number (as typed, normalised) or by name / katakana reading. */
  async search(q: string, limit = 50): Promise<PatronView[]> {
    const { policy } = await this.policies.current();
    const card = normalizeCardNumber(q, policy.card);
    const kana = normalizeKana(q);
    return tenantManager().query(
      `SELECT ${PATRON_COLUMNS} FROM patrons
        WHERE card_number = $1 OR ($2 <> '' AND card_number LIKE $2 || '%') OR ($3 <> '' AND name ILIKE '%' || $3 || '%')
           OR ($4 <> '' AND replace(replace(name_kana, ' ', ''), '　', '') LIKE '%' || $4 || '%')
        ORDER BY name_kana LIMIT $5`,
      [card.ok ? card.cardNumber : q, q.normalize('NFKC').replace(/[^0-9]/g, ''), q.trim(), kana, limit],
    );
  }

  async update(id: string, dto: UpdatePatronDto): Promise<PatronView> {
    const before = await this.get(id);
    const { policy } = await this.policies.current();
    const email = dto.email !== undefined && dto.email !== '' ? PatronsService.emailOrThrow(policy, dto.email) : dto.email === '' ? null : undefined;
    await tenantManager().query(
      `UPDATE patrons SET name = coalesce($2, name), name_kana = coalesce($3, name_kana), birth_date = coalesce($4::date, birth_date),
         phone = coalesce($5, phone), email = CASE WHEN $6::boolean THEN $7 ELSE email END, category = coalesce($8, category),
         expires_at = coalesce($9::date, expires_at), updated_at = now()
       WHERE id = $1`,
      [id, dto.name ?? null, dto.nameKana ?? null, dto.birthDate ?? null, dto.phone ?? null, email !== undefined, email ?? null, dto.category ?? null, dto.expiresAt ?? null],
    );
    const after = await this.get(id);
    await this.audit.record('patron.update', 'patron', id, before, after);
    return after;
  }

  /** Card renewal at the counter (Kushiro's yearly renewal): a new validity period from today or from the old expiry, whichever is later. */
  async renewCard(id: string): Promise<PatronView> {
    const before = await this.get(id);
    const { policy } = await this.policies.current();
    const today = tokyoDate();
    const from = before.expiresAt && before.expiresAt > today ? before.expiresAt : today;
    const expiresAt = cardExpiryFrom(policy, from);
    await tenantManager().query(`UPDATE patrons SET expires_at = $2, updated_at = now() WHERE id = $1`, [id, expiresAt]);
    await this.audit.record('patron.renew-card', 'patron', id, { expiresAt: before.expiresAt }, { expiresAt });
    return this.get(id);
  }

  async setBlocked(id: string, blocked: boolean, reason?: string): Promise<PatronView> {
    const before = await this.get(id);
    await tenantManager().query(`UPDATE patrons SET status = $2, blocked_reason = $3, updated_at = now() WHERE id = $1`, [
      id,
      blocked ? 'blocked' : 'active',
      blocked ? reason ?? null : null,
    ]);
    if (blocked) await this.sessions.revokePatron(id, undefined, tenantManager());
    const after = await this.get(id);
    await this.audit.record(blocked ? 'patron.block' : 'patron.unblock', 'patron', id, { status: before.status }, { status: after.status, reason });
    return after;
  }

  /** Issues a temporary password at the desk; the policy decides whether it must be changed at first login. */
  async temporaryPassword(id: string): Promise<TemporaryPassword> {
    const patron = await this.get(id);
    const { policy } = await this.policies.current();
    const temporaryPassword = generateTemporaryPassword(policy.password, () => randomInt(0, 1_000_000) / 1_000_000);
    const must = policy.password.temporaryMustChange;
    await tenantManager().query(`UPDATE patrons SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1`, [
      id,
      await hashPassword(temporaryPassword),
      must,
    ]);
    // issued to the patron in person: failed sign-ins of the card no longer count, and no
    // older link (reset, online registration) can replace this password
    await patronFailures.clear(tenantManager(), signInKey(patron.cardNumber, policy));
    await voidPasswordLinks(tenantManager(), id, new Date());
    await this.sessions.revokePatron(id, undefined, tenantManager());
    await this.audit.record('patron.temporary-password', 'patron', id, null, { mustChangePassword: must });
    return { temporaryPassword, mustChangePassword: must };
  }
}
