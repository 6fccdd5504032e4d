/** Where the regional OPAC's API is and which region the page is for. */
export interface RegionLocation {
  /** e.g. `/api`, or `/shiori/api` when the service sits under a path prefix */
  apiBase: string;
  /** the region code from `/opac/r/{code}/` */
  region: string;
}

/**
 * Reads the region from the document's base URI: the API serves the one OPAC build at
 * `/opac/r/{code}/` with that base href (as it does `/opac/{slug}/` for a city). Null when the
 * page is not a regional one.
 */
export function regionLocationFrom(baseURI: string): RegionLocation | null {
  const path = new URL(baseURI, 'http://localhost/').pathname;
  const m = /^(.*?)\/opac\/r\/([a-z][a-z0-9-]{1,30})(?:\/|$)/.exec(path);
  return m ? { apiBase: `${m[1]}/api`, region: m[2] } : null;
}
