import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';

/** Records per sitemap file (the protocol allows 50,000 URLs and 50 MB). */
export const SITEMAP_PAGE_SIZE = 40_000;

/** The public record pages a city's sitemap lists (modules/opac-pages), in a stable order. */
@Injectable()
export class RecordSitemapService {
  async count(): Promise<number> {
    const rows: { n: number }[] = await tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE withdrawn_at IS NULL`);
    return rows[0]?.n ?? 0;
  }

  /** Page `page` (from 0) of the records, with when each last changed. */
  async page(page: number): Promise<{ id: string; updatedAt: Date }[]> {
    return tenantManager().query(
      `SELECT id, updated_at AS "updatedAt" FROM records WHERE withdrawn_at IS NULL ORDER BY id LIMIT $1 OFFSET $2`,
      [SITEMAP_PAGE_SIZE, page * SITEMAP_PAGE_SIZE],
    );
  }
}
