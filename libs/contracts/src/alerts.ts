// New-arrival alerts (新着お知らせ, API module `alerts`, `/t/{slug}/me/alerts…`): a patron's saved
// searches, mailed as a digest when new records match them.
import type { SearchConditions } from './catalog';

/**
 * The conditions of a saved search: the words and filters of the catalogue search (`GET /search`),
 * as JSON (lists are arrays, flags booleans, years numbers), as `POST /me/alerts` takes them and
 * `GET /me/alerts` answers them. The API matches new records with the search's own conditions, so
 * an alert finds what the search page found.
 */
export interface AlertQuery extends Omit<SearchConditions, 'ndc'> {
  /** NDC classes or prefixes, any of them; one string is a comma-separated list (alerts saved before lists keep `'913'`). */
  ndc?: string[] | string;
}

/** `GET /me/alerts`, and the answer of creating or renaming one: one saved search of the patron. */
export interface AlertView {
  id: string;
  name: string;
  query: AlertQuery;
  createdAt: string;
  /** When the nightly job last looked for new records for it (null before the first time). */
  lastCheckedAt: string | null;
  /** Whether it sends mail: false while no e-mail is on file or the library sends none. */
  active: boolean;
}

/** `POST /me/alerts`: a name and the search's conditions (at least one). */
export interface NewAlertRequest {
  name: string;
  query: AlertQuery;
}

/** `PATCH /me/alerts/{id}`: the new name. */
export interface AlertRenameRequest {
  name: string;
}

/**
 * What the API takes (else 400 VALIDATION, or 422 ALERT_LIMIT for the `perPatron`-th + 1 alert):
 * the longest name and text condition, and the most values in a list condition.
 */
export const ALERT_LIMITS = {
  /** How many alerts one patron may keep. */
  perPatron: 20,
  name: 100,
  /** The words, title, author and publisher conditions. */
  text: 200,
  isbn: 30,
  /** An author's exact name (authorName, notAuthorName). */
  authorName: 100,
  /** Values of materialType, ndc and their NOT lists. */
  codes: 20,
  /** Values of branch and notBranch. */
  branches: 50,
  /** Values of authorName and notAuthorName. */
  authorNames: 10,
} as const;
