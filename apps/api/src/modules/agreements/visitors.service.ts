import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, tenantManager } from '@shiori/tenancy';
import { cardExpiryFrom, decideHomeCard, decideVisitorRegistration, HomePatronStatus, normalizeCardNumber } from '@shiori/policy';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { PolicyStore } from '../policy';
import { AgreementErrors } from './agreements.errors';
import { AgreementsStore, homeCardKey, termsOf } from './agreements.store';
import type { RegisterVisitorDto } from './dto/agreements.dto';

/** A visitor as the host's librarians see them: no more than the agreement let the host copy. */
export interface VisitorView {
  id: string;
  cardNumber: string;
  name: string;
  nameKana: string;
  phone: string | null;
  email: string | null;
  expiresAt: string | null;
  status: string;
  homeCity: { slug: string; name: string };
  agreementId: string;
  openLoans: number;
  createdAt: string;
}

const VISITOR_SQL = `
  SELECT p.id, p.card_number AS "cardNumber", p.name, p.name_kana AS "nameKana", p.phone, p.email,
         to_char(p.expires_at, 'YYYY-MM-DD') AS "expiresAt", p.status, p.home_city AS "homeSlug", t.name AS "homeName",
         p.agreement_id AS "agreementId", p.created_at AS "createdAt",
         (SELECT count(*) FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL)::int AS "openLoans"
    FROM patrons p LEFT JOIN platform.tenants t ON t.slug = p.home_city`;

type VisitorRow = Omit<VisitorView, 'homeCity'> & { homeSlug: string; homeName: string | null };
const visitorView = ({ homeSlug, homeName, ...r }: VisitorRow): VisitorView => ({ ...r, homeCity: { slug: homeSlug, name: homeName ?? homeSlug } });

/** What the home city's own statement says of the card: enough to decide, and what the agreement may let the host copy. */
interface HomePatron extends HomePatronStatus {
  id: string;
  name: string;
  nameKana: string;
  phone: string | null;
  email: string | null;
}

/**
 * Cross-city patrons at the host's desk. Registration reads the agreement (platform), then the
 * home city in its own transaction (runInTenant: never SQL naming two schemas), then writes the
 * host in its own; no connection is held while another is taken.
 */
@Injectable()
export class VisitorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly policies: PolicyStore,
    private readonly store: AgreementsStore,
    private readonly audit: AuditService,
  ) {}

  /** Runs outside a tenant transaction (the handler is @NoTenantTransaction): `host` is the route's city. */
  async register(host: TenantRow, dto: RegisterVisitorDto): Promise<VisitorView & { refreshed: boolean }> {
    const home = await this.registry.findBySlug(dto.homeCity);
    if (!home) throw new DomainError(AgreementErrors.AGREEMENT_UNKNOWN_CITY, undefined, [{ path: 'homeCity', code: 'AGREEMENT_UNKNOWN_CITY', message: { ja: '指定された市はありません。', en: 'No such city.' } }]);
    if (home.id === host.id) throw new DomainError(AgreementErrors.AGREEMENT_SAME_CITY);

    // 1. the agreement: refused before anything of the home city is read
    const agreement = await this.store.pair(this.ds, home.id, host.id);
    const terms = agreement ? termsOf(agreement.terms) : null;
    const via = dto.cardNumber === undefined ? 'home-card' : 'host-card';
    const allowed = decideVisitorRegistration(terms, via);
    if (!allowed.ok) throw new DomainError(allowed.code, allowed.message.ja);
    const agreementId = agreement?.id as string;

    // 2. the home city, in its own transaction: is the card good there?
    const today = tokyoDate();
    const homePatron = await runInTenant(this.ds, home, async (m) => {
      const { policy } = await this.policies.current();
      const card = normalizeCardNumber(dto.homeCardNumber, policy.card);
      if (!card.ok) return { card: null, patron: null };
      const [p]: HomePatron[] = await m.query(
        `SELECT id, name, name_kana AS "nameKana", phone, email, status, to_char(expires_at, 'YYYY-MM-DD') AS "expiresAt" FROM patrons WHERE card_number = $1`,
        [card.cardNumber],
      );
      // the home city's own log says which city read its patron, by whom, and what it answered
      const outcome = decideHomeCard(p ?? null, today);
      await this.audit.record('visitor.home-check', 'patron', p?.id ?? null, null, { hostCity: host.slug, agreementId, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.code }) });
      return { card: card.cardNumber, patron: p ?? null };
    });
    const good = decideHomeCard(homePatron.patron, today);
    if (!good.ok) throw new DomainError(good.code, good.message.ja);
    const p = homePatron.patron as HomePatron;

    // 3. the host, in its own transaction: the visitor, with only what the agreement allows copied
    return runInTenant(this.ds, host, async (m) => {
      const { policy } = await this.policies.current();
      let cardNumber: string;
      let expiresAt: string | null;
      if (via === 'host-card') {
        const card = normalizeCardNumber(dto.cardNumber as string, policy.card);
        if (!card.ok) throw new DomainError(card.code, card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }], { reason: card.reason });
        cardNumber = card.cardNumber;
        expiresAt = cardExpiryFrom(policy, today);
      } else {
        cardNumber = homeCardKey(home.slug, homePatron.card as string);
        expiresAt = p.expiresAt; // the home card's own validity
      }
      const phone = allowed.copyContactData ? p.phone : null;
      const email = allowed.copyContactData ? p.email : null;
      const [existing] = await m.query(`SELECT id FROM patrons WHERE home_city = $1 AND home_patron_id = $2 FOR UPDATE`, [home.slug, p.id]);
      if (existing && via === 'host-card') throw new DomainError(AgreementErrors.VISITOR_EXISTS, undefined, undefined, { visitorId: existing.id });
      let id: string;
      if (existing) {
        // the home card scanned again: refresh what the home city says today
        id = existing.id;
        await m.query(
          `UPDATE patrons SET name = $2, name_kana = $3, phone = $4, email = $5, expires_at = $6, agreement_id = $7, updated_at = now() WHERE id = $1`,
          [id, p.name, p.nameKana, phone, email, expiresAt, agreementId],
        );
      } else {
        try {
          [{ id }] = await m.query(
            `INSERT INTO patrons (card_number, name, name_kana, phone, email, category, expires_at, home_city, home_patron_id, agreement_id)
             VALUES ($1,$2,$3,$4,$5,'general',$6,$7,$8,$9) RETURNING id`,
            [cardNumber, p.name, p.nameKana, phone, email, expiresAt, home.slug, p.id, agreementId],
          );
        } catch (e) {
          if ((e as { code?: string }).code === '23505') throw new DomainError('CARD_EXISTS');
          throw e;
        }
      }
      const [row]: VisitorRow[] = await m.query(`${VISITOR_SQL} WHERE p.id = $1`, [id]);
      const view = visitorView(row);
      await this.audit.record(existing ? 'visitor.refresh' : 'visitor.register', 'patron', id, null, { cardNumber, homeCity: home.slug, agreementId, via, contactCopied: allowed.copyContactData });
      return { ...view, refreshed: !!existing };
    });
  }

  /** The visitors registered at this city's desk (inside the request's tenant transaction). */
  async list(): Promise<VisitorView[]> {
    const rows: VisitorRow[] = await tenantManager().query(`${VISITOR_SQL} WHERE p.home_city IS NOT NULL ORDER BY p.created_at DESC LIMIT 500`);
    return rows.map(visitorView);
  }

  /**
   * Loans to residents of other cities per agreement and month (what cities report to each
   * other yearly), counted in this city's own schema.
   */
  async statistics(): Promise<{ agreementId: string; homeCity: { slug: string; name: string }; month: string; loans: number }[]> {
    const rows: { agreementId: string; homeSlug: string; homeName: string | null; month: string; loans: number }[] = await tenantManager().query(
      `SELECT p.agreement_id AS "agreementId", p.home_city AS "homeSlug", min(t.name) AS "homeName",
              to_char(l.loaned_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, count(*)::int AS loans
         FROM loans l JOIN patrons p ON p.id = l.patron_id LEFT JOIN platform.tenants t ON t.slug = p.home_city
        WHERE p.home_city IS NOT NULL
        GROUP BY 1, 2, 4 ORDER BY 4 DESC, 2`,
    );
    return rows.map(({ homeSlug, homeName, ...r }) => ({ ...r, homeCity: { slug: homeSlug, name: homeName ?? homeSlug } }));
  }

  /** The tenant of the route (for @NoTenantTransaction handlers, which still know their city). */
  hostOfRequest(): Promise<TenantRow> {
    return this.registry.findBySlug(currentTenant().slug).then((t) => {
      if (!t) throw new DomainError('TENANT_NOT_FOUND');
      return t;
    });
  }
}
