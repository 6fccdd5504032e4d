import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentTenant, runInTenant, tenantManager } from '@shiori/tenancy';
import {
  addDays,
  AgreementTerms,
  computeHoldShelfExpiry,
  decideIllRequest,
  decideRenewal,
  decideVisitorReturn,
  nextOpenDay,
  normalizeCardNumber,
  RenewalChannel,
} from '@shiori/policy';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import { PublicLinks } from '../../engine/http/public-links';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { tokyoDate } from '../../engine/time';
import { AgreementsStore, termsOf } from '../agreements';
import { HoldsErrors } from '../holds';
import { changedRows } from '../../engine/database/sql';
import { Rules, RulesService } from '../holds';
import { NoticesService } from '../notices';
import { PatronErrors } from '../patrons';
import { RegionsService } from '../region';
import { IllCourierDates } from './courier-dates';
import { IllErrors } from './ill.errors';
import type { IllCheckinAnswer, IllPage, IllRequestView, IllTransitView, IncomingIllRequestView, MyIllRequest } from '@shiori/contracts';
import { borrowerView, CityName, ILL_SQL, IllRow, IllStatus, lenderView, transitView } from './ill.types';
import { CityMessage, CityMessages } from './messages/city-messages';

/** What one city tells the other about a request (`role`: the RECEIVER's row). */
interface IllUpdate {
  role: 'borrower' | 'lender';
  number: string;
  status: IllStatus;
  itemBarcode?: string | null;
  reason?: string | null;
  loanDays?: number | null;
  dueDate?: string | null;
  departs?: string | null;
  arrives?: string | null;
  returnCity?: string | null;
}

/** The list filter and page of an ILL list. */
interface ListQuery {
  status?: IllStatus;
  page: number;
  size: number;
}

/** A copy of another city scanned here, as that city's own statement found it. */
interface ElsewhereMatch {
  city: TenantRow;
  title: string;
  branchCode: string;
  ill: { number: string; borrower: string } | null;
  visitorLoan: { loanId: string; agreementId: string } | null;
}

export interface CreateIllRequest {
  lenderCity: string;
  recordId: string;
  cardNumber: string;
  pickupBranchCode?: string;
  note?: string;
}

/** The statuses a message may move a row from (out-of-date or repeated news changes nothing). */
const UPDATE_FROM: Partial<Record<IllStatus, IllStatus[]>> = {
  accepted: ['requested'],
  declined: ['requested', 'accepted'],
  'in-transit': ['requested', 'accepted'],
  cancelled: ['requested', 'accepted'],
  arrived: ['accepted', 'in-transit'],
  'on-loan': ['accepted', 'in-transit', 'arrived'],
  returned: ['in-transit', 'arrived', 'on-loan'],
  'in-transit-home': ['in-transit', 'arrived', 'on-loan', 'returned'],
  'back-on-shelf': ['in-transit', 'arrived', 'on-loan', 'returned', 'in-transit-home'],
};

/**
 * 相互貸借 between the member cities of a region (issue #16). Each city keeps its own row of a
 * request; every step commits in one city's transaction and tells the other city through a
 * message (CityMessages), applied there in its own transaction exactly once. The borrowing city
 * knows the lender's copy only through the request (title, barcode, due date), never by reading
 * the lender's schema; the lender knows the borrowing city and its request number, and the
 * patron's name only where the agreement says so.
 */
@Injectable()
export class IllService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly regions: RegionsService,
    private readonly agreements: AgreementsStore,
    private readonly rules: RulesService,
    private readonly notices: NoticesService,
    private readonly links: PublicLinks,
    private readonly audit: AuditService,
    private readonly courier: IllCourierDates,
    private readonly messages: CityMessages,
  ) {}

  onModuleInit(): void {
    this.messages.handle('ill.request', (m) => this.applyRequest(m));
    this.messages.handle('ill.update', (m) => this.applyUpdate(m as CityMessage<unknown> as CityMessage<IllUpdate>));
    this.messages.handle('ill.returned-elsewhere', (m) => this.applyReturnedElsewhere(m));
    this.messages.handle('visitor-loan.returned-elsewhere', (m) => this.applyVisitorReturnedElsewhere(m));
  }

  // -------------------------------------------------------------------------------------
  // Reading

  /** A city's name, read in the current transaction (platform.tenants is a reference table). */
  private async city(slug: string | null): Promise<CityName | null> {
    if (!slug) return null;
    const [t] = await tenantManager().query(`SELECT name FROM platform.tenants WHERE slug = $1`, [slug]);
    return { slug, name: t?.name ?? slug };
  }

  /** The borrowing city's view of its row. */
  private async borrowerOut(r: IllRow): Promise<IllRequestView> {
    return borrowerView(r, (await this.city(r.partnerCity)) as CityName, await this.city(r.returnCity));
  }

  /** The lending city's view, with the courier day it would leave on if handed over today (the pull list). */
  private async lenderOut(r: IllRow): Promise<IncomingIllRequestView> {
    const v = lenderView(r, (await this.city(r.partnerCity)) as CityName, await this.city(r.returnCity));
    if (r.status !== 'requested' && r.status !== 'accepted') return v;
    const next = await this.courier.expectedArrival({ from: { slug: currentTenant().slug, branch: null }, to: { slug: r.partnerCity, branch: null }, handedOver: tokyoDate() });
    return { ...v, nextCourier: next ? { departs: next.departs, arrives: next.arrives } : null };
  }

  /** A copy of another city on its way home. */
  private async transitOut(r: IllRow): Promise<IllTransitView> {
    return transitView(r, (await this.city(r.partnerCity)) as CityName);
  }

  private async row(role: 'borrower' | 'lender', id: string, lock = false): Promise<IllRow> {
    const [r]: IllRow[] = await tenantManager().query(`${ILL_SQL} WHERE q.id = $1 AND q.role = $2${lock ? ' FOR UPDATE OF q' : ''}`, [id, role]);
    if (!r) throw new DomainError(IllErrors.ILL_REQUEST_NOT_FOUND);
    return r;
  }

  async list(role: 'borrower', q: ListQuery): Promise<IllPage<IllRequestView>>;
  async list(role: 'lender', q: ListQuery): Promise<IllPage<IncomingIllRequestView>>;
  async list(role: 'transit', q: ListQuery): Promise<IllPage<IllTransitView>>;
  async list(role: 'borrower' | 'lender' | 'transit', q: ListQuery): Promise<IllPage<IllRequestView | IncomingIllRequestView | IllTransitView>> {
    const where = `q.role = $1 AND ($2::text IS NULL OR q.status = $2)`;
    const values = [role, q.status ?? null];
    const [{ total }] = await tenantManager().query(`SELECT count(*)::int AS total FROM ill_requests q WHERE ${where}`, values);
    // the pull list: what waits for this city's hands first, oldest first
    const rows: IllRow[] = await tenantManager().query(
      `${ILL_SQL} WHERE ${where}
        ORDER BY CASE WHEN q.status IN ('asked','requested','accepted','arrived','returned','in-transit-home') THEN 0 ELSE 1 END, q.created_at, q.id
        LIMIT $3 OFFSET $4`,
      [...values, q.size, (q.page - 1) * q.size],
    );
    const out = (r: IllRow) => (role === 'borrower' ? this.borrowerOut(r) : role === 'lender' ? this.lenderOut(r) : this.transitOut(r));
    const items = [];
    for (const r of rows) items.push(await out(r));
    return { total, page: q.page, size: q.size, items };
  }

  async get(role: 'borrower', id: string): Promise<IllRequestView>;
  async get(role: 'lender', id: string): Promise<IncomingIllRequestView>;
  async get(role: 'borrower' | 'lender', id: string): Promise<IllRequestView | IncomingIllRequestView> {
    const r = await this.row(role, id);
    return role === 'borrower' ? this.borrowerOut(r) : this.lenderOut(r);
  }

  /** The patron's own requests (My page): where each one is. */
  async forPatron(patronId: string): Promise<MyIllRequest[]> {
    const rows: IllRow[] = await tenantManager().query(`${ILL_SQL} WHERE q.role = 'borrower' AND q.patron_id = $1 ORDER BY q.created_at DESC LIMIT 200`, [patronId]);
    const out = [];
    for (const r of rows) out.push(await this.patronView(r));
    return out;
  }

  /** A request as its patron reads it: the lending city by its name only; a declined one with its reason. */
  private async patronView(r: IllRow): Promise<MyIllRequest> {
    const v = borrowerView(r, (await this.city(r.partnerCity)) as CityName, null);
    return {
      id: v.id,
      number: v.number,
      title: v.title,
      status: v.status,
      statusLabel: v.statusLabel,
      lenderCity: { name: v.lenderCity.name },
      pickupBranchCode: v.pickupBranchCode,
      expectedArrival: v.courier?.arrives ?? null,
      dueDate: v.dueDate,
      declineReason: v.declineReason,
      /** the patron may still withdraw it (asked, not yet forwarded) */
      cancellable: v.status === 'asked',
      createdAt: v.createdAt,
    };
  }

  // -------------------------------------------------------------------------------------
  // Writing, in this city's transaction

  private async setStatus(r: IllRow, status: IllStatus, fields: Record<string, unknown> = {}, by: 'here' | 'partner' = 'here'): Promise<void> {
    const cols = Object.keys(fields);
    const sets = cols.map((c, i) => `${c} = $${i + 4}`).join(', ');
    await tenantManager().query(
      `UPDATE ill_requests SET status = $2, history = history || $3::jsonb, updated_at = now()${sets ? `, ${sets}` : ''} WHERE id = $1`,
      [r.id, status, JSON.stringify([{ status, at: new Date().toISOString(), by }]), ...cols.map((c) => fields[c])],
    );
  }

  private tell(r: IllRow, update: Omit<IllUpdate, 'role' | 'number'>): Promise<string> {
    const role = r.role === 'borrower' ? 'lender' : 'borrower';
    return this.messages.send(r.partnerCity, 'ill.update', { role, number: r.number, ...update });
  }

  private assertStatus(r: IllRow, allowed: IllStatus[]): void {
    if (!allowed.includes(r.status)) throw new DomainError(IllErrors.ILL_WRONG_STATUS, undefined, undefined, { requestStatus: r.status, allowed });
  }

  /** Audits a step and reads the row again, as it now is. */
  private async afterWrite(action: string, r: IllRow, before: IllStatus, extra: Record<string, unknown> = {}): Promise<IllRow> {
    const fresh = await this.row(r.role as 'borrower' | 'lender', r.id);
    await this.audit.record(action, 'ill_request', r.id, { status: before }, { number: r.number, title: r.title, status: fresh.status, ...extra });
    return fresh;
  }

  /** A step of the borrowing city: its request as it now is. */
  private async afterBorrowerWrite(action: string, r: IllRow, before: IllStatus, extra: Record<string, unknown> = {}): Promise<IllRequestView> {
    return this.borrowerOut(await this.afterWrite(action, r, before, extra));
  }

  /** A step of the lending city: its incoming request as it now is. */
  private async afterLenderWrite(action: string, r: IllRow, before: IllStatus, extra: Record<string, unknown> = {}): Promise<IncomingIllRequestView> {
    return this.lenderOut(await this.afterWrite(action, r, before, extra));
  }

  // ---- the borrowing city

  /**
   * A request for the lender's record (found with the regional search) for one of this city's
   * patrons. Runs outside a tenant transaction (@NoTenantTransaction): the agreement and the
   * regions are platform statements, the lender's record is read in the lender's own
   * transaction (its title, so the request names it), and the request is written in this
   * city's, with the message to the lender.
   */
  async create(dto: CreateIllRequest): Promise<IllRequestView> {
    const here = await this.hereRow();
    const { lender, allowed } = await this.partner(here, dto.lenderCity);
    const record = await this.lenderRecord(lender, dto.recordId);

    return runInTenant(this.ds, here, async (m) => {
      const { policy } = await this.rules.load();
      const card = normalizeCardNumber(dto.cardNumber, policy.card);
      if (!card.ok) throw new DomainError(card.code, card.message.ja, [{ path: 'cardNumber', code: card.reason, message: card.message }], { reason: card.reason });
      const [patron]: { id: string; name: string; status: string }[] = await m.query(`SELECT id, name, status FROM patrons WHERE card_number = $1`, [card.cardNumber]);
      if (!patron) throw new DomainError(PatronErrors.PATRON_NOT_FOUND);
      if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
      await this.assertBranch(dto.pickupBranchCode);
      const { id, number } = await this.insertBorrowerRow('requested', lender.slug, dto.recordId, record.title, patron.id, dto.pickupBranchCode, dto.note);
      // the lender gets the request number and the borrowing city; the patron's name only where the agreement says so
      await this.messages.send(lender.slug, 'ill.request', {
        number,
        recordId: dto.recordId,
        title: record.title,
        patronName: allowed.lenderSeesPatronName ? patron.name : null,
        note: dto.note ?? null,
      });
      const r = await this.row('borrower', id);
      await this.audit.record('ill.request', 'ill_request', id, null, { number, title: record.title, lenderCity: lender.slug, cardNumber: card.cardNumber });
      return this.borrowerOut(r);
    });
  }

  /**
   * May this city ask `lenderSlug` for an ILL: a fellow member of one of its regions, under an
   * agreement (home = this city, host = the lender) that provides ILL. Platform statements only.
   */
  private async partner(here: TenantRow, lenderSlug: string) {
    const lender = await this.registry.findBySlug(lenderSlug);
    if (!lender) throw new DomainError(IllErrors.ILL_LENDER_UNKNOWN, undefined, [{ path: 'lenderCity', code: 'ILL_LENDER_UNKNOWN', message: { ja: '指定された市はありません。', en: 'No such city.' } }]);
    if (lender.id === here.id) throw new DomainError(IllErrors.ILL_SAME_CITY);
    if (lender.status !== 'active') throw new DomainError(IllErrors.ILL_LENDER_UNAVAILABLE);
    const lenderRegions = new Set(await this.regions.codesOf(this.ds, lender.id));
    if (!(await this.regions.codesOf(this.ds, here.id)).some((c) => lenderRegions.has(c))) throw new DomainError(IllErrors.ILL_NOT_IN_REGION);
    const agreement = await this.agreements.pair(this.ds, here.id, lender.id);
    const terms = agreement ? termsOf(agreement.terms) : null;
    const allowed = decideIllRequest(terms);
    if (!allowed.ok) throw new DomainError(allowed.code, allowed.message.ja);
    return { lender, allowed, terms: terms as AgreementTerms };
  }

  /** The lender's record, read once in the lender's own transaction: its title (the request names it) and ISBN. */
  private async lenderRecord(lender: TenantRow, recordId: string): Promise<{ title: string; isbn: string | null }> {
    const [record]: { title: string; volume: string | null; isbn: string | null }[] = await runInTenant(this.ds, lender, (m) =>
      m.query(
        `SELECT r.title, r.volume, r.isbn FROM records r
          WHERE r.id = $1 AND EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND i.loanable AND i.status NOT IN ('withdrawn','missing'))`,
        [recordId],
      ),
    );
    if (!record) throw new DomainError(IllErrors.ILL_RECORD_NOT_FOUND);
    return { title: record.volume ? `${record.title} ${record.volume}` : record.title, isbn: record.isbn };
  }

  private async assertBranch(code: string | undefined): Promise<void> {
    if (!code) return;
    const [b] = await tenantManager().query(`SELECT code FROM branches WHERE code = $1`, [code]);
    if (!b) throw new DomainError(HoldsErrors.UNKNOWN_BRANCH, undefined, [{ path: 'pickupBranchCode', message: 'no such branch' }]);
  }

  private async insertBorrowerRow(status: 'asked' | 'requested', lender: string, recordId: string, title: string, patronId: string, pickup?: string, note?: string) {
    const [{ n }] = await tenantManager().query(`SELECT nextval('ill_request_numbers')::text AS n`);
    const number = `ILL-${n.padStart(6, '0')}`;
    const history = JSON.stringify([{ status, at: new Date().toISOString(), by: 'here' }]);
    const [{ id }] = await tenantManager().query(
      `INSERT INTO ill_requests (role, number, partner_city, status, record_id, title, patron_id, pickup_branch, note, history)
       VALUES ('borrower',$1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [number, lender, status, recordId, title, patronId, pickup ?? null, note ?? null, history],
    );
    return { id: id as string, number };
  }

  // ---- asked by the patron (terms.ill.patronsMayAsk): waits here until a librarian forwards or declines it

  /** The fellow members of this city's regions whose agreement lets this city's patrons ask for ILL themselves. */
  async askableCities(): Promise<CityName[]> {
    const here = currentTenant();
    const out: CityName[] = [];
    for (const t of await this.regions.fellowMembersOf(tenantManager(), here.id)) {
      if (t.status !== 'active') continue;
      const a = await this.agreements.pair(tenantManager(), here.id, t.id);
      const terms = a ? termsOf(a.terms) : null;
      if (decideIllRequest(terms).ok && terms?.ill.patronsMayAsk) out.push({ slug: t.slug, name: t.name });
    }
    return out;
  }

  /**
   * A patron asks for the lender's record (@NoTenantTransaction, like create): allowed where the
   * agreement says patrons may ask, for a title this city has no lendable copy of (by ISBN),
   * once while the earlier ask is open. Nothing reaches the lender until a librarian forwards it.
   */
  async ask(patronId: string, dto: Omit<CreateIllRequest, 'cardNumber'>): Promise<MyIllRequest> {
    const here = await this.hereRow();
    const { lender, terms } = await this.partner(here, dto.lenderCity);
    if (!terms.ill.patronsMayAsk) throw new DomainError(IllErrors.ILL_PATRONS_MAY_NOT_ASK);
    const record = await this.lenderRecord(lender, dto.recordId);
    return runInTenant(this.ds, here, async (m) => {
      const [patron]: { status: string }[] = await m.query(`SELECT status FROM patrons WHERE id = $1`, [patronId]);
      if (!patron) throw new DomainError(PatronErrors.PATRON_NOT_FOUND);
      if (patron.status === 'blocked') throw new DomainError(PatronErrors.PATRON_BLOCKED);
      if (record.isbn) {
        const [own] = await m.query(
          `SELECT r.id FROM records r WHERE r.isbn = $1 AND EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND i.loanable AND i.status NOT IN ('withdrawn','missing')) LIMIT 1`,
          [record.isbn],
        );
        if (own) throw new DomainError(IllErrors.ILL_HELD_HERE, undefined, undefined, { recordId: own.id });
      }
      const [open] = await m.query(
        `SELECT 1 FROM ill_requests WHERE role = 'borrower' AND patron_id = $1 AND partner_city = $2 AND record_id = $3
            AND status IN ('asked','requested','accepted','in-transit','arrived','on-loan')`,
        [patronId, lender.slug, dto.recordId],
      );
      if (open) throw new DomainError(IllErrors.ILL_ALREADY_ASKED);
      await this.assertBranch(dto.pickupBranchCode);
      const { id } = await this.insertBorrowerRow('asked', lender.slug, dto.recordId, record.title, patronId, dto.pickupBranchCode, dto.note);
      return this.patronView(await this.row('borrower', id));
    });
  }

  /** The patron withdraws an ask the library has not forwarded yet. */
  async cancelAsk(patronId: string, id: string): Promise<MyIllRequest> {
    const r = await this.row('borrower', id, true);
    if (r.patronId !== patronId) throw new DomainError(IllErrors.ILL_REQUEST_NOT_FOUND);
    this.assertStatus(r, ['asked']);
    await this.setStatus(r, 'cancelled');
    return this.patronView(await this.row('borrower', id));
  }

  /** A librarian forwards the patron's ask to the lending city: it becomes a request, as if made at the desk. */
  async forward(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['asked']);
    // the agreement or the lender may have changed since the patron asked
    const lender = await this.registry.findBySlug(r.partnerCity);
    if (!lender || lender.status !== 'active') throw new DomainError(IllErrors.ILL_LENDER_UNAVAILABLE);
    const agreement = await this.agreements.pair(tenantManager(), currentTenant().id, lender.id);
    const allowed = decideIllRequest(agreement ? termsOf(agreement.terms) : null);
    if (!allowed.ok) throw new DomainError(allowed.code, allowed.message.ja);
    await this.setStatus(r, 'requested');
    await this.messages.send(r.partnerCity, 'ill.request', {
      number: r.number,
      recordId: r.recordId,
      title: r.title,
      patronName: allowed.lenderSeesPatronName ? r.patronName : null,
      note: r.note,
    });
    return this.afterBorrowerWrite('ill.forward', r, r.status);
  }

  /** A librarian declines the patron's ask, with the reason the patron reads on My page. */
  async declineAsk(id: string, reason: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['asked']);
    await this.setStatus(r, 'declined', { decline_reason: reason });
    return this.afterBorrowerWrite('ill.decline-ask', r, r.status, { reason });
  }

  async cancel(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['requested', 'accepted']);
    await this.setStatus(r, 'cancelled');
    await this.tell(r, { status: 'cancelled' });
    return this.afterBorrowerWrite('ill.cancel', r, r.status);
  }

  /** The lender's copy has come on the courier: set aside for the patron, who is told (the hold-ready notice). */
  async receive(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['accepted', 'in-transit']);
    const rules = await this.rules.load();
    await this.setStatus(r, 'arrived');
    await this.tell(r, { status: 'arrived' });
    if (r.patronEmail && rules.policy.notices.holdReady !== 'off') {
      const branch = r.pickupBranch ?? (await tenantManager().query(`SELECT code FROM branches ORDER BY code LIMIT 1`))[0]?.code ?? null;
      const [b] = branch ? await tenantManager().query(`SELECT name FROM branches WHERE code = $1`, [branch]) : [];
      const lastDay = computeHoldShelfExpiry({ policy: rules.policy, securedDate: rules.today, noticeDate: rules.today, branchCode: branch, isClosed: rules.isClosed });
      await this.notices.enqueue({
        kind: 'hold-ready',
        to: r.patronEmail,
        patronId: r.patronId,
        data: { patron: { name: r.patronName }, title: r.title, volume: null, pickupPoint: b?.name ?? '', lastDay, stop: null, shelfNumber: null, url: this.links.opacPage('my/loans') },
        idempotencyKey: `ill-ready:${r.id}`,
      });
    }
    return this.afterBorrowerWrite('ill.arrive', r, r.status);
  }

  /** Lent to the patron: due by the agreement's ILL period (the lender's terms, sent with the copy), on a day this city is open. */
  async lend(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['arrived']);
    const rules = await this.rules.load();
    const days = r.loanDays ?? 14;
    const dueDate = nextOpenDay(addDays(rules.today, days), rules.isClosed, r.pickupBranch ?? undefined);
    await this.setStatus(r, 'on-loan', { due_date: dueDate, loaned_at: new Date() });
    await this.tell(r, { status: 'on-loan', dueDate });
    return this.afterBorrowerWrite('ill.lend', r, r.status, { dueDate });
  }

  /**
   * May this ILL loan be renewed through `channel`: this city's policy decides (Katori and
   * Kitakyushu: ILL_NOT_RENEWABLE); the lender's waiting patrons are not known here.
   */
  decideRenewal(rules: Rules, r: Pick<IllRow, 'dueDate' | 'renewals' | 'pickupBranch'>, channel: RenewalChannel, patronCategory?: string | null) {
    return decideRenewal({
      policy: rules.policy,
      loan: { dueDate: r.dueDate as string, renewals: r.renewals, ill: true, ownedByCity: false, branchCode: r.pickupBranch },
      patronCategory,
      today: rules.today,
      hasHoldsByOthers: false,
      channel,
      isClosed: rules.isClosed,
    });
  }

  /** A renewal at the counter (or, `channel` 'online', the patron's own), decided by this city's policy (Katori: ILL_NOT_RENEWABLE). */
  async renew(id: string, channel: RenewalChannel = 'counter'): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['on-loan']);
    const rules = await this.rules.load();
    const [p] = r.patronId ? await tenantManager().query(`SELECT category FROM patrons WHERE id = $1`, [r.patronId]) : [];
    const d = this.decideRenewal(rules, r, channel, p?.category ?? null);
    if (!d.ok) throw new DomainError(d.code, d.message.ja);
    await tenantManager().query(`UPDATE ill_requests SET due_date = $2, renewals = renewals + 1, updated_at = now() WHERE id = $1`, [r.id, d.newDueDate]);
    await this.tell(r, { status: 'on-loan', dueDate: d.newDueDate });
    return this.afterBorrowerWrite('ill.renew', r, r.status, { dueDate: d.newDueDate, channel });
  }

  async return(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['on-loan', 'arrived']);
    await this.setStatus(r, 'returned');
    await this.tell(r, { status: 'returned' });
    return this.afterBorrowerWrite('ill.return', r, r.status);
  }

  /** Handed to the courier for home. */
  async sendHome(id: string): Promise<IllRequestView> {
    const r = await this.row('borrower', id, true);
    this.assertStatus(r, ['returned']);
    const c = await this.courier.expectedArrival({ from: { slug: currentTenant().slug, branch: r.pickupBranch }, to: { slug: r.partnerCity, branch: null }, handedOver: tokyoDate() });
    await this.setStatus(r, 'in-transit-home', { courier_departs: c?.departs ?? null, expected_arrival: c?.arrives ?? null });
    await this.tell(r, { status: 'in-transit-home', departs: c?.departs ?? null, arrives: c?.arrives ?? null });
    return this.afterBorrowerWrite('ill.send-home', r, r.status);
  }

  // ---- the lending city

  /** Accepted with a copy picked from the shelf: the copy is set aside (`ill`), so it cannot be lent here. */
  async accept(id: string, itemBarcode: string): Promise<IncomingIllRequestView> {
    const r = await this.row('lender', id, true);
    this.assertStatus(r, ['requested']);
    const [item]: { id: string; recordId: string; status: string; loanable: boolean; held: boolean }[] = await tenantManager().query(
      `SELECT i.id, i.record_id::text AS "recordId", i.status, i.loanable,
              EXISTS (SELECT 1 FROM holds h WHERE h.item_id = i.id AND h.status IN ('in-transit','ready')) AS held
         FROM items i WHERE i.barcode = $1 FOR UPDATE OF i`,
      [itemBarcode],
    );
    if (!item || item.recordId !== r.recordId) throw new DomainError(IllErrors.ILL_ITEM_NOT_OF_REQUEST, undefined, [{ path: 'itemBarcode', message: 'not a copy of the requested record' }]);
    if (item.status !== 'on-shelf' || !item.loanable || item.held) throw new DomainError(IllErrors.ILL_ITEM_NOT_AVAILABLE);
    await tenantManager().query(`UPDATE items SET status = 'ill', updated_at = now() WHERE id = $1`, [item.id]);
    await this.setStatus(r, 'accepted', { item_id: item.id, item_barcode: itemBarcode });
    await this.tell(r, { status: 'accepted', itemBarcode });
    return this.afterLenderWrite('ill.accept', r, r.status, { itemBarcode });
  }

  async decline(id: string, reason: string): Promise<IncomingIllRequestView> {
    const r = await this.row('lender', id, true);
    this.assertStatus(r, ['requested', 'accepted']);
    await this.releaseCopy(r);
    await this.setStatus(r, 'declined', { decline_reason: reason });
    await this.tell(r, { status: 'declined', reason });
    return this.afterLenderWrite('ill.decline', r, r.status, { reason });
  }

  /** Handed to the courier: the borrowing city learns the barcode, the ILL loan period and the expected arrival. */
  async send(id: string): Promise<IncomingIllRequestView> {
    const r = await this.row('lender', id, true);
    this.assertStatus(r, ['accepted']);
    const [borrower] = await tenantManager().query(`SELECT id FROM platform.tenants WHERE slug = $1`, [r.partnerCity]);
    const agreement = borrower ? await this.agreements.pair(tenantManager(), borrower.id, currentTenant().id) : null;
    const terms: AgreementTerms | null = agreement ? termsOf(agreement.terms) : null;
    const [item] = await tenantManager().query(`SELECT branch_code AS "branchCode" FROM items WHERE id = $1`, [r.itemId]);
    const c = await this.courier.expectedArrival({ from: { slug: currentTenant().slug, branch: item?.branchCode ?? null }, to: { slug: r.partnerCity, branch: null }, handedOver: tokyoDate() });
    const loanDays = terms?.ill.loanDays ?? 28;
    await this.setStatus(r, 'in-transit', { loan_days: loanDays, courier_departs: c?.departs ?? null, expected_arrival: c?.arrives ?? null });
    await this.tell(r, { status: 'in-transit', itemBarcode: r.itemBarcode, loanDays, departs: c?.departs ?? null, arrives: c?.arrives ?? null });
    return this.afterLenderWrite('ill.send', r, r.status);
  }

  /** The copy is home: back on the shelf, the request closed at both ends. */
  async checkInHome(id: string): Promise<IncomingIllRequestView> {
    const r = await this.row('lender', id, true);
    this.assertStatus(r, ['in-transit-home', 'returned', 'on-loan', 'arrived', 'in-transit']);
    await this.releaseCopy(r);
    await this.setStatus(r, 'back-on-shelf');
    await this.tell(r, { status: 'back-on-shelf' });
    return this.afterLenderWrite('ill.check-in-home', r, r.status);
  }

  async markLost(role: 'borrower', id: string): Promise<IllRequestView>;
  async markLost(role: 'lender', id: string): Promise<IncomingIllRequestView>;
  async markLost(role: 'borrower' | 'lender', id: string): Promise<IllRequestView | IncomingIllRequestView> {
    const r = await this.row(role, id, true);
    this.assertStatus(r, ['in-transit', 'arrived', 'on-loan', 'returned', 'in-transit-home']);
    if (role === 'lender' && r.itemId) await tenantManager().query(`UPDATE items SET status = 'missing', updated_at = now() WHERE id = $1 AND status = 'ill'`, [r.itemId]);
    await this.setStatus(r, 'lost');
    await this.tell(r, { status: 'lost' });
    return role === 'borrower' ? this.afterBorrowerWrite('ill.lost', r, r.status) : this.afterLenderWrite('ill.lost', r, r.status);
  }

  private async releaseCopy(r: IllRow): Promise<void> {
    if (r.itemId) await tenantManager().query(`UPDATE items SET status = 'on-shelf', updated_at = now() WHERE id = $1 AND status = 'ill'`, [r.itemId]);
  }

  // -------------------------------------------------------------------------------------
  // One scan at the desk: a barcode this city does not own, matched to a request or routed home

  /**
   * A scanned barcode of another city's copy (@NoTenantTransaction): the borrowing city's
   * arrival or return, the lending city's copy home again, or — a copy of another member city
   * returned here (return anywhere) — routed home with a message to its city.
   */
  async checkin(dto: { itemBarcode: string; lenderCity?: string }): Promise<IllCheckinAnswer> {
    const here = await this.hereRow();
    const local = await runInTenant(this.ds, here, async (m): Promise<IllCheckinAnswer | null> => {
      const rows: IllRow[] = await m.query(
        `${ILL_SQL} WHERE q.item_barcode = $1 AND (
            (q.role = 'borrower' AND q.status IN ('in-transit','accepted','on-loan','arrived'))
         OR (q.role = 'lender' AND q.status IN ('in-transit-home','returned','on-loan','arrived','in-transit'))
         OR (q.role = 'transit' AND q.status = 'in-transit-home'))
           AND ($2::text IS NULL OR q.role = 'lender' OR q.partner_city = $2)
         ORDER BY q.created_at DESC LIMIT 1`,
        [dto.itemBarcode, dto.lenderCity ?? null],
      );
      const r = rows[0];
      if (r?.role === 'borrower') {
        if (r.status === 'on-loan' || r.status === 'arrived') return { action: 'returned', request: await this.return(r.id) };
        return { action: 'arrived', request: await this.receive(r.id) };
      }
      if (r?.role === 'lender') return { action: 'back-on-shelf', request: await this.checkInHome(r.id) };
      if (r?.role === 'transit') return { action: 'in-transit-home', request: await this.transitOut(r) };
      const [own] = await m.query(`SELECT id FROM items WHERE barcode = $1`, [dto.itemBarcode]);
      if (own) throw new DomainError(IllErrors.ILL_LOCAL_ITEM);
      return null;
    });
    return local ?? this.returnElsewhere(here, dto.itemBarcode, dto.lenderCity);
  }

  private async returnElsewhere(here: TenantRow, itemBarcode: string, lenderCity?: string): Promise<IllCheckinAnswer> {
    // the fellow members of this city's regions, each asked in its own transaction
    const members = new Map<string, TenantRow>();
    for (const code of await this.regions.codesOf(this.ds, here.id)) {
      const region = await this.regions.withCities(code).catch(() => null);
      for (const c of region?.cities ?? []) {
        if (c.id === here.id || (lenderCity && c.slug !== lenderCity)) continue;
        const t = await this.registry.findBySlug(c.slug);
        if (t?.status === 'active') members.set(t.slug, t);
      }
    }
    const matches: ElsewhereMatch[] = [];
    for (const city of members.values()) {
      const [row]: { title: string; branchCode: string; illNumber: string | null; borrower: string | null; loanId: string | null; agreementId: string | null }[] = await runInTenant(
        this.ds,
        city,
        (m) =>
          m.query(
            `SELECT r.title, i.branch_code AS "branchCode",
                    q.number AS "illNumber", q.partner_city AS borrower, l.id AS "loanId", p.agreement_id AS "agreementId"
               FROM items i JOIN records r ON r.id = i.record_id
               LEFT JOIN ill_requests q ON q.item_id = i.id AND q.role = 'lender' AND q.status IN ('in-transit','arrived','on-loan','returned')
               LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
               LEFT JOIN patrons p ON p.id = l.patron_id
              WHERE i.barcode = $1`,
            [itemBarcode],
          ),
      );
      if (!row) continue;
      if (row.illNumber && row.borrower) matches.push({ city, title: row.title, branchCode: row.branchCode, ill: { number: row.illNumber, borrower: row.borrower }, visitorLoan: null });
      else if (row.loanId && row.agreementId) matches.push({ city, title: row.title, branchCode: row.branchCode, ill: null, visitorLoan: { loanId: row.loanId, agreementId: row.agreementId } });
    }
    if (!matches.length) throw new DomainError(IllErrors.ILL_UNKNOWN_BARCODE);
    if (matches.length > 1) throw new DomainError(IllErrors.ILL_RETURN_AMBIGUOUS, undefined, undefined, { cities: matches.map((x) => ({ slug: x.city.slug, name: x.city.name })) });
    const match = matches[0];

    // may it be returned here? the agreement under which it was lent
    let terms: AgreementTerms | null = null;
    if (match.ill) {
      const borrower = await this.registry.findBySlug(match.ill.borrower);
      const a = borrower ? await this.agreements.pair(this.ds, borrower.id, match.city.id) : null;
      terms = a ? termsOf(a.terms) : null;
    } else {
      const [a] = await this.ds.query(`SELECT terms FROM platform.agreements WHERE id = $1`, [match.visitorLoan!.agreementId]);
      terms = a ? termsOf(a.terms) : null;
    }
    const may = decideVisitorReturn(terms, match.city.slug, here.slug);
    if (!may.ok) throw new DomainError(may.code, may.message.ja, undefined, { lenderCity: { slug: match.city.slug, name: match.city.name } });

    return runInTenant(this.ds, here, async (m): Promise<IllCheckinAnswer> => {
      const c = await this.courier.expectedArrival({ from: { slug: here.slug, branch: null }, to: { slug: match.city.slug, branch: match.branchCode }, handedOver: tokyoDate() });
      const number = match.ill ? `${match.ill.borrower}/${match.ill.number}` : `loan/${match.visitorLoan!.loanId}`;
      const history = JSON.stringify([{ status: 'in-transit-home', at: new Date().toISOString(), by: 'here' }]);
      const inserted = await m.query(
        `INSERT INTO ill_requests (role, number, partner_city, status, record_id, title, item_barcode, courier_departs, expected_arrival, history)
         VALUES ('transit',$1,$2,'in-transit-home','',$3,$4,$5,$6,$7) ON CONFLICT ON CONSTRAINT ill_requests_number DO NOTHING RETURNING id`,
        [number, match.city.slug, match.title, itemBarcode, c?.departs ?? null, c?.arrives ?? null, history],
      );
      if (inserted.length) {
        if (match.ill) {
          await this.messages.send(match.city.slug, 'ill.returned-elsewhere', { borrower: match.ill.borrower, number: match.ill.number, itemBarcode, departs: c?.departs ?? null, arrives: c?.arrives ?? null });
        } else {
          await this.messages.send(match.city.slug, 'visitor-loan.returned-elsewhere', { loanId: match.visitorLoan!.loanId, itemBarcode });
        }
        await this.audit.record('ill.return-elsewhere', 'item', null, null, { itemBarcode, title: match.title, ownerCity: match.city.slug, kind: match.ill ? 'ill' : 'visitor-loan' });
      }
      const [row]: IllRow[] = await m.query(`${ILL_SQL} WHERE q.role = 'transit' AND q.partner_city = $1 AND q.number = $2`, [match.city.slug, number]);
      return { action: 'routed-home', request: await this.transitOut(row) };
    });
  }

  /** What regional IT's worker and the transit list show: copies of other cities waiting here to go home. */
  async closeTransit(id: string): Promise<IllTransitView> {
    const [r]: IllRow[] = await tenantManager().query(`${ILL_SQL} WHERE q.id = $1 AND q.role = 'transit' FOR UPDATE OF q`, [id]);
    if (!r) throw new DomainError(IllErrors.ILL_REQUEST_NOT_FOUND);
    this.assertStatus(r, ['in-transit-home']);
    await this.setStatus(r, 'back-on-shelf');
    await this.audit.record('ill.transit-handed-over', 'ill_request', r.id, { status: r.status }, { itemBarcode: r.itemBarcode, title: r.title, status: 'back-on-shelf' });
    return this.transitOut({ ...r, status: 'back-on-shelf' });
  }

  private async hereRow(): Promise<TenantRow> {
    const t = await this.registry.findBySlug(currentTenant().slug);
    if (!t) throw new DomainError('TENANT_NOT_FOUND');
    return t;
  }

  // -------------------------------------------------------------------------------------
  // Messages applied here (the receiver's transaction; the inbox key is already written)

  private async applyRequest(msg: CityMessage): Promise<void> {
    const b = msg.body as { number: string; recordId: string; title: string; patronName: string | null; note: string | null };
    const history = JSON.stringify([{ status: 'requested', at: new Date().toISOString(), by: 'partner' }]);
    await tenantManager().query(
      `INSERT INTO ill_requests (role, number, partner_city, status, record_id, title, patron_name, note, history)
       VALUES ('lender',$1,$2,'requested',$3,$4,$5,$6,$7) ON CONFLICT ON CONSTRAINT ill_requests_number DO NOTHING`,
      [b.number, msg.from, b.recordId, b.title, b.patronName, b.note, history],
    );
  }

  private async applyUpdate(msg: CityMessage<IllUpdate>): Promise<void> {
    const u = msg.body;
    const [r]: IllRow[] = await tenantManager().query(`${ILL_SQL} WHERE q.role = $1 AND q.partner_city = $2 AND q.number = $3 FOR UPDATE OF q`, [u.role, msg.from, u.number]);
    if (!r) throw new Error(`no ${u.role} request ${u.number} of ${msg.from}`);
    // a copy sent while the borrowing city cancelled: it must go home again
    if (u.status === 'in-transit' && r.status === 'cancelled') {
      await this.setStatus(r, 'returned', { item_barcode: u.itemBarcode ?? null, loan_days: u.loanDays ?? null }, 'partner');
      await this.messages.send(msg.from, 'ill.update', { role: 'lender', number: r.number, status: 'returned' });
      return;
    }
    if (u.status === 'on-loan' && r.status === 'on-loan') {
      // a renewal: the new due date
      await tenantManager().query(`UPDATE ill_requests SET due_date = $2, updated_at = now() WHERE id = $1`, [r.id, u.dueDate ?? null]);
      return;
    }
    const from = UPDATE_FROM[u.status];
    if (u.status !== 'lost' && (!from || !from.includes(r.status))) {
      // old news (e.g. the lender sent the copy before the cancellation reached it): kept in the history only
      await tenantManager().query(`UPDATE ill_requests SET history = history || $2::jsonb, updated_at = now() WHERE id = $1`, [
        r.id,
        JSON.stringify([{ status: `ignored:${u.status}`, at: new Date().toISOString(), by: 'partner' }]),
      ]);
      return;
    }
    const fields: Record<string, unknown> = {};
    if (u.itemBarcode !== undefined) fields.item_barcode = u.itemBarcode;
    if (u.reason !== undefined) fields.decline_reason = u.reason;
    if (u.loanDays !== undefined) fields.loan_days = u.loanDays;
    if (u.dueDate !== undefined) fields.due_date = u.dueDate;
    if (u.departs !== undefined) fields.courier_departs = u.departs;
    if (u.arrives !== undefined) fields.expected_arrival = u.arrives;
    if (u.returnCity !== undefined) fields.return_city = u.returnCity;
    if (u.status === 'cancelled' && r.role === 'lender') await this.releaseCopy(r);
    await this.setStatus(r, u.status, fields, 'partner');
  }

  /** At the lending city: its copy was returned at another member city and is on its way home; the borrowing city is told. */
  private async applyReturnedElsewhere(msg: CityMessage): Promise<void> {
    const b = msg.body as { borrower: string; number: string; itemBarcode: string; departs: string | null; arrives: string | null };
    const [r]: IllRow[] = await tenantManager().query(`${ILL_SQL} WHERE q.role = 'lender' AND q.partner_city = $1 AND q.number = $2 FOR UPDATE OF q`, [b.borrower, b.number]);
    if (!r) throw new Error(`no lender request ${b.number} of ${b.borrower}`);
    if (!['in-transit', 'arrived', 'on-loan', 'returned'].includes(r.status)) return;
    await this.setStatus(r, 'in-transit-home', { return_city: msg.from, courier_departs: b.departs, expected_arrival: b.arrives }, 'partner');
    await this.messages.send(b.borrower, 'ill.update', { role: 'borrower', number: b.number, status: 'in-transit-home', returnCity: msg.from, departs: b.departs, arrives: b.arrives });
  }

  /** At the lending city: a visitor's loan returned at another member city: the loan is closed, the copy travels home. */
  private async applyVisitorReturnedElsewhere(msg: CityMessage): Promise<void> {
    const b = msg.body as { loanId: string; itemBarcode: string };
    const closed = await changedRows<{ item_id: string }>(`UPDATE loans SET returned_at = now() WHERE id = $1 AND returned_at IS NULL RETURNING item_id`, [b.loanId]);
    if (closed.length) await tenantManager().query(`UPDATE items SET status = 'in-transit', updated_at = now() WHERE id = $1 AND status = 'on-loan'`, [closed[0].item_id]);
  }
}
