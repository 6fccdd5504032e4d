import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import {
  AgreementTerms,
  agreementPresetTerms,
  AGREEMENT_PRESETS,
  diffAgreementTerms,
  explainAgreement,
  parseAgreementTerms,
} from '@shiori/policy';
import type { AgreementExplainResult, AgreementPresetView } from '@shiori/contracts';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';
import { TenantRegistry, TenantRow } from '../../engine/tenancy/tenant-registry.service';
import { PlatformAuditService } from '../platform';
import { PolicyStore } from '../policy';
import { AgreementErrors } from './agreements.errors';
import { RegionsService } from '../region';
import { AGREEMENT_SQL, AgreementRow, AgreementsStore, AgreementView, termsOf } from './agreements.store';
import type { CreateAgreementDto, ExplainAgreementDto, UpdateAgreementDto } from './dto/agreements.dto';

/**
 * Agreements for regional IT: create, change (each change a new version), list, versions
 * with before/after, and the explain tester. Platform tables through the pool, each write in
 * one transaction with its platform audit entry.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly audit: PlatformAuditService,
    private readonly tenantAudit: AuditService,
    private readonly store: AgreementsStore,
    private readonly policies: PolicyStore,
    private readonly regions: RegionsService,
  ) {}

  presets(): AgreementPresetView[] {
    return Object.values(AGREEMENT_PRESETS);
  }

  async list(): Promise<AgreementView[]> {
    const rows: AgreementRow[] = await this.ds.query(`${AGREEMENT_SQL} ORDER BY a.host_region NULLS FIRST, o.slug, h.slug`);
    return this.store.views(this.ds, rows);
  }

  async get(id: string): Promise<AgreementView> {
    const [row]: AgreementRow[] = await this.ds.query(`${AGREEMENT_SQL} WHERE a.id = $1`, [id]);
    if (!row) throw new DomainError(AgreementErrors.AGREEMENT_NOT_FOUND);
    return (await this.store.views(this.ds, [row]))[0];
  }

  /** Every version, newest first, each with what changed from the one before. */
  async versions(id: string) {
    await this.get(id);
    const rows: { version: number; terms: unknown; changedBy: string; changedAt: string }[] = await this.ds.query(
      `SELECT version, terms, changed_by AS "changedBy", changed_at AS "changedAt" FROM platform.agreement_versions WHERE agreement_id = $1 ORDER BY version`,
      [id],
    );
    return rows
      .map((r, i) => ({ version: r.version, changedBy: r.changedBy, changedAt: r.changedAt, terms: termsOf(r.terms), changes: i === 0 ? [] : diffAgreementTerms(termsOf(rows[i - 1].terms), termsOf(r.terms)) }))
      .reverse();
  }

  async create(dto: CreateAgreementDto): Promise<AgreementView[]> {
    if ((dto.hostCity === undefined) === (dto.hostRegion === undefined)) {
      throw new DomainError(AgreementErrors.AGREEMENT_HOST_REQUIRED, undefined, [{ path: 'hostCity', code: 'AGREEMENT_HOST_REQUIRED', message: { ja: '貸出する市か地域のどちらか一方を指定してください。', en: 'Give either hostCity or hostRegion.' } }]);
    }
    const home = await this.city(dto.homeCity, 'homeCity');
    if (dto.hostRegion !== undefined) return this.createRegional(dto, home, dto.hostRegion);
    const host = await this.city(dto.hostCity!, 'hostCity');
    if (home.id === host.id) throw new DomainError(AgreementErrors.AGREEMENT_SAME_CITY, undefined, [{ path: 'hostCity', code: 'AGREEMENT_SAME_CITY', message: 'home and host are the same city' }]);
    const terms = this.termsFrom(dto.preset, dto.terms);
    const pairs: [TenantRow, TenantRow][] = dto.reciprocal ? [[home, host], [host, home]] : [[home, host]];
    const ids = await this.ds
      .transaction(async (m) => {
        const out: string[] = [];
        for (const [a, b] of pairs) out.push(await this.insert(m, a, b, terms, dto.preset ?? null));
        return out;
      })
      .catch((e: unknown) => {
        // the same pair created at the same moment by another request
        if ((e as { code?: string }).code === '23505') throw new DomainError(AgreementErrors.AGREEMENT_EXISTS);
        throw e;
      });
    return Promise.all(ids.map((id) => this.get(id)));
  }

  /** Residents of `home` (or, reciprocal, of every member) at every other member of the region. */
  private async createRegional(dto: CreateAgreementDto, home: TenantRow, code: string): Promise<AgreementView[]> {
    const region = await this.regions.withCities(code).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'REGION_NOT_FOUND') {
        throw new DomainError(AgreementErrors.AGREEMENT_UNKNOWN_REGION, undefined, [{ path: 'hostRegion', code: 'AGREEMENT_UNKNOWN_REGION', message: { ja: '指定された地域はありません。', en: 'No such region.' } }]);
      }
      throw e;
    });
    if (!region.cities.some((c) => c.id === home.id)) {
      throw new DomainError(AgreementErrors.AGREEMENT_HOME_NOT_IN_REGION, undefined, [{ path: 'homeCity', code: 'AGREEMENT_HOME_NOT_IN_REGION', message: { ja: '住んでいる市がその地域に含まれていません。', en: 'The home city is not a member of that region.' } }]);
    }
    const terms = this.termsFrom(dto.preset, dto.terms);
    const homes = dto.reciprocal ? [home, ...region.cities.filter((c) => c.id !== home.id)] : [home];
    const ids = await this.ds
      .transaction(async (m) => {
        const out: string[] = [];
        for (const h of homes) out.push(await this.insertRegional(m, h, region.code, terms, dto.preset ?? null));
        return out;
      })
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505') throw new DomainError(AgreementErrors.AGREEMENT_EXISTS);
        throw e;
      });
    return Promise.all(ids.map((id) => this.get(id)));
  }

  async update(id: string, dto: UpdateAgreementDto): Promise<AgreementView> {
    if (dto.preset === undefined && dto.terms === undefined) {
      throw new DomainError('VALIDATION', undefined, [{ path: 'terms', code: 'NOTHING_TO_CHANGE', message: { ja: '新しい協定の内容（terms または preset）を指定してください。', en: 'Give the new terms (terms or preset).' } }]);
    }
    const terms = this.termsFrom(dto.preset, dto.terms);
    await this.ds.transaction(async (m) => {
      const [before] = await m.query(
        `SELECT version, terms, host_tenant_id AS "hostTenantId", home_tenant_id AS "homeTenantId" FROM platform.agreements WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!before) throw new DomainError(AgreementErrors.AGREEMENT_NOT_FOUND);
      const version = before.version + 1;
      const at = new Date().toISOString();
      await m.query(`UPDATE platform.agreements SET version = $2, terms = $3, preset = $4, updated_at = $5 WHERE id = $1`, [id, version, JSON.stringify(terms), dto.preset ?? null, at]);
      await m.query(`INSERT INTO platform.agreement_versions (agreement_id, version, terms, changed_by, changed_at) VALUES ($1,$2,$3,$4,$5)`, [id, version, JSON.stringify(terms), this.tenantAudit.actorName(), at]);
      await this.audit.record(m, { action: 'agreement.update', entity: 'agreement', entityId: id, tenantId: before.hostTenantId ?? before.homeTenantId, before: termsOf(before.terms), after: terms });
    });
    return this.get(id);
  }

  /** The tester: what the agreement (or a draft of its terms) decides in a situation at the host's desk, and why. */
  async explain(dto: ExplainAgreementDto): Promise<AgreementExplainResult> {
    const home = await this.city(dto.homeCity, 'homeCity');
    const host = await this.city(dto.hostCity, 'hostCity');
    let terms: AgreementTerms | null;
    let agreementId: string | null = null;
    if (dto.terms) terms = this.termsFrom(undefined, dto.terms);
    else {
      const row = await this.store.pair(this.ds, home.id, host.id);
      terms = row ? termsOf(row.terms) : null;
      agreementId = row?.id ?? null;
    }
    const { policy } = await runInTenant(this.ds, host, () => this.policies.current());
    const today = dto.today ?? tokyoDate();
    return {
      agreementId,
      homeCity: { slug: home.slug, name: home.name },
      hostCity: { slug: host.slug, name: host.name },
      ...explainAgreement(terms, policy, { kind: dto.situation, currentLoans: dto.currentLoans, renewals: dto.renewals, today }),
    };
  }

  private async insertRegional(m: EntityManager, home: TenantRow, region: string, terms: AgreementTerms, preset: string | null): Promise<string> {
    const exists = await this.store.ofRegion(m, home.id, region);
    if (exists) throw new DomainError(AgreementErrors.AGREEMENT_EXISTS, undefined, undefined, { agreementId: exists.id });
    const at = new Date().toISOString();
    const [{ id }] = await m.query(
      `INSERT INTO platform.agreements (home_tenant_id, host_region, version, terms, preset, created_at, updated_at) VALUES ($1,$2,1,$3,$4,$5,$5) RETURNING id`,
      [home.id, region, JSON.stringify(terms), preset, at],
    );
    await m.query(`INSERT INTO platform.agreement_versions (agreement_id, version, terms, changed_by, changed_at) VALUES ($1,1,$2,$3,$4)`, [id, JSON.stringify(terms), this.tenantAudit.actorName(), at]);
    await this.audit.record(m, { action: 'agreement.create', entity: 'agreement', entityId: id, tenantId: home.id, after: { homeCity: home.slug, hostRegion: region, terms } });
    return id;
  }

  private async insert(m: EntityManager, home: TenantRow, host: TenantRow, terms: AgreementTerms, preset: string | null): Promise<string> {
    const exists = await this.store.ownPair(m, home.id, host.id);
    if (exists) throw new DomainError(AgreementErrors.AGREEMENT_EXISTS, undefined, undefined, { agreementId: exists.id });
    const at = new Date().toISOString();
    const [{ id }] = await m.query(
      `INSERT INTO platform.agreements (home_tenant_id, host_tenant_id, version, terms, preset, created_at, updated_at) VALUES ($1,$2,1,$3,$4,$5,$5) RETURNING id`,
      [home.id, host.id, JSON.stringify(terms), preset, at],
    );
    await m.query(`INSERT INTO platform.agreement_versions (agreement_id, version, terms, changed_by, changed_at) VALUES ($1,1,$2,$3,$4)`, [id, JSON.stringify(terms), this.tenantAudit.actorName(), at]);
    await this.audit.record(m, { action: 'agreement.create', entity: 'agreement', entityId: id, tenantId: host.id, after: { homeCity: home.slug, hostCity: host.slug, terms } });
    return id;
  }

  /** A preset's terms, overridden section by section by given terms; validated as a whole by the one schema. */
  private termsFrom(preset: string | undefined, given: Record<string, unknown> | undefined): AgreementTerms {
    const base: Record<string, unknown> | undefined = preset ? agreementPresetTerms(preset) : {};
    if (!base) throw new DomainError(AgreementErrors.AGREEMENT_UNKNOWN_PRESET);
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    const merged: Record<string, unknown> = { ...base, ...given };
    if (isObject(base.loans) && isObject(given?.loans)) merged.loans = { ...base.loans, ...given.loans };
    if (isObject(base.ill) && isObject(given?.ill)) merged.ill = { ...base.ill, ...given.ill };
    const parsed = parseAgreementTerms(merged);
    if (!parsed.ok) {
      throw new DomainError(AgreementErrors.AGREEMENT_INVALID, undefined, parsed.errors.map((e) => ({ path: `terms.${e.path}`, code: e.code, message: e.message })));
    }
    return parsed.terms;
  }

  private async city(slug: string, path: string): Promise<TenantRow> {
    const t = await this.registry.findBySlug(slug);
    if (!t) throw new DomainError(AgreementErrors.AGREEMENT_UNKNOWN_CITY, undefined, [{ path, code: 'AGREEMENT_UNKNOWN_CITY', message: { ja: '指定された市はありません。', en: 'No such city.' } }]);
    return t;
  }
}
