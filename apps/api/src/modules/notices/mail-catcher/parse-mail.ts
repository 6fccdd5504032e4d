/**
 * A small parser for the mails the demo mail catcher receives (what nodemailer sends: one
 * text part, or a multipart whose first text/plain part is shown). Pure, no I/O.
 */
export interface ParsedMail {
  from: string;
  to: string;
  subject: string;
  date?: string;
  messageId?: string;
  text: string;
}

function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

function decodeQuotedPrintable(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function splitHead(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: '' };
  return { head: raw.slice(0, m.index).replace(/\r?\n[ \t]+/g, ' '), body: raw.slice(m.index + m[0].length) };
}

function headerOf(head: string, name: string): string | undefined {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim();
}

function decodeBody(head: string, body: string): string {
  const cte = (headerOf(head, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? decodeQuotedPrintable(body) : Buffer.from(body, 'latin1').toString('utf8');
  return text.replace(/\r\n/g, '\n');
}

function textPart(head: string, body: string): string {
  const type = headerOf(head, 'Content-Type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return decodeBody(head, body);
  const parts = body.split(`--${boundary}`).slice(1);
  for (const part of parts) {
    if (part.startsWith('--')) break;
    const p = splitHead(part.replace(/^\r?\n/, ''));
    const partType = headerOf(p.head, 'Content-Type') ?? 'text/plain';
    if (/^text\/plain/i.test(partType) || /^multipart\//i.test(partType)) return textPart(p.head, p.body.replace(/\r?\n$/, ''));
  }
  return '';
}

/** `raw` is the message as received, read as latin1 so every byte survives until decoded. */
export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const h = (name: string) => {
    const v = headerOf(head, name);
    // raw 8-bit header bytes (SMTPUTF8) are UTF-8; encoded words are ASCII and decoded after
    return v === undefined ? undefined : decodeWords(Buffer.from(v, 'latin1').toString('utf8'));
  };
  return {
    from: h('From') ?? '',
    to: h('To') ?? '',
    subject: h('Subject') ?? '',
    date: h('Date'),
    messageId: h('Message-ID'),
    text: textPart(head, body),
  };
}
