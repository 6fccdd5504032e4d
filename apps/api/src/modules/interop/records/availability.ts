/**
 * A record's availability as SRU extraRecordData, for every record schema (Dublin Core and
 * DC-NDL have no element for it; MARCXML carries the same per copy in 852 $z):
 *
 *   <availability xmlns="urn:shiori:availability:1" status="available" total="2" available="1" onLoan="1" label="貸出可 (available)">
 *     <copy branch="sawara" branchName="佐原中央図書館" shelfLocation="913.6 ナ" barcode="100123" status="on-shelf" loanable="true" label="在架 (on shelf)"/>
 *   </availability>
 *
 * A region's record (regional SRU) has one element per holding city, with `city` (its code)
 * and `cityName` attributes.
 *
 * `status` is the record's (available, on-loan, reference-only, unavailable); each copy's
 * status is the circulation state (on-shelf, on-loan, reserved, in-transit, on-hold-shelf, missing).
 */
import type { ExportRecord } from '../../catalog';
import { el } from '../xml/xml';
import { AVAILABILITY_LABEL, copyStatusLabel } from './record-context';

export const AVAILABILITY_NS = 'urn:shiori:availability:1';

export function availabilityElement(r: ExportRecord, city?: { city: string; cityName: string }): string {
  const a = r.availability;
  return el(
    'availability',
    { xmlns: AVAILABILITY_NS, ...(city ?? {}), status: a.status, total: a.total, available: a.available, onLoan: a.onLoan, label: AVAILABILITY_LABEL[a.status] ?? a.status },
    ...(r.items ?? []).map((i) =>
      el('copy', {
        branch: i.branchCode,
        branchName: i.branchName,
        shelfLocation: i.shelfLocation,
        barcode: i.barcode,
        status: i.status,
        loanable: String(i.loanable),
        label: copyStatusLabel(i.status, i.loanable),
      }),
    ),
  );
}
