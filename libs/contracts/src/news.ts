/** A news item (お知らせ) or an event (行事) of the library. */
export type NewsKind = 'news' | 'event';

/** The lengths `POST`/`PUT /admin/news` accept (longer: 400 VALIDATION). */
export const NEWS_LIMITS = { title: 200, body: 5000, branchCode: 40 } as const;

/** A news item or an event as the OPAC and the editor read it (`GET /news`, `/admin/news`). */
export interface NewsItem {
  id: string;
  kind: NewsKind;
  title: string;
  /** '' when the library wrote none. */
  body: string;
  /** `YYYY-MM-DD`: an event's day; null for news. */
  eventDate: string | null;
  branchCode: string | null;
  publishedAt: string;
}

/** `GET /news` (public): the latest news (20), and the events from `from` to `to` (default: this month and the next two). */
export interface NewsList {
  news: NewsItem[];
  events: NewsItem[];
}

/** `GET /news`: the query. */
export interface NewsQuery {
  /** Only news, or only events. */
  kind?: NewsKind;
  /** `YYYY-MM-DD` */
  from?: string;
  /** `YYYY-MM-DD` */
  to?: string;
  /** Ignored: a cache buster (the admin console reads past the one-minute cache). */
  fresh?: string;
}

/** `POST /admin/news`, `PUT /admin/news/{id}`: an item as the librarian writes it (an event needs `eventDate`). */
export interface NewsInput {
  kind: NewsKind;
  title: string;
  body?: string;
  /** `YYYY-MM-DD`, for events. */
  eventDate?: string;
  branchCode?: string;
}
