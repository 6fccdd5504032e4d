import type { HoldStatus } from '@shiori/policy';

/** `GET /admin/statistics?months=`: how many months back the charts go (the API refuses others: 400 VALIDATION). */
export const STATISTICS_MONTHS = { min: 1, max: 60, default: 12 } as const;

/** `GET /admin/audit`: its paging and the lengths of its filters, as the API checks them. */
export const AUDIT_LIMITS = { maxPage: 10000, maxSize: 200, defaultSize: 50, action: 60, entity: 40, entityId: 100 } as const;

/** `GET /admin/statistics`: the query. */
export interface StatisticsQuery {
  /** 1–60, default 12 (`STATISTICS_MONTHS`). */
  months?: number;
}

/** What the library holds and lends now. */
export interface StatisticsTotals {
  patrons: number;
  records: number;
  items: number;
  openLoans: number;
  activeHolds: number;
}

/** A month of a chart (`YYYY-MM`) and its count; every month of the window is there, zero where nothing happened. */
export interface MonthCount {
  month: string;
  value: number;
}

/** Loans of the window at one branch (every branch, in the branches' order). */
export interface BranchLoans {
  branchCode: string;
  name: string;
  loans: number;
}

/** Holds in one status (every hold, whenever placed). */
export interface HoldStatusCount {
  status: HoldStatus;
  holds: number;
}

/** `GET /admin/statistics` (統計): loans per month and per branch, holds by status, new patrons per month, over the last `months` months. */
export interface Statistics {
  months: number;
  totals: StatisticsTotals;
  loansPerMonth: MonthCount[];
  loansPerBranch: BranchLoans[];
  holdsByStatus: HoldStatusCount[];
  newPatronsPerMonth: MonthCount[];
}

/** `GET /admin/audit`: newest first; filter by action prefix, entity and entity id. */
export interface AuditQuery {
  /** From 1, default 1. */
  page?: number;
  /** 1–200, default 50. */
  size?: number;
  /** The start of an action name (`loan.`). */
  action?: string;
  entity?: string;
  entityId?: string;
}

/** One staff write (操作履歴): who, what, on which entity, the state before and after. */
export interface AuditEntry {
  /** A bigint, as text. */
  id: string;
  at: string;
  /** `staff`, `platform`, `patron`, `system` … */
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** The entity before the write (null for a creation): any JSON. */
  before: unknown;
  /** The entity after the write (null for a deletion): any JSON. */
  after: unknown;
}

/** `GET /admin/audit`: one page of the audit log. */
export interface AuditPage {
  total: number;
  page: number;
  size: number;
  items: AuditEntry[];
}

/** `GET /api/platform/audit` (regional IT): newest first; filter by action prefix, actor and days (Japan). */
export interface PlatformAuditQuery {
  /** From 1, default 1. */
  page?: number;
  /** Default 50. */
  size?: number;
  /** Starts with, e.g. `staff` or `tenant.suspend`. */
  action?: string;
  /** A staff user name (any case), or an actor kind: `cli`, `system`, `platform-admin`. */
  actor?: string;
  /** `YYYY-MM-DD` (from the start of that day in Japan) or an instant with offset, inclusive. */
  from?: string;
  /** `YYYY-MM-DD` (to the end of that day in Japan) or an instant with offset, exclusive. */
  to?: string;
}

/**
 * A write on the platform's tables (staff accounts, cities): an audit entry (actorKind
 * `platform-admin`, `cli` (actorId the OS user) or `system`) with the city it concerns.
 */
export interface PlatformAuditEntry extends AuditEntry {
  tenantId: string | null;
  tenantSlug: string | null;
  tenantName: string | null;
  /** The staff account's user name when the entry is about one (it may have changed since). */
  staffUsername: string | null;
}

/** `GET /api/platform/audit`. */
export interface PlatformAuditPage extends Omit<AuditPage, 'items'> {
  items: PlatformAuditEntry[];
}
