/** The API's rule for tenant slugs (they become schema names and the OPAC's URL `/opac/{slug}/`). */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;
