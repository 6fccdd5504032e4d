import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { diffPolicies, explainLoanRule, parsePolicy, patronFacingPolicy } from '@shiori/policy';
import holidayJp from '@holiday-jp/holiday_jp';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import { PolicyAdminErrors } from './policy-admin.errors';
import { PolicyStore } from './policy.store';
import type { AddHolidaysDto, CreateBranchDto, CreateClosedDayDto, CreatePickupPointDto, ExplainDto, UpdateBranchDto, UpdatePickupPointDto } from './dto/policy-admin.dto';

const BRANCH_COLUMNS = `code, name, name_en AS "nameEn", ask_pickup_point AS "askPickupPoint", is_bookmobile AS "isBookmobile", active`;
const PICKUP_COLUMNS = `code, name, name_en AS "nameEn", kind, branch_code AS "branchCode", timetable, active`;

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === '23505';
}

/** Librarians' side of the rules: policy versions, branches, pickup points, closed days; and the public /info. */
@Injectable()
export class PolicyAdminService {
  constructor(private readonly store: PolicyStore, private readonly audit: AuditService) {}

  async getPolicy() {
    const v = await this.store.current();
    return { version: v.version, changedBy: v.changedBy, changedAt: v.changedAt, ...v.policy };
  }

  /** Saves a whole policy as a new version; an invalid one is refused with field errors and changes nothing. */
  async putPolicy(body: unknown) {
    const input = { ...(body as Record<string, unknown>) };
    delete input.version;
    delete input.changedBy;
    delete input.changedAt;
    const parsed = parsePolicy(input);
    if (!parsed.ok) {
      throw new DomainError(
        PolicyAdminErrors.POLICY_INVALID,
        undefined,
        parsed.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      );
    }
    const current = await this.store.current();
    const version = current.version + 1;
    const by = this.audit.actorName();
    await tenantManager().query(`INSERT INTO policy_versions (version, policy, changed_by) VALUES ($1,$2,$3)`, [
      version,
      JSON.stringify(parsed.policy),
      by,
    ]);
    await this.audit.record('policy.update', 'policy', String(version), current.policy, parsed.policy);
    return { version, changedBy: by, ...parsed.policy };
  }

  async versions() {
    return tenantManager().query(
      `SELECT version, changed_by AS "changedBy", changed_at AS "changedAt", note FROM policy_versions ORDER BY version DESC`,
    );
  }

  async diff(from: number, to: number) {
    const a = await this.store.version(from);
    const b = await this.store.version(to);
    if (!a || !b) throw new DomainError(PolicyAdminErrors.POLICY_VERSION_NOT_FOUND);
    return { from, to, changes: diffPolicies(a.policy, b.policy) };
  }

  /** Restores an old version's content as a new version (history is never rewritten). */
  async revert(version: number) {
    const v = await this.store.version(version);
    if (!v) throw new DomainError(PolicyAdminErrors.POLICY_VERSION_NOT_FOUND);
    return this.putPolicy(v.policy);
  }

  async explain(q: ExplainDto) {
    const { policy, version } = await this.store.current();
    return {
      version,
      ...explainLoanRule(policy, {
        patronCategory: q.patronCategory,
        materialType: q.materialType,
        branchCode: q.branchCode,
      }),
    };
  }

  async codes() {
    const rows: { key: string; value: unknown }[] = await tenantManager().query(
      `SELECT key, value FROM settings WHERE key IN ('categories', 'materialTypes')`,
    );
    const get = (k: string) => (rows.find((r) => r.key === k)?.value as { code: string; name: unknown }[] | undefined) ?? [];
    return { categories: get('categories'), materialTypes: get('materialTypes') };
  }

  // --- branches and pickup points -------------------------------------------------------

  async branches() {
    return tenantManager().query(`SELECT ${BRANCH_COLUMNS} FROM branches ORDER BY sort, code`);
  }

  async createBranch(b: CreateBranchDto) {
    const m = tenantManager();
    try {
      const [row] = await m.query(
        `INSERT INTO branches (code, name, name_en, ask_pickup_point, is_bookmobile, sort)
         VALUES ($1,$2,$3,$4,$5,(SELECT coalesce(max(sort),0)+1 FROM branches)) RETURNING ${BRANCH_COLUMNS}`,
        [b.code, b.name, b.nameEn ?? null, b.askPickupPoint ?? false, b.isBookmobile ?? false],
      );
      // every branch can be a pickup library: give it its counter
      await m.query(`INSERT INTO pickup_points (code, name, kind, branch_code) VALUES ($1,$2,'counter',$3) ON CONFLICT DO NOTHING`, [
        `${b.code}-counter`,
        `${b.name} 窓口`,
        b.code,
      ]);
      await this.audit.record('branch.create', 'branch', b.code, null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PolicyAdminErrors.BRANCH_EXISTS);
      throw e;
    }
  }

  async updateBranch(code: string, b: UpdateBranchDto) {
    const m = tenantManager();
    const [before] = await m.query(`SELECT ${BRANCH_COLUMNS} FROM branches WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError('NOT_FOUND');
    const res = await m.query(
      `UPDATE branches SET name = coalesce($2, name), name_en = coalesce($3, name_en),
         ask_pickup_point = coalesce($4, ask_pickup_point), active = coalesce($5, active)
       WHERE code = $1 RETURNING ${BRANCH_COLUMNS}`,
      [code, b.name ?? null, b.nameEn ?? null, b.askPickupPoint ?? null, b.active ?? null],
    );
    const after = res[0][0];
    await this.audit.record('branch.update', 'branch', code, before, after);
    return after;
  }

  async pickupPoints() {
    return tenantManager().query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points ORDER BY branch_code, sort, code`);
  }

  async createPickupPoint(p: CreatePickupPointDto) {
    const m = tenantManager();
    const [branch] = await m.query(`SELECT code FROM branches WHERE code = $1`, [p.branchCode]);
    if (!branch) throw new DomainError(PolicyAdminErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
    try {
      const [row] = await m.query(
        `INSERT INTO pickup_points (code, name, name_en, kind, branch_code, timetable, sort)
         VALUES ($1,$2,$3,$4,$5,$6,(SELECT coalesce(max(sort),0)+1 FROM pickup_points)) RETURNING ${PICKUP_COLUMNS}`,
        [p.code, p.name, p.nameEn ?? null, p.kind, p.branchCode, JSON.stringify(p.timetable ?? [])],
      );
      await this.audit.record('pickup-point.create', 'pickup-point', p.code, null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PolicyAdminErrors.PICKUP_POINT_EXISTS);
      throw e;
    }
  }

  async updatePickupPoint(code: string, p: UpdatePickupPointDto) {
    const m = tenantManager();
    const [before] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError(PolicyAdminErrors.PICKUP_POINT_NOT_FOUND);
    const res = await m.query(
      `UPDATE pickup_points SET name = coalesce($2, name), timetable = coalesce($3, timetable), active = coalesce($4, active)
       WHERE code = $1 RETURNING ${PICKUP_COLUMNS}`,
      [code, p.name ?? null, p.timetable ? JSON.stringify(p.timetable) : null, p.active ?? null],
    );
    await this.audit.record('pickup-point.update', 'pickup-point', code, before, res[0][0]);
    return res[0][0];
  }

  // --- closed days ------------------------------------------------------------------------

  async closedDays(from?: string, to?: string) {
    return tenantManager().query(
      `SELECT id, branch_code AS "branchCode", to_char(date,'YYYY-MM-DD') AS date, reason FROM closed_days
        WHERE ($1::date IS NULL OR date >= $1::date) AND ($2::date IS NULL OR date <= $2::date) ORDER BY date, branch_code NULLS FIRST`,
      [from ?? null, to ?? null],
    );
  }

  async addClosedDay(d: CreateClosedDayDto) {
    const m = tenantManager();
    if (d.branchCode) {
      const [b] = await m.query(`SELECT code FROM branches WHERE code = $1`, [d.branchCode]);
      if (!b) throw new DomainError(PolicyAdminErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
    }
    if (Number.isNaN(Date.parse(`${d.date}T00:00:00Z`))) throw new DomainError('VALIDATION', undefined, [{ path: 'date', message: 'not a date' }]);
    try {
      const [row] = await m.query(
        `INSERT INTO closed_days (branch_code, date, reason) VALUES ($1,$2,$3)
         RETURNING id, branch_code AS "branchCode", to_char(date,'YYYY-MM-DD') AS date, reason`,
        [d.branchCode ?? null, d.date, d.reason ?? null],
      );
      await this.audit.record('closed-day.create', 'closed-day', String(row.id), null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PolicyAdminErrors.CLOSED_DAY_EXISTS);
      throw e;
    }
  }

  async removeClosedDay(id: number) {
    const m = tenantManager();
    const res = await m.query(`DELETE FROM closed_days WHERE id = $1 RETURNING id, branch_code AS "branchCode", to_char(date,'YYYY-MM-DD') AS date`, [id]);
    const row = res[0][0];
    if (!row) throw new DomainError('NOT_FOUND');
    await this.audit.record('closed-day.delete', 'closed-day', String(id), row, null);
  }

  /** Japanese national holidays of a year as closed days (opt-in, one click in the admin calendar). */
  async addHolidays(d: AddHolidaysDto) {
    const m = tenantManager();
    const holidays = holidayJp.between(new Date(Date.UTC(d.year, 0, 1)), new Date(Date.UTC(d.year, 11, 31)));
    let added = 0;
    for (const h of holidays) {
      const date = `${h.date.getFullYear()}-${String(h.date.getMonth() + 1).padStart(2, '0')}-${String(h.date.getDate()).padStart(2, '0')}`;
      const res = await m.query(
        `INSERT INTO closed_days (branch_code, date, reason) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING id`,
        [d.branchCode ?? null, date, h.name],
      );
      added += res.length;
    }
    await this.audit.record('closed-day.holidays', 'closed-day', String(d.year), null, { year: d.year, added });
    return { year: d.year, holidays: holidays.length, added };
  }

  // --- public ------------------------------------------------------------------------------

  /** `GET /info`: city name, branches, pickup points and the patron-facing part of the policy. */
  async info(slug: string, fallbackName: string) {
    const m = tenantManager();
    // one connection per transaction: queries run one after another
    const { policy } = await this.store.current();
    const branches = await m.query(`SELECT ${BRANCH_COLUMNS} FROM branches WHERE active ORDER BY sort, code`);
    const pickupPoints = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE active ORDER BY branch_code, sort, code`);
    const settings = await m.query(`SELECT value FROM settings WHERE key = 'city'`);
    const city = settings[0]?.value ?? {};
    return {
      slug,
      name: city.name ?? fallbackName,
      theme: city.theme ?? null,
      branches: branches.map(({ active, ...b }: { active: boolean }) => b),
      pickupPoints: pickupPoints.map(({ active, ...p }: { active: boolean }) => p),
      policy: patronFacingPolicy(policy),
    };
  }
}
