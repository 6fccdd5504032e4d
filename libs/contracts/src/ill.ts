import type { IllStatus, Localized } from '@shiori/policy';

/** A city as a librarian reads it: its name (the slug only for the screens' links). */
export interface IllCity {
  slug: string;
  name: string;
}

/** The courier run a copy leaves and arrives on (搬送便), when known. */
export interface CourierDays {
  departs: string | null;
  arrives: string | null;
}

/** One step of a request, here or told by the partner city. */
export interface IllHistoryEntry {
  status: string;
  at: string;
  by: 'here' | 'partner';
}

/**
 * The borrowing city's request (`GET /admin/ill/requests`, `…/requests/{id}` and the answer of
 * every step on it): its own patron, the lending city by name.
 */
export interface IllRequestView {
  id: string;
  number: string;
  status: IllStatus;
  statusLabel: Localized;
  lenderCity: IllCity;
  recordId: string;
  title: string;
  itemBarcode: string | null;
  patron: { id: string; cardNumber: string | null; name: string | null } | null;
  pickupBranchCode: string | null;
  note: string | null;
  declineReason: string | null;
  dueDate: string | null;
  renewals: number;
  courier: CourierDays | null;
  /** The city the copy was returned at, when not here (return anywhere). */
  returnedAt: IllCity | null;
  history: IllHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/**
 * The lending city's incoming request (`GET /admin/ill/incoming`, `…/incoming/{id}` and every
 * step on it): the borrowing city and its number, never the patron's card or contact; the
 * patron's name only where the agreement lets the borrowing city send it.
 */
export interface IncomingIllRequestView {
  id: string;
  number: string;
  status: IllStatus;
  statusLabel: Localized;
  borrowerCity: IllCity;
  recordId: string;
  title: string;
  itemBarcode: string | null;
  patronName: string | null;
  note: string | null;
  declineReason: string | null;
  dueDate: string | null;
  courier: CourierDays | null;
  /** While `requested` or `accepted`: the courier run it would leave on if handed over today. */
  nextCourier?: CourierDays | null;
  returnedAt: IllCity | null;
  history: IllHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/** A copy of another city returned here, waiting for the courier home (`GET /admin/ill/transits`, 送付リスト). */
export interface IllTransitView {
  id: string;
  status: IllStatus;
  statusLabel: Localized;
  ownerCity: IllCity;
  title: string;
  itemBarcode: string | null;
  courier: CourierDays | null;
  createdAt: string;
}

/** One page of an ILL list (`?page&size&status`). */
export interface IllPage<T> {
  total: number;
  page: number;
  size: number;
  items: T[];
}

/** `GET /admin/ill/requests`: a page of the borrowing city's requests. */
export type IllRequestPage = IllPage<IllRequestView>;
/** `GET /admin/ill/incoming`: a page of the lending city's incoming requests. */
export type IncomingIllRequestPage = IllPage<IncomingIllRequestView>;
/** `GET /admin/ill/transits`: a page of the 送付リスト. */
export type IllTransitPage = IllPage<IllTransitView>;

/**
 * `POST /admin/ill/checkins`: what one scan of another city's copy did — the borrowing city's
 * copy arrived or returned by its patron, the lending city's own copy home, or another member
 * city's copy put on the way home (`routed-home`, or already on the list: `in-transit-home`).
 */
export type IllCheckinAnswer =
  | { action: 'arrived' | 'returned'; request: IllRequestView }
  | { action: 'back-on-shelf'; request: IncomingIllRequestView }
  | { action: 'routed-home' | 'in-transit-home'; request: IllTransitView };

/** `GET /me/ill` (and the answer of asking or withdrawing): a request as its patron reads it. */
export interface MyIllRequest {
  id: string;
  number: string;
  title: string;
  status: IllStatus;
  statusLabel: Localized;
  /** The lending city by its name only. */
  lenderCity: { name: string };
  pickupBranchCode: string | null;
  expectedArrival: string | null;
  dueDate: string | null;
  /** Why the library or the lending city declined it. */
  declineReason: string | null;
  /** Asked by the patron and not yet forwarded: they may withdraw it. */
  cancellable: boolean;
  createdAt: string;
}
