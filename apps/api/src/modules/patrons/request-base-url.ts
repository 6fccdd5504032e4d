import type { Request } from 'express';

/** The public origin for links in mails: PUBLIC_URL when configured, else the request's own. */
export function requestBaseUrl(req: Request, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return `${req.protocol}://${req.get('host')}`;
}
