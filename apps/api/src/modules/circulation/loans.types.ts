import { compareDates } from '@shiori/policy';
import type { LoanView } from '@shiori/contracts';
import { tokyoDate } from '../../engine/time';

/** A loan row as LOAN_SQL selects it. */
export interface LoanRow {
  id: string;
  itemBarcode: string;
  itemId: string;
  recordId: string;
  title: string;
  volume: string | null;
  patronId: string;
  cardNumber: string;
  patronName: string;
  patronCategory: string;
  loanDate: string;
  loanedAt: Date;
  dueDate: string;
  returnedAt: Date | null;
  returnBranchCode: string | null;
  renewals: number;
  ill: boolean;
  owned: boolean;
  branchCode: string;
  /** The bookmobile station the loan was made at (its due date and renewals land on its visits). */
  stationCode: string | null;
  materialType: string;
  policyVersion: number;
  /** A visitor's loan (広域利用): the agreement whose terms it follows; null for a resident's. */
  agreementId: string | null;
}

export const LOAN_SQL = `
  SELECT l.id, i.barcode AS "itemBarcode", i.id AS "itemId", i.record_id AS "recordId", r.title, r.volume,
         l.patron_id AS "patronId", p.card_number AS "cardNumber", p.name AS "patronName", p.category AS "patronCategory",
         to_char(l.loaned_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS "loanDate", l.loaned_at AS "loanedAt",
         to_char(l.due_date, 'YYYY-MM-DD') AS "dueDate", l.returned_at AS "returnedAt", l.return_branch_code AS "returnBranchCode",
         l.renewals, l.ill, i.owned, l.branch_code AS "branchCode", l.station_code AS "stationCode", coalesce(i.material_type, r.material_type) AS "materialType",
         l.policy_version AS "policyVersion", p.agreement_id AS "agreementId"
    FROM loans l
    JOIN items i ON i.id = l.item_id
    JOIN records r ON r.id = i.record_id
    JOIN patrons p ON p.id = l.patron_id`;

/** The loan as the API answers it (`LoanView` of libs/contracts). Overdue: the due date has passed (on the return day for a returned loan). */
export function loanView(row: LoanRow, today: string): LoanView {
  const compareTo = row.returnedAt ? tokyoDate(row.returnedAt) : today;
  return {
    id: row.id,
    itemBarcode: row.itemBarcode,
    recordId: row.recordId,
    title: row.title,
    volume: row.volume,
    patron: { id: row.patronId, cardNumber: row.cardNumber, name: row.patronName },
    loanDate: row.loanDate,
    loanedAt: row.loanedAt.toISOString(),
    dueDate: row.dueDate,
    overdue: compareDates(compareTo, row.dueDate) > 0,
    renewals: row.renewals,
    ill: row.ill,
    branchCode: row.branchCode,
    ...(row.stationCode ? { stationCode: row.stationCode } : {}),
    materialType: row.materialType,
    policyVersion: row.policyVersion,
    ...(row.returnedAt ? { returnedAt: row.returnedAt.toISOString() } : {}),
    ...(row.returnBranchCode ? { returnBranchCode: row.returnBranchCode } : {}),
  };
}

