import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { Branch, BranchDeletion, BranchHistory, PickupPoint, PickupPointDeletion } from '@shiori/contracts';
import { AuditService } from '../../engine/audit/audit.service';
import { activeHoldSql, allocatedHoldSql, changedRows } from '../../engine/database/sql';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';
import type { CreateBranchDto, CreatePickupPointDto, UpdateBranchDto, UpdatePickupPointDto } from './dto/places.dto';
import { PlacesErrors } from './places.errors';

export const BRANCH_COLUMNS = `code, name, name_en AS "nameEn", ask_pickup_point AS "askPickupPoint", is_bookmobile AS "isBookmobile", active, sort,
  address, phone, hours, weekly_closed::int[] AS "weeklyClosed"`;
export const PICKUP_COLUMNS = `code, name, name_en AS "nameEn", kind, branch_code AS "branchCode", timetable, note, active, sort`;
export const CLOSED_DAY_COLUMNS = `id, branch_code AS "branchCode", to_char(date,'YYYY-MM-DD') AS date, reason`;

/** The sort position after the last of a list (branches, pickup_points): read before the insert that uses it. */
async function nextSort(table: 'branches' | 'pickup_points'): Promise<number> {
  const [{ next }] = await tenantManager().query(`SELECT coalesce(max(sort), 0) + 1 AS next FROM ${table}`);
  return next;
}

/** Holds still waiting for, travelling to or sitting at their pickup point. */
const ACTIVE_HOLD = activeHoldSql();

/** The pickup points of the branch `$1`. */
const BRANCH_POINTS = `(SELECT code FROM pickup_points WHERE branch_code = $1)`;

/**
 * What still uses the branch `$1` (a delete is refused while any is not zero): its copies not
 * withdrawn, its open loans, and active holds to be collected at one of its pickup points or
 * travelling from it.
 */
const BRANCH_USE = `SELECT
    (SELECT count(*) FROM items WHERE branch_code = $1 AND status <> 'withdrawn')::int AS copies,
    (SELECT count(*) FROM loans WHERE branch_code = $1 AND returned_at IS NULL)::int AS "openLoans",
    (SELECT count(*) FROM holds WHERE ${ACTIVE_HOLD}
        AND (pickup_point_code IN ${BRANCH_POINTS} OR (status = 'in-transit' AND transit_from_branch = $1)))::int AS "activeHolds"`;

/**
 * History that names the branch `$1` (then it is taken out of use rather than deleted, so the
 * records keep pointing at it): withdrawn copies, loans made or returned there, holds at its
 * pickup points or that travelled from it, closed days before today (`$2`, they shaped the
 * due dates and hold-shelf days already given), news about it, and policy versions whose loan
 * rules name it. Closed days from today on are plans: they go with a deleted branch.
 */
const BRANCH_HISTORY = `SELECT
    (SELECT count(*) FROM items WHERE branch_code = $1 AND status = 'withdrawn')::int AS "withdrawnCopies",
    (SELECT count(*) FROM loans WHERE branch_code = $1 OR return_branch_code = $1)::int AS loans,
    (SELECT count(*) FROM holds WHERE pickup_point_code IN ${BRANCH_POINTS} OR transit_from_branch = $1)::int AS holds,
    (SELECT count(*) FROM closed_days WHERE branch_code = $1 AND date < $2::date)::int AS "pastClosedDays",
    (SELECT count(*) FROM news WHERE branch_code = $1)::int AS news,
    (SELECT count(*) FROM policy_versions
      WHERE jsonb_path_exists(policy, '$.loans.rules[*] ? (@.branchCode == $code)', jsonb_build_object('code', $1::text)))::int AS "policyVersions"`;

interface BranchUse {
  copies: number;
  openLoans: number;
  activeHolds: number;
}

/** The 409 BRANCH_IN_USE message: what still uses the branch, in Japanese and English. */
function branchInUseMessage(branch: { name: string; nameEn: string | null }, use: BranchUse, lastActiveBranch: boolean): { ja: string; en: string } {
  const name = { ja: branch.name, en: branch.nameEn || branch.name };
  const ja: string[] = [];
  const en: string[] = [];
  const uses: { ja: string; en: string }[] = [];
  if (use.copies) uses.push({ ja: `除籍されていない資料が${use.copies}点`, en: `${use.copies} ${use.copies === 1 ? 'copy' : 'copies'} not withdrawn` });
  if (use.openLoans) uses.push({ ja: `貸出中の資料が${use.openLoans}件`, en: `${use.openLoans} open ${use.openLoans === 1 ? 'loan' : 'loans'}` });
  if (use.activeHolds) {
    uses.push({ ja: `受け取り前の予約が${use.activeHolds}件`, en: `${use.activeHolds} ${use.activeHolds === 1 ? 'hold' : 'holds'} not yet collected` });
  }
  if (uses.length) {
    const list = uses.map((u) => u.en);
    const enList = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
    ja.push(
      `この館（${name.ja}）には${uses.map((u) => u.ja).join('、')}あるため削除できません。資料の移管か除籍、返却、予約の受け取りか取り消しが済んでから削除するか、使用を停止してください。`,
    );
    en.push(
      `This branch (${name.en}) still has ${enList}, so it cannot be deleted. Delete it once the copies are moved or withdrawn, the loans returned and the holds collected or cancelled, or take it out of use.`,
    );
  }
  if (lastActiveBranch) {
    ja.push(`この館（${name.ja}）は使用中の最後の館のため削除できません。先に別の館を追加するか、使用を再開してください。`);
    en.push(`This branch (${name.en}) is the last branch in use, so it cannot be deleted. Add another branch or put one back in use first.`);
  }
  return { ja: ja.join(''), en: en.join(' ') };
}

/** PATCH field → column; `json` columns get their value as JSON text. */
const BRANCH_FIELDS = {
  name: 'name',
  nameEn: 'name_en',
  askPickupPoint: 'ask_pickup_point',
  isBookmobile: 'is_bookmobile',
  active: 'active',
  sort: 'sort',
  address: 'address',
  phone: 'phone',
  hours: 'hours',
  weeklyClosed: 'weekly_closed',
} as const;
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

/** Weekdays in order, each once (0 = Sunday … 6 = Saturday). */
function weekdays(days: readonly number[] | undefined): number[] {
  return [...new Set(days ?? [])].sort((a, b) => a - b);
}

export function isUniqueViolation(e: unknown): boolean {
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
    if ((field === 'nameEn' || field === 'address' || field === 'phone') && (v === '' || v === null)) v = null;
    if (field === 'timetable') v = JSON.stringify(v);
    if (field === 'note' || field === 'hours') v = noteJson(v as { ja: string; en?: string | null } | null);
    if (field === 'weeklyClosed') v = weekdays(v as number[]);
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

/** The city's places: branches (and bookmobiles) and pickup points, created, edited, taken out of use or deleted. */
@Injectable()
export class PlacesService {
  constructor(private readonly audit: AuditService) {}

  async branches(): Promise<Branch[]> {
    return tenantManager().query(`SELECT ${BRANCH_COLUMNS} FROM branches ORDER BY sort, code`);
  }

  async createBranch(b: CreateBranchDto): Promise<Branch> {
    const m = tenantManager();
    try {
      // last in the list (read first: Citus takes no subquery inside INSERT … VALUES)
      const sort = await nextSort('branches');
      const [row] = await m.query(
        `INSERT INTO branches (code, name, name_en, ask_pickup_point, is_bookmobile, address, phone, hours, weekly_closed, sort)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${BRANCH_COLUMNS}`,
        [
          b.code,
          b.name,
          b.nameEn ?? null,
          b.askPickupPoint ?? false,
          b.isBookmobile ?? false,
          b.address?.trim() || null,
          b.phone?.trim() || null,
          noteJson(b.hours),
          weekdays(b.weeklyClosed),
          sort,
        ],
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
      if (isUniqueViolation(e)) throw new DomainError(PlacesErrors.BRANCH_EXISTS);
      throw e;
    }
  }

  /** Any column but the code; audited with the row before and after. */
  async updateBranch(code: string, b: UpdateBranchDto): Promise<Branch> {
    const m = tenantManager();
    const { set, values } = assignments(b, BRANCH_FIELDS);
    const [before] = await m.query(`SELECT ${BRANCH_COLUMNS} FROM branches WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError('NOT_FOUND');
    const [after] = await changedRows<Branch>(`UPDATE branches SET ${set} WHERE code = $1 RETURNING ${BRANCH_COLUMNS}`, [code, ...values]);
    await this.audit.record('branch.update', 'branch', code, before, after);
    return after;
  }

  async pickupPoints(): Promise<PickupPoint[]> {
    return tenantManager().query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points ORDER BY branch_code, sort, code`);
  }

  async createPickupPoint(p: CreatePickupPointDto): Promise<PickupPoint> {
    const m = tenantManager();
    const [branch] = await m.query(`SELECT code FROM branches WHERE code = $1`, [p.branchCode]);
    if (!branch) throw new DomainError(PlacesErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
    try {
      const sort = await nextSort('pickup_points');
      const [row] = await m.query(
        `INSERT INTO pickup_points (code, name, name_en, kind, branch_code, timetable, note, sort)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${PICKUP_COLUMNS}`,
        [p.code, p.name, p.nameEn ?? null, p.kind, p.branchCode, JSON.stringify(p.timetable ?? []), noteJson(p.note), sort],
      );
      await this.audit.record('pickup-point.create', 'pickup-point', p.code, null, row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(PlacesErrors.PICKUP_POINT_EXISTS);
      throw e;
    }
  }

  /**
   * Any column but the code; audited with the row before and after. A new branch must exist,
   * and holds in transit to the point or on its shelf keep it at its branch (their copies
   * travel to, or sit at, that branch): the move is refused until they are collected.
   */
  async updatePickupPoint(code: string, p: UpdatePickupPointDto): Promise<PickupPoint> {
    const m = tenantManager();
    const { set, values } = assignments(p, PICKUP_FIELDS);
    const [before] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError(PlacesErrors.PICKUP_POINT_NOT_FOUND);
    if (p.branchCode !== undefined && p.branchCode !== before.branchCode) {
      const [branch] = await m.query(`SELECT code FROM branches WHERE code = $1`, [p.branchCode]);
      if (!branch) throw new DomainError(PlacesErrors.BRANCH_NOT_FOUND, undefined, [{ path: 'branchCode', message: 'no such branch' }]);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM holds WHERE pickup_point_code = $1 AND ${allocatedHoldSql()}`, [code]);
      if (n > 0) {
        throw new DomainError(PlacesErrors.PICKUP_POINT_BRANCH_IN_USE, `${n} hold(s) in transit or on the shelf`, undefined, {
          holds: n,
          message: {
            ja: `回送中または取置中の予約が${n}件あるため、所属する館を変更できません。受け取りが済んでから変更してください。`,
            en: `${n} ${n === 1 ? 'hold is' : 'holds are'} in transit to this pickup point or on its shelf, so its branch cannot change until they are collected.`,
          },
        });
      }
    }
    const [after] = await changedRows<PickupPoint>(`UPDATE pickup_points SET ${set} WHERE code = $1 RETURNING ${PICKUP_COLUMNS}`, [code, ...values]);
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
  async deletePickupPoint(code: string): Promise<PickupPointDeletion> {
    const m = tenantManager();
    const [before] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE code = $1 FOR UPDATE`, [code]);
    if (!before) throw new DomainError(PlacesErrors.PICKUP_POINT_NOT_FOUND);
    const [{ active, finished }] = await m.query(
      `SELECT count(*) FILTER (WHERE ${ACTIVE_HOLD})::int AS active, count(*) FILTER (WHERE NOT ${ACTIVE_HOLD})::int AS finished
         FROM holds WHERE pickup_point_code = $1`,
      [code],
    );
    if (active > 0) {
      throw new DomainError(PlacesErrors.PICKUP_POINT_IN_USE, `${active} active hold(s) use ${code}`, undefined, {
        activeHolds: active,
        message: {
          ja: `この受取場所（${before.name}）は${active}件の予約で使われているため削除できません。受け取りか取り消しが済んでから削除するか、使用を停止してください。`,
          en: `${active} ${active === 1 ? 'hold still uses' : 'holds still use'} this pickup point (${before.nameEn || before.name}), so it cannot be deleted. Delete it once they are collected or cancelled, or take it out of use.`,
        },
      });
    }
    if (finished > 0) {
      const [after] = await changedRows<PickupPoint>(`UPDATE pickup_points SET active = false WHERE code = $1 RETURNING ${PICKUP_COLUMNS}`, [code]);
      await this.audit.record('pickup-point.deactivate', 'pickup-point', code, before, { ...after, reason: 'delete requested; finished holds name it', finishedHolds: finished });
      return { outcome: 'deactivated' as const, finishedHolds: finished, pickupPoint: after };
    }
    await changedRows(`DELETE FROM pickup_points WHERE code = $1 RETURNING code`, [code]);
    await this.audit.record('pickup-point.delete', 'pickup-point', code, before, null);
    return { outcome: 'deleted' as const, finishedHolds: 0, pickupPoint: before };
  }

  /**
   * Deletes a branch, unless something current still uses it: refused (409 BRANCH_IN_USE,
   * with `copies`, `openLoans`, `activeHolds` and `lastActiveBranch`) while copies not
   * withdrawn belong to it, loans made there are open, holds wait for, travel to or sit at
   * one of its pickup points (or travel from it), or it is the library's last branch in use.
   * When history names it (see BRANCH_HISTORY; items, loans, holds and closed days refer to
   * it by foreign key) it is taken out of use with its pickup points instead (`outcome:
   * 'deactivated'`); otherwise its closed days, its pickup points and the branch are deleted
   * (`outcome: 'deleted'`). Every row changed is audited.
   *
   * The branch and every branch in use are locked first, in code order (two deletes cannot
   * both leave the other as the last branch in use, nor deadlock), then its pickup points: a
   * copy, loan, pickup point or hold added at the same moment either waits for this and fails
   * on the deleted key, or is counted here.
   */
  async deleteBranch(code: string): Promise<BranchDeletion> {
    const m = tenantManager();
    const locked: Branch[] = await m.query(`SELECT ${BRANCH_COLUMNS} FROM branches WHERE code = $1 OR active ORDER BY code FOR UPDATE`, [code]);
    const before = locked.find((b) => b.code === code);
    // an unknown code in the path: 404 NOT_FOUND, as PATCH branches/:code answers
    if (!before) throw new DomainError('NOT_FOUND');
    const points: PickupPoint[] = await m.query(`SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE branch_code = $1 ORDER BY code FOR UPDATE`, [code]);
    const [use]: BranchUse[] = await m.query(BRANCH_USE, [code]);
    const lastActiveBranch = before.active && !locked.some((b) => b.code !== code && b.active);
    if (use.copies > 0 || use.openLoans > 0 || use.activeHolds > 0 || lastActiveBranch) {
      throw new DomainError(
        PlacesErrors.BRANCH_IN_USE,
        `${code}: ${use.copies} copies, ${use.openLoans} open loans, ${use.activeHolds} active holds${lastActiveBranch ? ', last branch in use' : ''}`,
        undefined,
        { copies: use.copies, openLoans: use.openLoans, activeHolds: use.activeHolds, lastActiveBranch, message: branchInUseMessage(before, use, lastActiveBranch) },
      );
    }
    const [history]: BranchHistory[] = await m.query(BRANCH_HISTORY, [code, tokyoDate()]);
    if (Object.values(history).some((n) => n > 0)) {
      const [after] = await changedRows<Branch>(`UPDATE branches SET active = false WHERE code = $1 RETURNING ${BRANCH_COLUMNS}`, [code]);
      const updated = await changedRows<PickupPoint>(`UPDATE pickup_points SET active = false WHERE branch_code = $1 RETURNING ${PICKUP_COLUMNS}`, [code]);
      // in the order they were locked (by code), as the deleted ones are listed
      const pointsAfter = points.map((p) => updated.find((x) => x.code === p.code) ?? { ...p, active: false });
      for (const [i, p] of points.entries()) {
        if (!p.active) continue; // already out of use: nothing changed
        await this.audit.record('pickup-point.deactivate', 'pickup-point', String(p.code), p, { ...pointsAfter[i], reason: `branch ${code}: delete requested; history names it` });
      }
      await this.audit.record('branch.deactivate', 'branch', code, before, { ...after, reason: 'delete requested; history names it', history });
      return { outcome: 'deactivated' as const, history, branch: after, pickupPoints: pointsAfter };
    }
    const closedDays = await m.query(`SELECT ${CLOSED_DAY_COLUMNS} FROM closed_days WHERE branch_code = $1 ORDER BY id FOR UPDATE`, [code]);
    await changedRows(`DELETE FROM closed_days WHERE branch_code = $1 RETURNING id`, [code]);
    for (const d of closedDays) await this.audit.record('closed-day.delete', 'closed-day', String(d.id), d, null);
    await changedRows(`DELETE FROM pickup_points WHERE branch_code = $1 RETURNING code`, [code]);
    for (const p of points) await this.audit.record('pickup-point.delete', 'pickup-point', String(p.code), p, null);
    await changedRows(`DELETE FROM branches WHERE code = $1 RETURNING code`, [code]);
    await this.audit.record('branch.delete', 'branch', code, before, null);
    return { outcome: 'deleted' as const, history, branch: before, pickupPoints: points };
  }
}
