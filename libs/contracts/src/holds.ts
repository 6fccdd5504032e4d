import type { HoldStatus, Localized } from '@shiori/policy';

/** The bookmobile visit a station hold is first handed out at (named in the ready notice). */
export interface PickupStop {
  date: string;
  start: string;
  end: string;
  place: string;
}

/**
 * What the desk is told when a copy is trapped for a hold (a check-in's `trappedHold`, a transit
 * receipt, shelf expiry passing a copy on): the hold slip's content.
 */
export interface TrappedHold {
  holdId: string;
  pickupPointCode: string;
  pickupPointName: string;
  /** Branch of the pickup point: where the copy must go. */
  pickupBranchCode: string;
  status: 'in-transit' | 'ready';
  patron: { cardNumber: string; name: string };
  title: string;
  itemBarcode: string;
  /** Last day on the hold shelf, when ready. */
  lastDay?: string;
  /** A hold for a bookmobile station: the visit it can first be picked up at. */
  pickupStop?: PickupStop;
  /** The locker room's shelf the copy goes on (Kushiro 予約取置室), when ready at a locker. */
  shelfNumber?: number;
}

/** A hold as its patron sees it: `GET /me/holds`, and the answer of placing, cancelling or changing one. */
export interface HoldView {
  id: string;
  recordId: string;
  title: string;
  volume: string | null;
  status: HoldStatus;
  statusLabel: Localized;
  /** Place in the queue while waiting without a copy; null otherwise. */
  queuePosition: number | null;
  pickupPointCode: string;
  pickupPointName: string;
  contact: string;
  placedVia: 'web' | 'counter' | 'request';
  placedAt: string;
  readyAt?: string;
  /** Last day on the hold shelf (取置期限). */
  expiresAt?: string;
  /** A ready hold for a bookmobile station: the visit it is handed out at first. */
  pickupStop?: PickupStop;
  /** The hold locker room's shelf (予約取置室), while the hold is ready there. */
  shelfNumber?: number;
  cancelledAt?: string;
  cancellable: boolean;
  pickupChangeable: boolean;
  postponable: boolean;
  suspendedUntil?: string;
  itemBarcode?: string;
  ordered?: { group: string; position: number };
  policyVersion: number;
}

/** A hold as the desk sees it (`GET /admin/patrons/{id}/holds`): who placed it, whether beyond the limit, the desk's note. */
export interface StaffHoldView extends HoldView {
  placedBy: 'patron' | 'staff';
  /** The librarian who took a counter hold. */
  placedByStaff: string | null;
  limitOverride: boolean;
  note: string | null;
}

/** `POST /desk/holds`: the hold taken at the counter for a patron. */
export interface DeskHoldView extends HoldView {
  patron: { id: string; cardNumber: string; name: string };
  placedBy: 'staff';
  /** The hold was taken beyond the patron's hold limit. */
  limitOverridden: boolean;
  note: string | null;
  /** The hold-received mail was queued (the policy sends it, or the patron asked for it). */
  noticeQueued: boolean;
  /** Taken on an expired card (the counter serves one): remind the patron to renew it. */
  cardExpired?: true;
}

/** `GET /desk/hold-shelf`: a hold ready for pickup. */
export interface HoldShelfEntry {
  holdId: string;
  itemBarcode: string;
  title: string;
  volume: string | null;
  patron: { id: string; cardNumber: string; name: string };
  pickupPointCode: string;
  pickupPointName: string;
  branchCode: string;
  readyAt: string;
  /** Last day on the hold shelf (取置期限). */
  lastDay: string;
  expired: boolean;
}

/** `GET /desk/pull-list`: a copy to fetch from the shelves today. */
export interface PullListEntry {
  /** `allocated`: the copy is already set aside for a hold; `wanted`: walk-in priority left it on the shelf for today's pull. */
  reason: 'allocated' | 'wanted';
  itemBarcode: string;
  branchCode: string;
  shelfLocation: string | null;
  recordId: string;
  title: string;
  volume: string | null;
  holdId?: string;
  pickupPointCode?: string;
  pickupBranchCode?: string;
}

/** `POST /desk/hold-shelf/clear-expired` (and the daily job): holds expired, and copies passed to the next hold. */
export interface ShelfExpiryResult {
  expired: string[];
  passedOn: TrappedHold[];
}

/** `POST /desk/transits/receive`: the copy arrived at a branch; the hold it now waits for, if any. */
export interface TransitReceipt {
  trappedHold: TrappedHold | null;
  item: { barcode: string; status: string };
}

/** A record in the patron's reservation cart (予約かご): `GET/POST/PATCH /me/cart`. */
export interface CartEntry {
  recordId: string;
  title: string;
  volume: string | null;
  series: string | null;
  selected: boolean;
  position: number;
  addedAt: string;
  /** Whether the record may be reserved now, as the policy says (the hold form shows it before submitting). */
  reservable: { ok: boolean; code?: string; reason?: string };
}

/** A station hold the bus carries: to hand out at the stop (ready), or to load before leaving. */
export interface StationHold {
  holdId: string;
  status: 'in-transit' | 'ready';
  itemBarcode: string;
  itemBranchCode: string;
  title: string;
  volume: string | null;
  cardNumber: string;
  patronName: string;
  /** The first day it may be handed out (the stop's visit), if set. */
  pickupFrom: string | null;
  lastDay: string | null;
}

/** A stop of a bus on the day, with its holds to hand out and copies to load. */
export interface BookmobileStop {
  stationCode: string;
  stationName: string;
  stationNameEn: string | null;
  start: string;
  end: string;
  place: string;
  note: string;
  handOut: StationHold[];
  load: StationHold[];
}

/** `GET /desk/bookmobile/today`: 本日の巡回, the buses' stops of a day. */
export interface BookmobileDay {
  date: string;
  buses: { code: string; name: string; nameEn: string | null; stops: BookmobileStop[] }[];
}
