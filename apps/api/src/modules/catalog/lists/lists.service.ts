import { Injectable } from '@nestjs/common';
import type { NewArrivalsList, RankingList, RecommendedLists, RecommendedListSummary, RecommendedListView } from '@shiori/contracts';
import { tenantManager } from '@shiori/tenancy';
import { PublicList, publicListWindows } from '@shiori/policy';
import { AuditService } from '../../../engine/audit/audit.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { tokyoDate } from '../../../engine/time';
import { PolicyStore } from '../../policy';
import { CatalogErrors } from '../catalog.errors';
import type { CreateRecommendedListDto, UpdateRecommendedListDto } from '../dto/lists.dto';
import type { ListQueryDto } from '../dto/search.dto';
import { isUuid } from '../records/records.service';
import { HIT_JSON } from '../search/search-query';
import { activeHoldSql, columnsSql, FieldsSql, jsonObjectSql } from '../../../engine/database/sql';
import type { JsonText } from '../../../engine/http/public-catalogue';

/** A recommended list's own columns (`recommended_lists l`), as the librarians' views read them. */
const LIST_COLUMNS: FieldsSql<Omit<RecommendedListSummary, 'entryCount'>> = {
  id: 'l.id',
  title: 'l.title',
  description: 'l.description',
  published: 'l.published',
  sort: 'l.sort',
  createdAt: 'l.created_at',
};

/** Start of a Tokyo calendar day as a timestamptz expression for parameter `p` ('YYYY-MM-DD'). */
const tokyoDayStart = (p: string) => `(${p}::date::timestamp AT TIME ZONE 'Asia/Tokyo')`;

/**
 * The public lists of a city's OPAC, within the windows of its policy (libs/policy
 * publicListWindows), and the recommended lists librarians curate. Each public list is one
 * statement whose JSON text is the response body, hits shaped like search hits.
 */
@Injectable()
export class ListsService {
  constructor(private readonly policies: PolicyStore, private readonly audit: AuditService) {}

  private async windows(list: PublicList) {
    const { policy } = await this.policies.current();
    const today = tokyoDate();
    const w = publicListWindows(policy, today);
    if (!w.enabled.includes(list)) throw new DomainError(CatalogErrors.LIST_NOT_PUBLISHED);
    return { ...w, today };
  }

  /** Received within the new-arrival window and not published too long ago, newest first. */
  async newArrivals(q: ListQueryDto): Promise<JsonText<NewArrivalsList>> {
    const w = await this.windows('new-arrivals');
    const page = q.page ?? 1;
    const size = q.size ?? 20;
    const values: unknown[] = [w.newArrivals.receivedSince, w.today, w.newArrivals.publishedNotBeforeYear, size, (page - 1) * size, w.newArrivals.publishedSince];
    let branch = '';
    if (q.branch) {
      values.push(q.branch);
      branch = `AND r.holding_branches @> ARRAY[$${values.length}::text]`;
    }
    const rows = await tenantManager().query(
      `WITH m AS MATERIALIZED (
         SELECT r.id, r.received_at, r.created_at FROM records r
          WHERE r.withdrawn_at IS NULL AND r.received_at >= $1::date AND r.received_at <= $2::date
            AND ($3::int IS NULL OR r.published_year IS NULL OR r.published_year >= $3::int) ${branch}
       )
       SELECT ${jsonObjectSql<NewArrivalsList>({
         list: `'new-arrivals'`,
         window: jsonObjectSql<NewArrivalsList['window']>({ receivedSince: '$1::text', publishedSince: '$6::text' }),
         total: '(SELECT count(*) FROM m)',
         page: `${page}`,
         size: '$4::int',
         hits: `coalesce((SELECT json_agg(${HIT_JSON} ORDER BY p.received_at DESC, p.created_at DESC, p.id)
                             FROM (SELECT * FROM m ORDER BY received_at DESC, created_at DESC, id LIMIT $4 OFFSET $5) p
                             JOIN records r ON r.id = p.id), '[]'::json)`,
       })}::text AS body`,
      values,
    );
    return rows[0].body;
  }

  /**
   * The N records most borrowed within the best-loans window, or (ベスト予約, Katori 000:13-17)
   * the N titles with the most holds waiting now: holds still open (waiting, in transit, on
   * the hold shelf), whenever placed; collected, expired and cancelled ones are over.
   */
  private async ranking(list: RankingList['list']): Promise<JsonText<RankingList>> {
    const w = await this.windows(list);
    const counted =
      list === 'best-loans'
        ? `SELECT i.record_id, count(*) AS n FROM loans l JOIN items i ON i.id = l.item_id
            WHERE l.loaned_at >= ${tokyoDayStart('$1')} GROUP BY i.record_id`
        : `SELECT h.record_id, count(*) AS n FROM holds h
            WHERE ${activeHoldSql('h')} GROUP BY h.record_id`;
    const rows = await tenantManager().query(
      `WITH c AS (${counted}),
       top AS (
         SELECT c.record_id, c.n, rank() OVER (ORDER BY c.n DESC) AS rank
           FROM c JOIN records r ON r.id = c.record_id
          WHERE r.withdrawn_at IS NULL
          ORDER BY c.n DESC, r.title_sort, r.id LIMIT $2
       )
       SELECT ${jsonObjectSql<RankingList>({
         list: '$3::text',
         window: jsonObjectSql<RankingList['window']>({ since: `CASE WHEN $3::text = 'best-loans' THEN $1::text END` }),
         topN: '$2::int',
         // a RankedHit: the search hit, its rank and count
         hits: `coalesce((SELECT json_agg((${HIT_JSON})::jsonb || jsonb_build_object('rank', top.rank, 'count', top.n)
                                           ORDER BY top.n DESC, r.title_sort, r.id)
                             FROM top JOIN records r ON r.id = top.record_id), '[]'::json)`,
       })}::text AS body`,
      [w.bestLoans.since, w.topN, list],
    );
    return rows[0].body;
  }

  bestLoans(): Promise<JsonText<RankingList>> {
    return this.ranking('best-loans');
  }

  bestHolds(): Promise<JsonText<RankingList>> {
    return this.ranking('best-holds');
  }

  /** Published recommended lists, each with its records in the librarian's order. */
  async recommended(): Promise<JsonText<RecommendedLists>> {
    await this.windows('recommended');
    const list = jsonObjectSql<RecommendedLists['lists'][number]>({
      id: 'l.id',
      title: 'l.title',
      description: 'l.description',
      hits: `(SELECT coalesce(json_agg(${HIT_JSON} ORDER BY e.position), '[]'::json)
                FROM recommended_list_entries e JOIN records r ON r.id = e.record_id
               WHERE e.list_id = l.id AND r.withdrawn_at IS NULL)`,
    });
    const rows = await tenantManager().query(
      `SELECT ${jsonObjectSql<RecommendedLists>({ list: `'recommended'`, lists: `coalesce(json_agg(${list} ORDER BY l.sort, l.created_at), '[]'::json)` })}::text AS body
         FROM recommended_lists l WHERE l.published`,
    );
    return rows[0].body;
  }

  // ---- librarians: recommended lists (おすすめ) ----

  async adminList(): Promise<RecommendedListSummary[]> {
    return tenantManager().query(
      `SELECT ${columnsSql<RecommendedListSummary>({
        ...LIST_COLUMNS,
        entryCount: '(SELECT count(*)::int FROM recommended_list_entries e WHERE e.list_id = l.id)',
      })}
         FROM recommended_lists l ORDER BY l.sort, l.created_at`,
    );
  }

  async adminGet(id: string): Promise<RecommendedListView> {
    if (!isUuid(id)) throw new DomainError(CatalogErrors.LIST_NOT_FOUND);
    const rows: RecommendedListView[] = await tenantManager().query(
      `SELECT ${columnsSql<RecommendedListView>({
        ...LIST_COLUMNS,
        // each a search hit, and whether it was withdrawn since (the OPAC leaves it out)
        records: `(SELECT coalesce(json_agg((${HIT_JSON})::jsonb || jsonb_build_object('withdrawn', r.withdrawn_at IS NOT NULL) ORDER BY e.position), '[]'::json)
                 FROM recommended_list_entries e JOIN records r ON r.id = e.record_id WHERE e.list_id = l.id)`,
      })}
         FROM recommended_lists l WHERE l.id = $1`,
      [id],
    );
    if (!rows.length) throw new DomainError(CatalogErrors.LIST_NOT_FOUND);
    return rows[0];
  }

  private async setEntries(listId: string, recordIds: string[]): Promise<void> {
    const ids = [...new Set(recordIds)];
    if (ids.length) {
      const found: { id: string }[] = await tenantManager().query(
        `SELECT id FROM records WHERE id = ANY($1::uuid[]) AND withdrawn_at IS NULL`,
        [ids],
      );
      const ok = new Set(found.map((r) => r.id));
      const missing = ids.filter((x) => !ok.has(x));
      if (missing.length) {
        throw new DomainError(CatalogErrors.LIST_RECORDS_UNKNOWN, undefined, missing.map((m) => ({ path: 'recordIds', code: 'RECORD_NOT_FOUND', message: m })));
      }
    }
    await tenantManager().query(`DELETE FROM recommended_list_entries WHERE list_id = $1`, [listId]);
    if (ids.length) {
      await tenantManager().query(
        `INSERT INTO recommended_list_entries (list_id, record_id, position)
         SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, ord)`,
        [listId, ids],
      );
    }
  }

  async create(body: CreateRecommendedListDto): Promise<RecommendedListView> {
    const rows = await tenantManager().query(
      `INSERT INTO recommended_lists (title, description, published, sort) VALUES ($1,$2,$3,$4) RETURNING id`,
      [body.title.trim(), body.description ?? null, body.published ?? true, body.sort ?? 0],
    );
    const id: string = rows[0].id;
    await this.setEntries(id, body.recordIds ?? []);
    const view = await this.adminGet(id);
    await this.audit.record('list.create', 'recommended_list', id, null, { ...body });
    return view;
  }

  async update(id: string, body: UpdateRecommendedListDto): Promise<RecommendedListView> {
    const before = await this.adminGet(id);
    await tenantManager().query(
      `UPDATE recommended_lists SET title = coalesce($2, title),
              description = CASE WHEN $3::boolean THEN $4 ELSE description END,
              published = coalesce($5, published), sort = coalesce($6, sort)
        WHERE id = $1`,
      [id, body.title?.trim() ?? null, body.description !== undefined, body.description ?? null, body.published ?? null, body.sort ?? null],
    );
    if (body.recordIds) await this.setEntries(id, body.recordIds);
    const after = await this.adminGet(id);
    await this.audit.record('list.update', 'recommended_list', id,
      { title: before.title, description: before.description, published: before.published, sort: before.sort, recordIds: before.records.map((r) => r.id) },
      { title: after.title, description: after.description, published: after.published, sort: after.sort, recordIds: after.records.map((r) => r.id) });
    return after;
  }

  async remove(id: string): Promise<void> {
    const before = await this.adminGet(id);
    await tenantManager().query(`DELETE FROM recommended_lists WHERE id = $1`, [id]);
    await this.audit.record('list.delete', 'recommended_list', id, { title: before.title }, null);
  }
}
