import { DOCUMENT, inject, Injectable } from '@angular/core';
import type { SearchResult } from '@shiori/contracts';
import { SearchQuery } from './catalog';

/** Where the server puts its answer (apps/api/src/modules/opac-pages/pages.ts SEARCH_ANSWER_ID). */
export const SERVER_ANSWER_ID = 'opac-search-answer';

/** The conditions as one string: keys in order, values as text (the URL's `2` and the app's 2 are one page). */
function conditionsKey(q: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(q)
      .filter((k) => q[k] !== undefined && q[k] !== null && q[k] !== '')
      .sort()
      .map((k) => [k, String(q[k])]),
  );
}

/**
 * The search answer the server embedded in a search page it sent with its first hits (the same
 * answer GET /search gives, `{asked, answer}`), so the search page does not search again for
 * them. It answers the first query only, and only when that query is what the server searched
 * for; it is taken out of the page on that first query either way, so a later search (a
 * second page, the back button) always asks the API.
 */
@Injectable({ providedIn: 'root' })
export class ServerAnswer {
  private readonly document = inject(DOCUMENT);
  private taken = false;

  take(q: SearchQuery): SearchResult | null {
    if (this.taken) return null;
    this.taken = true;
    const element = this.document.getElementById(SERVER_ANSWER_ID);
    if (!element) return null;
    element.remove();
    try {
      const { asked, answer } = JSON.parse(element.textContent ?? '') as { asked: Record<string, unknown>; answer: SearchResult };
      return asked && answer && conditionsKey(asked) === conditionsKey(q as Record<string, unknown>) ? answer : null;
    } catch {
      return null;
    }
  }
}
