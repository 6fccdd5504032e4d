import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';

/** A news item as the OPAC's home page shows it. */
export interface NewsHeadline {
  id: string;
  title: string;
  body: string | null;
  publishedAt: string;
}

/** The city's latest news for pages the server draws (modules/opac-pages: the home page). Runs in the city's tenant context. */
@Injectable()
export class NewsService {
  /** The newest `limit` news items, as GET /news lists them (the OPAC's home shows five). */
  async latest(limit: number): Promise<NewsHeadline[]> {
    const rows: (Omit<NewsHeadline, 'publishedAt'> & { publishedAt: Date | string })[] = await tenantManager().query(
      `SELECT id, title, body, published_at AS "publishedAt" FROM news WHERE kind = 'news' ORDER BY published_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() }));
  }
}
