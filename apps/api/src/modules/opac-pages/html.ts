/** Escaping for the server-rendered OPAC pages: every value from the database goes through one of these. */

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside `<script type="application/ld+json">`: no `</script>` or `<!--` can close it early. */
export function jsonLd(data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<script type="application/ld+json">${json}</script>`;
}

/** Meta description, Open Graph and Twitter card tags for a page. */
export function metaTags(p: { title: string; description: string; url: string; siteName: string; type: 'website' | 'book' }): string {
  const lines = [
    `<meta name="description" content="${esc(p.description)}">`,
    `<link rel="canonical" href="${esc(p.url)}">`,
    `<meta property="og:type" content="${p.type}">`,
    `<meta property="og:title" content="${esc(p.title)}">`,
    `<meta property="og:description" content="${esc(p.description)}">`,
    `<meta property="og:url" content="${esc(p.url)}">`,
    `<meta property="og:site_name" content="${esc(p.siteName)}">`,
    `<meta property="og:locale" content="ja_JP">`,
    `<meta name="twitter:card" content="summary">`,
  ];
  return lines.map((l) => `    ${l}`).join('\n');
}

/** At most `max` characters, cut at a character (not a UTF-16 half). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
