import type { IllCity, IllHistoryEntry, IllRequestView, IllTransitView, IncomingIllRequestView } from '@shiori/contracts';
import type { IllStatus } from '@shiori/policy';

// The statuses (ILL_STATUSES, IllStatus) are libs/policy's; the views' shapes are the contract's.
export type { IllStatus };

/** Which city's row: the borrowing city's (with its patron), the lending city's, or a city a copy passes through (returned there). */
export type IllRole = 'borrower' | 'lender' | 'transit';

export const ILL_STATUS_LABELS: Record<IllStatus, { ja: string; en: string }> = {
  asked: { ja: '申込受付（図書館で確認中）', en: 'Asked (the library is checking)' },
  requested: { ja: '依頼中', en: 'Requested' },
  accepted: { ja: '受付済（発送準備中）', en: 'Accepted' },
  'in-transit': { ja: '搬送中', en: 'In transit' },
  arrived: { ja: '到着（取置中）', en: 'Arrived' },
  'on-loan': { ja: '貸出中', en: 'On loan' },
  returned: { ja: '返却済（返送待ち）', en: 'Returned' },
  'in-transit-home': { ja: '返送中', en: 'In transit home' },
  'back-on-shelf': { ja: '返送完了', en: 'Back on the shelf' },
  declined: { ja: '謝絶', en: 'Declined' },
  cancelled: { ja: '取消', en: 'Cancelled' },
  lost: { ja: '紛失', en: 'Lost' },
};

export interface IllRow {
  id: string;
  role: IllRole;
  number: string;
  partnerCity: string;
  status: IllStatus;
  recordId: string;
  title: string;
  itemBarcode: string | null;
  itemId: string | null;
  patronId: string | null;
  patronName: string | null;
  patronCard: string | null;
  patronEmail: string | null;
  pickupBranch: string | null;
  note: string | null;
  declineReason: string | null;
  loanDays: number | null;
  dueDate: string | null;
  loanedAt: string | null;
  renewals: number;
  courierDeparts: string | null;
  expectedArrival: string | null;
  returnCity: string | null;
  history: IllHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export const ILL_SQL = `
  SELECT q.id, q.role, q.number, q.partner_city AS "partnerCity", q.status, q.record_id AS "recordId", q.title,
         q.item_barcode AS "itemBarcode", q.item_id AS "itemId", q.patron_id AS "patronId",
         coalesce(p.name, q.patron_name) AS "patronName", p.card_number AS "patronCard", p.email AS "patronEmail",
         q.pickup_branch AS "pickupBranch", q.note, q.decline_reason AS "declineReason", q.loan_days AS "loanDays",
         to_char(q.due_date, 'YYYY-MM-DD') AS "dueDate", q.loaned_at AS "loanedAt", q.renewals,
         to_char(q.courier_departs, 'YYYY-MM-DD') AS "courierDeparts", to_char(q.expected_arrival, 'YYYY-MM-DD') AS "expectedArrival",
         q.return_city AS "returnCity", q.history, q.created_at AS "createdAt", q.updated_at AS "updatedAt"
    FROM ill_requests q
    LEFT JOIN patrons p ON p.id = q.patron_id`;

/** A city as a librarian reads it: its name (the slug only for the screens' links). */
export type CityName = IllCity;

/** The borrowing city's view of its request: its own patron, the lending city by name. */
export function borrowerView(r: IllRow, lender: CityName, returnCity: CityName | null): IllRequestView {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    statusLabel: ILL_STATUS_LABELS[r.status],
    lenderCity: lender,
    recordId: r.recordId,
    title: r.title,
    itemBarcode: r.itemBarcode,
    patron: r.patronId ? { id: r.patronId, cardNumber: r.patronCard, name: r.patronName } : null,
    pickupBranchCode: r.pickupBranch,
    note: r.note,
    declineReason: r.declineReason,
    dueDate: r.dueDate,
    renewals: r.renewals,
    courier: r.expectedArrival || r.courierDeparts ? { departs: r.courierDeparts, arrives: r.expectedArrival } : null,
    returnedAt: returnCity,
    history: r.history,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * The lending city's view: the borrowing city and its request number, never the patron's card
 * or contact; the patron's name only where the agreement let the borrowing city send it.
 */
export function lenderView(r: IllRow, borrower: CityName, returnCity: CityName | null): IncomingIllRequestView {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    statusLabel: ILL_STATUS_LABELS[r.status],
    borrowerCity: borrower,
    recordId: r.recordId,
    title: r.title,
    itemBarcode: r.itemBarcode,
    patronName: r.patronName,
    note: r.note,
    declineReason: r.declineReason,
    dueDate: r.dueDate,
    courier: r.expectedArrival || r.courierDeparts ? { departs: r.courierDeparts, arrives: r.expectedArrival } : null,
    returnedAt: returnCity,
    history: r.history,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A copy of another city returned here, on its way home (送付リスト). */
export function transitView(r: IllRow, owner: CityName): IllTransitView {
  return {
    id: r.id,
    status: r.status,
    statusLabel: ILL_STATUS_LABELS[r.status],
    ownerCity: owner,
    title: r.title,
    itemBarcode: r.itemBarcode,
    courier: r.expectedArrival || r.courierDeparts ? { departs: r.courierDeparts, arrives: r.expectedArrival } : null,
    createdAt: r.createdAt,
  };
}
