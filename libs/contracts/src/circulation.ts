import type { Localized } from '@shiori/policy';
import type { TrappedHold } from './holds';

/**
 * A loan as the desk, the patron and the admin console see it: `POST /desk/checkouts`,
 * `POST /desk/renewals`, `POST /me/loans/{id}/renew`, a check-in's `loan`.
 */
export interface LoanView {
  id: string;
  itemBarcode: string;
  recordId: string;
  title: string;
  volume: string | null;
  patron: { id: string; cardNumber: string; name: string };
  /** The day it was lent (Tokyo), `YYYY-MM-DD`. */
  loanDate: string;
  /** The instant it was lent (ISO 8601). */
  loanedAt: string;
  dueDate: string;
  /** The due date has passed (on the return day for a returned loan). */
  overdue: boolean;
  renewals: number;
  ill: boolean;
  branchCode: string;
  /** Made on the bookmobile at this station (absent otherwise). */
  stationCode?: string | null;
  materialType: string;
  policyVersion: number;
  /** Present once returned (ISO 8601). */
  returnedAt?: string;
  returnBranchCode?: string;
}

/** May the loan be renewed now, as the policy decides before the patron asks (延長不可 with its code). */
export interface Renewable {
  ok: boolean;
  code?: string;
  newDueDate?: string;
}

/**
 * A patron's open loan with what the loan list shows before anyone asks: `GET /me/loans`
 * (`renewable` online) and `GET /admin/patrons/{id}/loans` (`renewable` at the counter).
 */
export interface PatronLoanView extends LoanView {
  /** Another patron waits for this title (予約あり). */
  hasHolds: boolean;
  renewable: Renewable;
  /** An ILL loan (相互貸借): another city's copy, lent here on this request; its id is the request's (renewed at the desk by the lender's barcode). */
  illRequest?: { number: string; lenderCity: { slug: string; name: string } };
}

/** `POST /desk/checkouts`: the loan made. */
export interface CheckoutResult extends LoanView {
  /** The patron's hold on this title that the loan fulfilled. */
  collectedHoldId?: string;
  /** Lent on an expired card (the counter serves one; it is where cards are renewed): remind the patron. */
  cardExpired?: true;
}

/** The codes a check-in may say something with while it goes on (not errors). */
export type CheckinNoticeCode = 'ALREADY_CHECKED_IN';

/** `POST /desk/checkins`: the loan closed (if any), the hold the copy was trapped for (if any), the copy. */
export interface CheckinResult {
  loan?: LoanView;
  /** The hold this copy was trapped for: put it on the hold shelf (`ready`) or send it to `pickupBranchCode` (`in-transit`). */
  trappedHold?: TrappedHold;
  item: { barcode: string; status: string; branchCode: string };
  /** The copy was not on loan (scanned twice, or returned already): said with a stable code, the check-in goes on. */
  notice?: { code: CheckinNoticeCode; message: Localized };
}
