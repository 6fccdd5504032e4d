import type { ContactMethod, CopyStatus, HoldChannel, HoldStatus } from '@shiori/policy';

/**
 * A copy (items row) as allocation sees it. Item statuses (0001-core) beyond the catalogue's:
 * `reserved` = allocated to a hold while still on the shelf (on the pull list),
 * `on-hold-shelf` = waiting for its patron at the pickup point.
 */
export interface ItemRow {
  id: string;
  recordId: string;
  barcode: string;
  branchCode: string;
  status: string;
  loanable: boolean;
  owned: boolean;
}

/** A hold with what allocation, notices and the desk need to know about it. */
export interface HoldDetail {
  id: string;
  patronId: string;
  recordId: string;
  itemId: string | null;
  status: HoldStatus;
  contact: string;
  placedVia: 'web' | 'counter' | 'request';
  pickupPointCode: string;
  pickupPointName: string;
  pickupBranch: string;
  cardNumber: string;
  patronName: string;
  email: string | null;
  title: string;
  volume: string | null;
  lastDay: string | null;
  seriesGroup: string | null;
  /** counter, locker, bookmobile-station */
  pickupKind: string;
  /** The hold locker room's shelf, given when the copy is trapped to a locker pickup point. */
  shelfNumber: number | null;
}

export const ITEM_COLUMNS = `i.id, i.record_id AS "recordId", i.barcode, i.branch_code AS "branchCode", i.status, i.loanable, i.owned`;

export const HOLD_DETAIL_SQL = `
  SELECT h.id, h.patron_id AS "patronId", h.record_id AS "recordId", h.item_id AS "itemId", h.status, h.contact,
         h.placed_via AS "placedVia", h.pickup_point_code AS "pickupPointCode", pp.name AS "pickupPointName",
         pp.branch_code AS "pickupBranch", p.card_number AS "cardNumber", p.name AS "patronName", p.email,
         r.title, r.volume, to_char(h.expires_at, 'YYYY-MM-DD') AS "lastDay", h.series_group AS "seriesGroup",
         pp.kind AS "pickupKind", h.shelf_number AS "shelfNumber"
    FROM holds h
    JOIN pickup_points pp ON pp.code = h.pickup_point_code
    JOIN patrons p ON p.id = h.patron_id
    JOIN records r ON r.id = h.record_id`;

/** Maps an items.status onto the catalogue's copy status the policy reasons about. */
export function copyStatusOf(itemStatus: string): CopyStatus | null {
  switch (itemStatus) {
    case 'on-shelf':
    case 'on-loan':
    case 'in-transit':
    case 'missing':
      return itemStatus;
    case 'reserved':
    case 'on-hold-shelf':
      return 'reserved';
    default:
      return null; // withdrawn: not a copy any more
  }
}

export interface PlaceHoldsInput {
  recordIds: string[];
  pickupPointCode: string;
  contact: ContactMethod;
  ordered?: boolean;
  emailConfirmation?: boolean;
}

/** A hold a librarian takes for a patron at the desk (`POST /desk/holds`). */
export interface DeskHoldInput {
  patronCard?: string;
  patronId?: string;
  recordId: string;
  /** Pickup point code; defaults to the patron's last used one while offered, else the first branch's counter (libs/policy defaultPickupPoint). */
  pickupPoint?: string;
  contact?: ContactMethod;
  emailConfirmation?: boolean;
  note?: string;
  /** Beyond the patron's hold limit (HOLD_LIMIT only). */
  override?: boolean;
}

export interface PatronForHold {
  id: string;
  cardNumber: string;
  name: string;
  email: string | null;
  status: string;
  expiresAt: string | null;
  /** A visitor from another city (広域利用): holds only where their agreement allows them. */
  agreementId: string | null;
}

export interface PlacementOptions {
  channel: HoldChannel;
  /** Staff only: take the hold beyond the hold limit. */
  overrideLimit?: boolean;
  /** Set when a librarian places the hold. */
  staff?: { id: string; name: string; note: string | null };
}
