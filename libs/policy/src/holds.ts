import { addOpenDays, ClosedDays, nextOpenDay } from './calendar';
import { Codes, MESSAGES, NotReservableReason, NotReservableReasons } from './codes';
import { addDays, compareDates } from './dates';
import { Localized, t } from './i18n';
import { ContactMethod, HoldStatus, Policy } from './schema';

/**
 * Active holds: the hold still wants a copy or has one (in the queue, on its way to the pickup
 * point, on the hold shelf). What counts toward a limit, what a patron's holds page lists
 * first, what the API counts and updates: every tier takes it from here.
 */
export const ACTIVE_HOLD_STATUSES: readonly HoldStatus[] = ['waiting', 'in-transit', 'ready'];

/**
 * How the patron is told a hold is ready, when they (or the librarian) have not chosen: e-mail
 * if the city offers it and the patron has an address, else the city's first other method
 * (e-mail again only when it is all the city offers). The API's placement, the admin's
 * place-hold page and the OPAC's cart all start from it.
 */
export function defaultHoldContact<M extends string = ContactMethod>(methods: readonly M[], hasEmail: boolean): M {
  const email = methods.find((m) => m === 'email');
  if (email !== undefined && hasEmail) return email;
  return methods.find((m) => m !== 'email') ?? methods[0];
}

/** Holds that have a copy allocated to them: on its way to the pickup point, or on the hold shelf. */
export const ALLOCATED_HOLD_STATUSES: readonly HoldStatus[] = ['in-transit', 'ready'];

export function isActiveHold(status: string): boolean {
  return (ACTIVE_HOLD_STATUSES as readonly string[]).includes(status);
}

/**
 * A copy's circulation state as the catalogue shows it. Kushiro's record detail words them
 * 貸出可 / 貸出中 / 予約中 (seeds/001_…txt:61-64).
 */
export const COPY_STATUSES = ['on-shelf', 'on-loan', 'reserved', 'in-transit', 'missing'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

export const COPY_STATUS_LABELS: Record<CopyStatus, Localized> = {
  'on-shelf': t('貸出可', 'On shelf'),
  'on-loan': t('貸出中', 'On loan'),
  reserved: t('予約中', 'Reserved'),
  'in-transit': t('回送中', 'In transit'),
  missing: t('不明', 'Missing'),
};

/** 帯出可 (loanable) / 禁帯出 (not for loan), seeds/001_…txt:57-59. */
export function loanCategoryLabel(loanable: boolean): Localized {
  return loanable ? t('帯出可', 'Loanable') : t('禁帯出', 'Not for loan');
}

export interface HoldCopy {
  loanable: boolean;
  status: CopyStatus;
  /** false for a copy held by another library system; absent means owned. */
  owned?: boolean;
}

/** 'web' covers the OPAC on a PC, phone or kiosk; 'counter' is staff placing a request. */
export type HoldChannel = 'web' | 'counter';

export type ReservableResult =
  | { ok: true }
  | { ok: false; code: typeof Codes.NOT_RESERVABLE; reason: NotReservableReason; message: Localized };

const NOT_RESERVABLE_MESSAGES: Record<NotReservableReason, Localized> = {
  NO_LOANABLE_COPY: t(
    '貸出できない資料（禁帯出・館内閲覧のみなど）は予約できません。',
    'Items that cannot be borrowed (reference only) cannot be reserved.',
  ),
  NOT_OWNED: t(
    '市内の図書館で所蔵していない資料は、図書館のカウンターでリクエストしてください。',
    'Items not owned by the city libraries can be requested at the library counter.',
  ),
  ON_SHELF: t(
    'この資料は書架にあります。ウェブで予約できるのは貸出中など書架にない資料のみです。来館してお借りください。',
    'A copy is on the shelf. Only items not on the shelf can be reserved online; please borrow it at the library.',
  ),
};

/**
 * Whether a record may be reserved, from its copies: the record page uses it to show or
 * hide the hold button (no button on 禁帯出 records, seeds/001_…txt:51), and hold placement
 * repeats it. Staff at the counter are not bound by the web-only restrictions (owned copies
 * only, on-loan only): those guides send other requests to the counter.
 */
export function reservableForDisplay(policy: Policy, copies: readonly HoldCopy[], channel: HoldChannel = 'web'): ReservableResult {
  const h = policy.holds;
  const fail = (reason: NotReservableReason): ReservableResult => ({
    ok: false,
    code: Codes.NOT_RESERVABLE,
    reason,
    message: NOT_RESERVABLE_MESSAGES[reason],
  });
  const loanable = copies.filter((c) => c.loanable && c.status !== 'missing');
  if (loanable.length === 0) return fail(NotReservableReasons.NO_LOANABLE_COPY);
  if (channel === 'counter') return { ok: true };
  const eligible = h.ownedOnly ? loanable.filter((c) => c.owned !== false) : loanable;
  if (eligible.length === 0) return fail(NotReservableReasons.NOT_OWNED);
  if (h.reservable === 'only-on-loan') {
    // Koga: web holds only for items not on the shelf — 貸出中 and its kin (seeds/004_…txt:135,139).
    // A copy on the shelf should simply be borrowed; a copy on the hold shelf or in transit
    // for someone else is as far from the patron's hands as one on loan, so the queue is open.
    if (eligible.some((c) => c.status === 'on-shelf')) return fail(NotReservableReasons.ON_SHELF);
  }
  return { ok: true };
}

export interface HoldPlacementInput {
  policy: Policy;
  record: { copies: readonly HoldCopy[] };
  /** The patron's active holds (waiting, in transit, ready), whatever channel placed them. */
  activeHoldCount: number;
  /** Requests outside ordinary holds: interlibrary loans, requests for books not yet owned. */
  otherRequestCount?: number;
  contact: ContactMethod;
  /** Whether the patron has a confirmed e-mail address (needed for e-mail contact). */
  hasEmail?: boolean;
  alreadyHeld?: boolean;
  /** Part of an ordered series request (順番予約). */
  ordered?: boolean;
  channel?: HoldChannel;
}

export type HoldPlacementCode =
  | typeof Codes.NOT_RESERVABLE
  | typeof Codes.HOLD_LIMIT
  | typeof Codes.CONTACT_NOT_ALLOWED
  | typeof Codes.EMAIL_REQUIRED
  | typeof Codes.ALREADY_HELD
  | typeof Codes.ORDERED_NOT_SUPPORTED;

export type HoldPlacementDecision =
  | { ok: true }
  | { ok: false; code: HoldPlacementCode; message: Localized; reason?: NotReservableReason; limit?: number };

/** Whether a patron may place a hold on a record now. */
export function decideHoldPlacement(input: HoldPlacementInput): HoldPlacementDecision {
  const h = input.policy.holds;
  const refuse = (code: HoldPlacementCode, extra: { limit?: number } = {}): HoldPlacementDecision => ({
    ok: false,
    code,
    message: MESSAGES[code],
    ...extra,
  });
  if (input.alreadyHeld) return refuse(Codes.ALREADY_HELD);
  if (input.ordered && !h.orderedSeries) return refuse(Codes.ORDERED_NOT_SUPPORTED);
  const reservable = reservableForDisplay(input.policy, input.record.copies, input.channel ?? 'web');
  if (!reservable.ok) return reservable;
  // Koga counts requests placed by other means toward the 10 (seeds/004_…txt:140).
  const count = input.activeHoldCount + (h.countsRequestsFromOtherChannels ? (input.otherRequestCount ?? 0) : 0);
  if (count >= h.maxActive) return refuse(Codes.HOLD_LIMIT, { limit: h.maxActive });
  if (!h.contactMethods.includes(input.contact)) return refuse(Codes.CONTACT_NOT_ALLOWED);
  if (input.contact === 'email' && input.hasEmail === false) return refuse(Codes.EMAIL_REQUIRED);
  return { ok: true };
}

export interface HoldShelfInput {
  policy: Policy;
  /** The day a copy was secured for the hold at its pickup point (確保日). */
  securedDate: string;
  /** The day the ready notice was sent; when missing, the secured day stands in. */
  noticeDate?: string | null;
  branchCode?: string | null;
  isClosed: ClosedDays;
}

/**
 * The last day a ready hold waits on the shelf; the next day it expires.
 * Counting starts the day after the anchor (secured day or notice day):
 * - Kushiro: 1 week from the day it is secured (seeds/001_…txt:120);
 * - Kitakyushu: 1 week from the day after the notice, closed days excluded (seeds/002_…txt:48);
 * - Koga: 1 week from the ready e-mail (seeds/004_…txt:142).
 * A last day that falls on a closed day moves to the next open day unless the policy says not.
 */
export function computeHoldShelfExpiry(input: HoldShelfInput): string {
  const h = input.policy.holds;
  const anchor = h.shelfCountFrom === 'notice-day' ? (input.noticeDate ?? input.securedDate) : input.securedDate;
  const branch = input.branchCode ?? undefined;
  const last = h.shelfExcludeClosedDays
    ? addOpenDays(anchor, h.shelfDays, input.isClosed, branch)
    : addDays(anchor, h.shelfDays);
  return h.shelfLastDayMovesToOpenDay ? nextOpenDay(last, input.isClosed, branch) : last;
}

/** True when a ready hold whose last shelf day is `lastDay` has expired by `today`. */
export function isHoldShelfExpired(lastDay: string, today: string): boolean {
  return compareDates(today, lastDay) > 0;
}

export interface HoldForActions {
  status: HoldStatus;
  placedVia: 'web' | 'counter';
  /** A copy has been allocated (trapped) for this hold, though it may not be ready yet. */
  allocated?: boolean;
}

export interface HoldActions {
  cancel: boolean;
  changePickup: boolean;
  postpone: boolean;
  /** Why each refused action is refused, for the API's error and the OPAC tooltip. */
  refusals: Partial<
    Record<'cancel' | 'changePickup' | 'postpone', typeof Codes.HOLD_NOT_CANCELLABLE | typeof Codes.PICKUP_CHANGE_NOT_ALLOWED | typeof Codes.POSTPONE_NOT_ALLOWED>
  >;
}

/**
 * What the patron may do with a hold online. Staff can always act at the desk.
 * - Kitakyushu: cancel / change pickup only while 予約中です (waiting), seeds/002_…txt:47.
 * - Kushiro: no online cancel once secured, nor for holds requested at the counter, seeds/001_…txt:131.
 * - city003: cancel only while waiting and not yet allocated, seeds/003_…txt:236-240, 277-281.
 */
export function holdActions(policy: Policy, hold: HoldForActions): HoldActions {
  const h = policy.holds;
  const cancel =
    h.cancelAllowedIn.includes(hold.status) &&
    !(hold.placedVia === 'counter' && !h.cancelOnlineForCounterHolds) &&
    !(h.cancelOnlyUnallocated && hold.allocated === true);
  const changePickup = h.pickupChangeAllowedIn.includes(hold.status) && !(h.cancelOnlyUnallocated && hold.allocated === true);
  const postpone = h.postponeAllowed && hold.status === 'waiting' && hold.allocated !== true;
  const refusals: HoldActions['refusals'] = {};
  if (!cancel) refusals.cancel = Codes.HOLD_NOT_CANCELLABLE;
  if (!changePickup) refusals.changePickup = Codes.PICKUP_CHANGE_NOT_ALLOWED;
  if (!postpone) refusals.postpone = Codes.POSTPONE_NOT_ALLOWED;
  return { cancel, changePickup, postpone, refusals };
}

/**
 * Ordered series holds (順番予約, seeds/002_…txt:49-52): a volume may be allocated only
 * when no earlier volume of the same request is still waiting. Cancelled or expired
 * earlier volumes no longer hold the later ones back.
 */
export function mayAllocateInOrderedSeries(policy: Policy, earlierVolumes: readonly HoldStatus[]): boolean {
  if (!policy.holds.orderedSeries) return true;
  return !earlierVolumes.some((s) => s === 'waiting');
}

/** The city's wording of a hold status (city003 says 順番待ち for both waiting and in transit). */
export function holdStatusLabel(policy: Policy, status: HoldStatus): Localized {
  return policy.display.holdStatusLabels[status];
}

/** Whether a hold cancelled on `cancelledOn` is still listed on `today` (Kitakyushu: 2 weeks). */
export function isCancelledHoldVisible(policy: Policy, cancelledOn: string, today: string): boolean {
  return compareDates(today, addDays(cancelledOn, policy.holds.cancelledVisibleDays)) <= 0;
}
