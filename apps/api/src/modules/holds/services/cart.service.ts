import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { CartEntry } from '@shiori/contracts';
import { HoldCopy, reservableForDisplay } from '@shiori/policy';
import { DomainError } from '../../../engine/errors/domain-error';
import { HoldsErrors } from '../holds.errors';
import { changedRows } from '../../../engine/database/sql';
import { copyStatusOf } from '../holds.types';
import { RulesService } from './rules.service';
import { CatalogErrors } from '../../catalog';

/** A cart holds at most this many records; a longer list is a script, not a patron. */
export const CART_LIMIT = 100;

/** The reservation cart (予約かご): records a patron collects before placing holds on the selected ones. */
@Injectable()
export class CartService {
  constructor(private readonly rules: RulesService) {}

  async list(patronId: string): Promise<CartEntry[]> {
    const { policy } = await this.rules.load();
    const rows: (Omit<CartEntry, 'reservable' | 'addedAt'> & { addedAt: Date; copies: { loanable: boolean; owned: boolean; status: string }[] })[] =
      await tenantManager().query(
        `SELECT c.record_id AS "recordId", r.title, r.volume, r.series, c.selected, c.position, c.added_at AS "addedAt",
                coalesce((SELECT json_agg(json_build_object('loanable', i.loanable, 'owned', i.owned, 'status', i.status))
                            FROM items i WHERE i.record_id = c.record_id), '[]') AS copies
           FROM cart_items c JOIN records r ON r.id = c.record_id
          WHERE c.patron_id = $1
          ORDER BY c.position, c.added_at`,
        [patronId],
      );
    return rows.map(({ copies, addedAt, ...r }) => {
      const holdCopies: HoldCopy[] = copies.flatMap((c) => {
        const status = copyStatusOf(c.status);
        return status ? [{ loanable: c.loanable, owned: c.owned, status }] : [];
      });
      const d = reservableForDisplay(policy, holdCopies, 'web');
      return { ...r, addedAt: addedAt.toISOString(), reservable: d.ok ? { ok: true } : { ok: false, code: d.code, reason: d.reason } };
    });
  }

  async add(patronId: string, recordId: string): Promise<CartEntry> {
    const m = tenantManager();
    const [record] = await m.query(`SELECT id FROM records WHERE id = $1 AND withdrawn_at IS NULL`, [recordId]);
    if (!record) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    // the patron row serialises concurrent adds, so the limit holds
    await m.query(`SELECT id FROM patrons WHERE id = $1 FOR UPDATE`, [patronId]);
    // the count and the next position read first (Citus takes no subquery inside INSERT … VALUES)
    const [{ n, next }] = await m.query(`SELECT count(*)::int AS n, coalesce(max(position), 0) + 1 AS next FROM cart_items WHERE patron_id = $1`, [
      patronId,
    ]);
    if (n >= CART_LIMIT) throw new DomainError(HoldsErrors.CART_FULL);
    await m.query(`INSERT INTO cart_items (patron_id, record_id, position) VALUES ($1, $2, $3) ON CONFLICT (patron_id, record_id) DO NOTHING`, [
      patronId,
      recordId,
      next,
    ]);
    return (await this.list(patronId)).find((e) => e.recordId === recordId)!;
  }

  async select(patronId: string, recordId: string, selected: boolean): Promise<CartEntry> {
    const res = await changedRows(`UPDATE cart_items SET selected = $3 WHERE patron_id = $1 AND record_id = $2 RETURNING record_id`, [
      patronId,
      recordId,
      selected,
    ]);
    if (!res.length) throw new DomainError(HoldsErrors.CART_ITEM_NOT_FOUND);
    return (await this.list(patronId)).find((e) => e.recordId === recordId)!;
  }

  async remove(patronId: string, recordId: string): Promise<void> {
    const res = await changedRows(`DELETE FROM cart_items WHERE patron_id = $1 AND record_id = $2 RETURNING record_id`, [patronId, recordId]);
    if (!res.length) throw new DomainError(HoldsErrors.CART_ITEM_NOT_FOUND);
  }
}
