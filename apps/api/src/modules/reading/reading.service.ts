import { Injectable } from '@nestjs/common';
import type {
  HistoryDeleted,
  HistoryEntry,
  HistoryOptIn,
  HistoryPage,
  HistorySettings,
  MonthlyLoans,
  ReadingGoal,
  Shelf,
  ShelfEntry,
  ShelfEntryInput,
  ShelfEntryState,
  ShelfKind,
  ShelfMembership,
} from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { Policy } from '@shiori/policy';
import { DomainError } from '../../engine/errors/domain-error';
import { columnsSql } from '../../engine/database/sql';
import { csvFile } from '../../engine/http/csv';
import { tokyoDate } from '../../engine/time';
import { PolicyStore } from '../policy';
import { ReadingErrors } from './reading.errors';
import { CatalogErrors } from '../catalog';

type Feature = 'bookshelves' | 'readingHistory' | 'readingMarathon';

const SHELF_COLUMNS = columnsSql<Shelf>({
  id: 's.id',
  name: 's.name',
  kind: 's.kind',
  createdAt: 's.created_at',
  count: '(SELECT count(*) FROM shelf_entries e WHERE e.shelf_id = s.id)::int',
});
const ENTRY_STATE = { recordId: 'e.record_id', mark: 'e.mark', category: 'e.category', note: 'e.note', addedAt: 'e.added_at' } as const;

/** The patron's own lists: bookshelves (favourites + named shelves, read/want marks), reading history, reading goal. */
@Injectable()
export class ReadingService {
  constructor(private readonly policies: PolicyStore) {}

  private async policy(feature: Feature): Promise<Policy> {
    const { policy } = await this.policies.current();
    if (!policy.features[feature]) throw new DomainError(ReadingErrors.FEATURE_OFF, feature);
    return policy;
  }

  private async ensureFavourites(patronId: string): Promise<void> {
    await tenantManager().query(
      `INSERT INTO shelves (patron_id, name, kind) VALUES ($1, 'お気に入り', 'favourites') ON CONFLICT DO NOTHING`,
      [patronId],
    );
  }

  async shelves(patronId: string): Promise<Shelf[]> {
    await this.policy('bookshelves');
    await this.ensureFavourites(patronId);
    return tenantManager().query(`SELECT ${SHELF_COLUMNS} FROM shelves s WHERE s.patron_id = $1 ORDER BY s.kind = 'favourites' DESC, s.created_at`, [patronId]);
  }

  async createShelf(patronId: string, name: string): Promise<Shelf> {
    const policy = await this.policy('bookshelves');
    if (!policy.features.customShelves) throw new DomainError(ReadingErrors.FEATURE_OFF, 'customShelves');
    const m = tenantManager();
    const [dup] = await m.query(`SELECT 1 FROM shelves WHERE patron_id = $1 AND name = $2`, [patronId, name.trim()]);
    if (dup) throw new DomainError(ReadingErrors.SHELF_NAME_TAKEN);
    const [row] = await m.query(`INSERT INTO shelves (patron_id, name) VALUES ($1,$2) RETURNING id`, [patronId, name.trim()]);
    return (await m.query(`SELECT ${SHELF_COLUMNS} FROM shelves s WHERE s.id = $1`, [row.id]))[0];
  }

  private async ownShelf(patronId: string, shelfId: string) {
    const [s] = await tenantManager().query(`SELECT id, kind FROM shelves WHERE id = $1 AND patron_id = $2`, [shelfId, patronId]);
    if (!s) throw new DomainError(ReadingErrors.SHELF_NOT_FOUND);
    return s as { id: string; kind: ShelfKind };
  }

  async renameShelf(patronId: string, shelfId: string, name: string): Promise<Shelf> {
    await this.policy('bookshelves');
    const s = await this.ownShelf(patronId, shelfId);
    if (s.kind === 'favourites') throw new DomainError(ReadingErrors.FAVOURITES_FIXED);
    const m = tenantManager();
    const [dup] = await m.query(`SELECT 1 FROM shelves WHERE patron_id = $1 AND name = $2 AND id <> $3`, [patronId, name.trim(), shelfId]);
    if (dup) throw new DomainError(ReadingErrors.SHELF_NAME_TAKEN);
    await m.query(`UPDATE shelves SET name = $2 WHERE id = $1`, [shelfId, name.trim()]);
    return (await m.query(`SELECT ${SHELF_COLUMNS} FROM shelves s WHERE s.id = $1`, [shelfId]))[0];
  }

  async deleteShelf(patronId: string, shelfId: string) {
    await this.policy('bookshelves');
    const s = await this.ownShelf(patronId, shelfId);
    if (s.kind === 'favourites') throw new DomainError(ReadingErrors.FAVOURITES_FIXED);
    await tenantManager().query(`DELETE FROM shelves WHERE id = $1`, [shelfId]);
  }

  async entries(patronId: string, shelfId: string): Promise<ShelfEntry[]> {
    await this.policy('bookshelves');
    await this.ownShelf(patronId, shelfId);
    return tenantManager().query(
      `SELECT ${columnsSql<ShelfEntry>({ ...ENTRY_STATE, title: 'r.title', authors: 'r.authors', volume: 'r.volume', year: 'r.published_year' })}
         FROM shelf_entries e JOIN records r ON r.id = e.record_id WHERE e.shelf_id = $1 ORDER BY e.added_at DESC`,
      [shelfId],
    );
  }

  /** Adds a record to a shelf, or changes its mark / category / note. */
  async putEntry(patronId: string, shelfId: string, recordId: string, e: ShelfEntryInput): Promise<ShelfEntryState> {
    const policy = await this.policy('bookshelves');
    if (e.mark && !policy.features.readMarks) throw new DomainError(ReadingErrors.FEATURE_OFF, 'readMarks');
    await this.ownShelf(patronId, shelfId);
    const m = tenantManager();
    const [r] = await m.query(`SELECT id FROM records WHERE id = $1 AND withdrawn_at IS NULL`, [recordId]);
    if (!r) throw new DomainError(CatalogErrors.RECORD_NOT_FOUND);
    await m.query(
      `INSERT INTO shelf_entries (shelf_id, record_id, mark, category, note) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (shelf_id, record_id) DO UPDATE SET
         mark = CASE WHEN $6 THEN EXCLUDED.mark ELSE shelf_entries.mark END,
         category = coalesce(EXCLUDED.category, shelf_entries.category),
         note = coalesce(EXCLUDED.note, shelf_entries.note)`,
      [shelfId, recordId, e.mark ?? null, e.category ?? null, e.note ?? null, e.mark !== undefined],
    );
    const [row]: ShelfEntryState[] = await m.query(
      `SELECT ${columnsSql<ShelfEntryState>(ENTRY_STATE)} FROM shelf_entries e WHERE e.shelf_id = $1 AND e.record_id = $2`,
      [shelfId, recordId],
    );
    return row;
  }

  /** Which of the patron's shelves hold this record, with its mark (the record page shows 読了 / 読みたい本). */
  async shelvesOf(patronId: string, recordId: string): Promise<ShelfMembership[]> {
    await this.policy('bookshelves');
    return tenantManager().query(
      `SELECT ${columnsSql<ShelfMembership>({ shelfId: 's.id', name: 's.name', kind: 's.kind', mark: 'e.mark', category: 'e.category' })} FROM shelf_entries e JOIN shelves s ON s.id = e.shelf_id
        WHERE s.patron_id = $1 AND e.record_id = $2 ORDER BY s.kind = 'favourites' DESC, s.created_at`,
      [patronId, recordId],
    );
  }

  async removeEntry(patronId: string, shelfId: string, recordId: string) {
    await this.policy('bookshelves');
    await this.ownShelf(patronId, shelfId);
    await tenantManager().query(`DELETE FROM shelf_entries WHERE shelf_id = $1 AND record_id = $2`, [shelfId, recordId]);
  }

  // --- reading history --------------------------------------------------------------------

  async historySettings(patronId: string): Promise<HistorySettings> {
    const policy = await this.policy('readingHistory');
    const [p] = await tenantManager().query(`SELECT history_opt_in_at AS "optedInAt", nickname FROM patrons WHERE id = $1`, [patronId]);
    return {
      enabled: !!p?.optedInAt,
      optedInAt: p?.optedInAt ?? null,
      nickname: p?.nickname ?? null,
      needsNickname: policy.features.readingHistoryNeedsNickname,
      needsTerms: policy.features.readingHistoryNeedsTerms,
    };
  }

  /** Opt in (recording starts now, never backwards) or out (recording stops; what was kept stays until deleted). */
  async setHistory(patronId: string, d: HistoryOptIn): Promise<HistorySettings> {
    const policy = await this.policy('readingHistory');
    const m = tenantManager();
    if (d.enabled) {
      const [p] = await m.query(`SELECT nickname, booklist_terms_at FROM patrons WHERE id = $1`, [patronId]);
      const nickname = d.nickname?.trim() || p?.nickname;
      if (policy.features.readingHistoryNeedsNickname && !nickname) throw new DomainError(ReadingErrors.NICKNAME_REQUIRED);
      if (policy.features.readingHistoryNeedsTerms && !d.termsAccepted && !p?.booklist_terms_at) throw new DomainError(ReadingErrors.TERMS_NOT_ACCEPTED);
      // the time from the app's clock: Citus takes no now() inside CASE or COALESCE in an UPDATE
      await m.query(
        `UPDATE patrons SET history_opt_in_at = coalesce(history_opt_in_at, $4), nickname = $2,
           booklist_terms_at = CASE WHEN $3 THEN coalesce(booklist_terms_at, $4) ELSE booklist_terms_at END WHERE id = $1`,
        [patronId, nickname ?? null, !!d.termsAccepted, new Date()],
      );
    } else {
      await m.query(`UPDATE patrons SET history_opt_in_at = NULL WHERE id = $1`, [patronId]);
    }
    return this.historySettings(patronId);
  }

  async history(patronId: string, page = 1, size = 50): Promise<HistoryPage> {
    await this.policy('readingHistory');
    const m = tenantManager();
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM reading_history WHERE patron_id = $1`, [patronId]);
    const items: HistoryEntry[] = await m.query(
      `SELECT ${columnsSql<HistoryEntry>({ id: 'h.id', recordId: 'h.record_id', title: 'h.title', authors: 'r.authors', loanedAt: 'h.loaned_at' })}
         FROM reading_history h LEFT JOIN records r ON r.id = h.record_id
        WHERE h.patron_id = $1 ORDER BY h.loaned_at DESC, h.id DESC LIMIT $2 OFFSET $3`,
      [patronId, size, (page - 1) * size],
    );
    return { total, page, size, items };
  }

  /** CSV for a spreadsheet (UTF-8 with BOM; cells that start like a formula neutralised). */
  async historyCsv(patronId: string): Promise<string> {
    await this.policy('readingHistory');
    const rows = await tenantManager().query(
      `SELECT to_char(h.loaned_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day, h.title, r.authors, r.publisher, r.isbn
         FROM reading_history h LEFT JOIN records r ON r.id = h.record_id WHERE h.patron_id = $1 ORDER BY h.loaned_at DESC`,
      [patronId],
    );
    return csvFile(
      ['貸出日', 'タイトル', '著者', '出版者', 'ISBN'],
      rows.map((r: { day: string; title: string; authors: unknown; publisher: string | null; isbn: string | null }) => [
        r.day,
        r.title,
        Array.isArray(r.authors) ? r.authors.map((a: { name: string }) => a.name).join(' / ') : '',
        r.publisher,
        r.isbn,
      ]),
    );
  }

  async deleteHistory(patronId: string): Promise<HistoryDeleted> {
    await this.policy('readingHistory');
    const rows = await tenantManager().query(`DELETE FROM reading_history WHERE patron_id = $1 RETURNING id`, [patronId]);
    return { deleted: rows[1] ?? rows.length };
  }

  // --- reading marathon -------------------------------------------------------------------

  async readingGoal(patronId: string, year = Number(tokyoDate().slice(0, 4))): Promise<ReadingGoal> {
    await this.policy('readingMarathon');
    const m = tenantManager();
    const [goal] = await m.query(`SELECT target FROM reading_goals WHERE patron_id = $1 AND year = $2`, [patronId, year]);
    const monthly: MonthlyLoans[] = await m.query(
      `SELECT ${columnsSql<MonthlyLoans>({ month: `extract(month FROM loaned_at AT TIME ZONE 'Asia/Tokyo')::int`, loans: 'count(*)::int' })}
         FROM loans WHERE patron_id = $1 AND extract(year FROM loaned_at AT TIME ZONE 'Asia/Tokyo') = $2
        GROUP BY 1 ORDER BY 1`,
      [patronId, year],
    );
    const byMonth = Array.from({ length: 12 }, (_, i): MonthlyLoans => ({ month: i + 1, loans: monthly.find((x) => x.month === i + 1)?.loans ?? 0 }));
    const progress = byMonth.reduce((a, b) => a + b.loans, 0);
    const target = goal?.target ?? null;
    return { year, target, progress, percent: target ? Math.min(100, Math.round((progress / target) * 100)) : null, monthly: byMonth };
  }

  async setReadingGoal(patronId: string, target: number, year = Number(tokyoDate().slice(0, 4))): Promise<ReadingGoal> {
    await this.policy('readingMarathon');
    await tenantManager().query(
      `INSERT INTO reading_goals (patron_id, year, target) VALUES ($1,$2,$3) ON CONFLICT (patron_id, year) DO UPDATE SET target = EXCLUDED.target`,
      [patronId, year, target],
    );
    return this.readingGoal(patronId, year);
  }
}
