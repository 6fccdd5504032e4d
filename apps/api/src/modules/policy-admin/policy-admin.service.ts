import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { diffPolicies, explainLoanRule, parsePolicy, patronFacingPolicy } from '@shiori/policy';
import holidayJp from '@holiday-jp/holiday_jp';
import { AuditService } from '../../engine/audit/audit.service';
import { DomainError } from '../../engine/errors/domain-error';
import { PolicyAdminErrors } from './policy-admin.errors';
import { PolicyStore } from './policy.store';
import type { AddHolidaysDto, CreateBranchDto, CreateClosedDayDto, CreatePickupPointDto, ExplainDto, UpdateBranchDto, UpdatePickupPointDto } from './dto/policy-admin.dto';

const BRANCH_COLUMNS = `code, name, name_en AS "nameEn", ask_pickup_point AS "askPickupPoint", is_bookmobile AS "isBookmobile", active, sort`;
const PICKUP_COLUMNS = `code, name, name_en AS "nameEn", kind, branch_code AS "branchCode", timetable, note, active, sort`;

/** Holds still waiting for, travelling to or sitting at their pickup point. */
const ACTIVE_HOLD = `status IN ('waiting','in-transit','ready')`;

/** PATCH field → column; `json` columns get their value as JSON text. */
const BRANCH_FIELDS = { name: 'name', nameEn: 'name_en', askPickupPoint: 'ask_pickup_point', isBookmobile: 'is_bookmobile', active: 'active', sort: 'sort' } as const;
const PICKUP_FIELDS = { name: 'name', nameEn: 'name_en', kind: 'kind', branchCode: 'branch_code', timetable: 'timetable', note: 'note', active: 'active', sort: 'sort' } as const;

/**
 * A pickup point's note as the `note` column stores it (JSON text, or NULL): trimmed, a blank
 * English text left out (the OPAC then shows the Japanese).
 */
function noteJson(note: { ja: string; en?: string | null } | null | undefined): string | null {
  if (!note) return null;
  const ja = note.ja.trim();
  const en = note.en?.trim();
  return JSON.stringify(en ? { ja, en } : { ja });
}

/** The rows an UPDATE or DELETE … RETURNING gave back (TypeORM answers those with `[rows, rowCount]`). */
async function changedRows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const res = await tenantManager().query(sql, params);
  return Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number' ? res[0] : res;
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === '23505';
}

/**
 * `SET a = $2, b = $3 …` for the fields the body gives (`$1` is the key). Text is trimmed;
 * an empty English name is stored as NULL. Refuses a body that changes nothing.
 */
function assignments(body: object, fields: Record<string, string>): { set: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [field, column] of Object.entries(fields)) {
    let v = (body as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (typeof v === 'string') v = v.trim();
    if (field === 'nameEn' && (v === '' || v === null)) v = null;
    if (field === 'timetable') v = JSON.stringify(v);
    if (field === 'note') v = noteJson(v as { ja: string; en?: string | null } | null);
    values.push(v);
    parts.push(`${column} = $${values.length + 1}`);
  }
  if (!parts.length) {
    throw new DomainError('VALIDATION', undefined, [
      { path: '', code: 'NOTHING_TO_CHANGE', message: { ja: '変更する項目を指定してください。', en: 'Give at least one field to change.' } },
    ]);
  }
  return { set: parts.join(', '), values };
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

  /** Any column but the code; audited with the row before and after. */
  async updateBranch(code: string, b: UpdateBranchDto) {
    const m = tenantManager();
    const { set, values } = assignments(b, BRANCH_FIELDS);
    const [before] = await m.query(`SELECT ${BRANCH_COLUMNS} FROM branches WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError('NOT_FOUND');
    const [after] = await changedRows(`UPDATE branches SET ${set} WHERE code = $1 RETURNING ${BRANCH_COLUMNS}`, [code, ...values]);
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
        `INSERT INTO pickup_points (code, name, name_en, kind, branch_code, timetable, note, sort)
         VALUES ($1,$2,$3,$4,$5,$6,$7,(SELECT coalesce(max(sort),0)+1 FROM pickup_points)) RETURNING ${PICKUP_COLUMNS}`,
        [p.code, p.name, p.nameEn ?? null, p.kind, p.branchCode, JSON.stringify(p.timetable ?? []), noteJson(p.note)],
      );
      await this.audit.record('pickup-point.create', 'pickup-point', p.code, null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PolicyAdminErrors.PICKUP_POINT_EXISTS);
      throw e;
    }
  }

  /**
   * Any column but the code; audited with the row before and after. A new branch must exist,
   * and holds in transit to the point or on its shelf keep it at its branch (their copies
   * travel to, or sit at, that branch): the move is refused until they are collected.
   */
  async updatePickupPoint(code: string, p: UpdatePickupPointDto) {
    const m = tenantManager();
    const { set, values } = assignments(p, PICKUP_FIELDS);
    const [before] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError(PolicyAdminErrors.PICKUP_POINT_NOT_FOUND);
    if (p.branchCode !== undefined && p.branchCode !== before.branchCode) {
      const [branch] = await m.query(`SELECT code FROM branches WHERE code = $1`, [p.branchCode]);
      if (!branch) throw new DomainError(PolicyAdminErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM holds WHERE pickup_point_code = $1 AND status IN ('in-transit','ready')`, [code]);
      if (n > 0) {
        throw new DomainError(PolicyAdminErrors.PICKUP_POINT_BRANCH_IN_USE, `${n} hold(s) in transit or on the shelf`, undefined, {
          holds: n,
          message: {
            ja: `回送中または取置中の予約が${n}件あるため、所属する館を変更できません。受け取りが済んでから変更してください。`,
            en: `${n} ${n === 1 ? 'hold is' : 'holds are'} in transit to this pickup point or on its shelf, so its branch cannot change until they are collected.`,
          },
        });
      }
    }
    const [after] = await changedRows(`UPDATE pickup_points SET ${set} WHERE code = $1 RETURNING ${PICKUP_COLUMNS}`, [code, ...values]);
    await this.audit.record('pickup-point.update', 'pickup-point', code, before, after);
    return after;
  }

  /**
   * Deletes a pickup point, unless holds still use it: refused (409 PICKUP_POINT_IN_USE, with
   * how many) while any hold waits for, travels to or sits at it. Finished holds (collected,
   * expired, cancelled) keep naming it — holds.pickup_point_code is a foreign key, and the
   * patron's and library's history should still say where a hold was collected — so then it
   * is taken out of use (active = false) instead of deleted. Locking the row first makes a
   * hold placed at the same moment either wait for this and fail on the deleted key, or be
   * counted here.
   */
  async deletePickupPoint(code: string) {
    const m = tenantManager();
    const [before] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError(PolicyAdminErrors.PICKUP_POINT_NOT_FOUND);
    const [{ active, finished }] = await m.query(
      `SELECT count(*) FILTER (WHERE ${ACTIVE_HOLD})::int AS active, count(*) FILTER (WHERE NOT ${ACTIVE_HOLD})::int AS finished
         FROM holds WHERE pickup_point_code = $1`,
      [code],
    );
    if (active > 0) {
      throw new DomainError(PolicyAdminErrors.PICKUP_POINT_IN_USE, `${active} active hold(s) use ${code}`, undefined, {
        activeHolds: active,
        message: {
          ja: `この受取場所（${before.name}）は${active}件の予約で使われているため削除できません。受け取りか取り消しが済んでから削除するか、使用を停止してください。`,
          en: `${active} ${active === 1 ? 'hold still uses' : 'holds still use'} this pickup point (${before.nameEn || before.name}), so it cannot be deleted. Delete it once they are collected or cancelled, or take it out of use.`,
        },
      });
    }
    if (finished > 0) {
      const [after] = await changedRows(`UPDATE pickup_points SET active = false WHERE code = $1 RETURNING ${PICKUP_COLUMNS}`, [code]);
      await this.audit.record('pickup-point.deactivate', 'pickup-point', code, before, { ...after, reason: 'delete requested; finished holds name it', finishedHolds: finished });
      return { outcome: 'deactivated' as const, finishedHolds: finished, pickupPoint: after };
    }
    await changedRows(`DELETE FROM pickup_points WHERE code = $1 RETURNING code`, [code]);
    await this.audit.record('pickup-point.delete', 'pickup-point', code, before, null);
    return { outcome: 'deleted' as const, finishedHolds: 0, pickupPoint: before };
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

  /**
   * `GET /info`: city name, branches, pickup points (each with its patron note, `{ ja, en? }`
   * or null) and the patron-facing part of the policy.
   */
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
      branches: branches.map(({ active, sort, ...b }: { active: boolean; sort: number }) => b),
      pickupPoints: pickupPoints.map(({ active, sort, ...p }: { active: boolean; sort: number }) => p),
      policy: patronFacingPolicy(policy),
    };
  }
}
