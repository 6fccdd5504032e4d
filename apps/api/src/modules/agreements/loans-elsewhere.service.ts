import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { compareDates } from '@shiori/policy';
import { currentTenant, runInTenant } from '@shiori/tenancy';
import { tokyoDate } from '../../engine/time';
import { AgreementsStore } from './agreements.store';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';

/** A loan the patron has at another city (他市で借りている資料), with the lending city named. */
export interface LoanElsewhere {
  city: { slug: string; name: string };
  title: string;
  volume: string | null;
  itemBarcode: string;
  loanDate: string;
  dueDate: string;
  overdue: boolean;
}

/**
 * The home city's My page: the signed-in patron's loans at the cities that registered them as
 * a visitor. Each host city is read in its own transaction (one statement on its schema); a
 * city that cannot be read (suspended, failing) is named in `unavailable`, not fatal.
 */
@Injectable()
export class LoansElsewhereService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly store: AgreementsStore,
  ) {}

  async forPatron(patronId: string): Promise<{ loans: LoanElsewhere[]; unavailable: { slug: string; name: string }[] }> {
    const home = currentTenant();
    // the hosts whose agreements admit this city's residents (platform tables, through the pool)
    // (a region's agreement: every other member of the region)
    const hosts = (await this.store.hostsOf(this.ds, home.id)).map((slug) => ({ slug }));
    const today = tokyoDate();
    const loans: LoanElsewhere[] = [];
    const unavailable: { slug: string; name: string }[] = [];
    for (const { slug } of hosts) {
      const host = await this.registry.findBySlug(slug);
      if (!host) continue;
      if (host.status !== 'active') {
        unavailable.push({ slug: host.slug, name: host.name });
        continue;
      }
      try {
        const rows: { title: string; volume: string | null; itemBarcode: string; loanDate: string; dueDate: string }[] = await runInTenant(this.ds, host, (m) =>
          m.query(
            `SELECT r.title, r.volume, i.barcode AS "itemBarcode", to_char(l.loaned_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS "loanDate",
                    to_char(l.due_date, 'YYYY-MM-DD') AS "dueDate"
               FROM patrons p JOIN loans l ON l.patron_id = p.id JOIN items i ON i.id = l.item_id JOIN records r ON r.id = i.record_id
              WHERE p.home_city = $1 AND p.home_patron_id = $2 AND l.returned_at IS NULL
              ORDER BY l.due_date, l.loaned_at`,
            [home.slug, patronId],
          ),
        );
        for (const r of rows) loans.push({ city: { slug: host.slug, name: host.name }, ...r, overdue: compareDates(today, r.dueDate) > 0 });
      } catch {
        unavailable.push({ slug: host.slug, name: host.name });
      }
    }
    loans.sort((a, b) => compareDates(a.dueDate, b.dueDate));
    return { loans, unavailable };
  }
}
