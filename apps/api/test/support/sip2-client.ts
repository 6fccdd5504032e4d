import * as iconv from 'iconv-lite';
import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * A SIP2 self-check client for the tests, written from the protocol (3M SIP2 2.00 message
 * layouts, the checksum rule) and not from the server's code: it builds requests by
 * concatenating the fixed fields in the specification's order, adds `AY<n>AZ<xxxx>` with its
 * own checksum, and splits answers by its own table of fixed-field lengths.
 */

/** Fixed-field lengths (after the two-digit code) of every answer the client reads. */
const FIXED_LENGTH: Record<string, number> = {
  '94': 1,
  '96': 0,
  '98': 34, // 6 flags, timeout 3, retries 3, date 18, version 4
  '24': 35, // patron status 14, language 3, date 18
  '64': 59, // … + six counts of 4
  '12': 22, // ok, renewal ok, magnetic, desensitize, date 18
  '10': 22, // ok, resensitize, magnetic, alert, date 18
  '30': 22,
  '18': 24, // circulation status 2, security marker 2, fee type 2, date 18
  '36': 19, // end session 1, date 18
};

/** Sum of the bytes, two's complement, low 16 bits, four upper-case hex digits. */
export function checksumOf(bytes: Buffer): string {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += bytes[i];
  return ((0x10000 - (sum % 0x10000)) % 0x10000).toString(16).toUpperCase().padStart(4, '0');
}

/** A SIP2 date in Japan's local time: YYYYMMDD, four blanks, HHMMSS. */
export function sipDate(at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${p('year')}${p('month')}${p('day')}    ${p('hour')}${p('minute')}${p('second')}`;
}

export interface SipAnswer {
  raw: string;
  code: string;
  /** The fixed part after the code. */
  fixed: string;
  fields: Map<string, string[]>;
  /** First value of a field. */
  get(id: string): string | undefined;
  /** The sequence number echoed, when the answer carried one. */
  sequence: string | null;
}

export function parseAnswer(raw: string): SipAnswer {
  let text = raw;
  let sequence: string | null = null;
  const ed = /(?:AY(\d))?AZ[0-9A-F]{4}$/.exec(text);
  if (ed) {
    sequence = ed[1] ?? null;
    text = text.slice(0, ed.index);
  }
  const code = text.slice(0, 2);
  const len = FIXED_LENGTH[code];
  if (len === undefined) throw new Error(`unexpected answer ${raw}`);
  const fixed = text.slice(2, 2 + len);
  const fields = new Map<string, string[]>();
  for (const part of text.slice(2 + len).split('|')) {
    if (!part) continue;
    const id = part.slice(0, 2);
    fields.set(id, [...(fields.get(id) ?? []), part.slice(2)]);
  }
  return { raw, code, fixed, fields, get: (id) => fields.get(id)?.[0], sequence };
}

export interface ClientOptions {
  tls?: boolean;
  /** The machine's character set (as its account says). */
  charset?: 'utf-8' | 'windows-31j';
  /** Add AY/AZ to every message (default on). */
  errorDetection?: boolean;
  /** Connect from this local address (127.0.0.x: another "machine" for the rate limits; plain TCP only). */
  localAddress?: string;
}

export class SipTestClient {
  private buffer = Buffer.alloc(0);
  private readonly answers: Buffer[] = [];
  private waiters: ((b: Buffer | null) => void)[] = [];
  private sequence = 0;
  private ended = false;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;

  private constructor(
    private readonly socket: net.Socket,
    private readonly opts: ClientOptions,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      let at: number;
      while ((at = this.buffer.indexOf(0x0d)) >= 0) {
        const line = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + 1);
        if (this.buffer[0] === 0x0a) this.buffer = this.buffer.subarray(1);
        const waiter = this.waiters.shift();
        if (waiter) waiter(Buffer.from(line));
        else this.answers.push(Buffer.from(line));
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.ended = true;
        for (const w of this.waiters.splice(0)) w(null);
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, opts: ClientOptions = {}): Promise<SipTestClient> {
    return new Promise((resolve, reject) => {
      const socket = opts.tls
        ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false })
        : net.connect({ host: '127.0.0.1', port, localAddress: opts.localAddress });
      socket.once(opts.tls ? 'secureConnect' : 'connect', () => resolve(new SipTestClient(socket, opts)));
      socket.once('error', reject);
    });
  }

  private encode(text: string): Buffer {
    return this.opts.charset === 'windows-31j' ? iconv.encode(text, 'windows-31j') : Buffer.from(text, 'utf8');
  }

  private decode(bytes: Buffer): string {
    return this.opts.charset === 'windows-31j' ? iconv.decode(bytes, 'windows-31j') : bytes.toString('utf8');
  }

  /** Sends one message (its text without AY/AZ); returns the sequence number used. */
  send(message: string, opts: { sequence?: string; corruptChecksum?: boolean } = {}): string | null {
    let bytes = this.encode(message);
    let sequence: string | null = null;
    if (this.opts.errorDetection !== false) {
      sequence = opts.sequence ?? String(this.sequence++ % 10);
      const head = Buffer.concat([bytes, Buffer.from(`AY${sequence}AZ`, 'latin1')]);
      let sum = checksumOf(head);
      if (opts.corruptChecksum) sum = sum === '0000' ? '0001' : '0000';
      bytes = Buffer.concat([head, Buffer.from(sum, 'latin1')]);
    }
    this.write(Buffer.concat([bytes, Buffer.from('\r')]));
    return sequence;
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The next answer, its checksum verified by the client when it carries one; null when the server closed. */
  async next(): Promise<SipAnswer | null> {
    const line = this.answers.shift() ?? (this.ended ? null : await new Promise<Buffer | null>((r) => this.waiters.push(r)));
    if (!line) return null;
    const tail = /AZ([0-9A-F]{4})$/.exec(line.subarray(Math.max(0, line.length - 6)).toString('latin1'));
    if (tail && checksumOf(line.subarray(0, line.length - 4)) !== tail[1]) throw new Error(`bad checksum in answer ${line.toString('latin1')}`);
    return parseAnswer(this.decode(line));
  }

  /** Sends and reads the answer; throws when the server closed instead. */
  async request(message: string): Promise<SipAnswer> {
    const sequence = this.send(message);
    const answer = await this.next();
    if (!answer) throw new Error(`connection closed instead of an answer to ${message.slice(0, 2)}`);
    if (sequence !== null && answer.code !== '96' && answer.sequence !== sequence) throw new Error(`answer to sequence ${sequence} carried ${answer.sequence}`);
    return answer;
  }

  close(): void {
    this.socket.destroy();
  }

  // --- messages, field by field in the specification's order -----------------------------

  login(user: string, password: string, city: string): Promise<SipAnswer> {
    return this.request(`9300CN${user}|CO${password}|CP${city}|`);
  }

  scStatus(): Promise<SipAnswer> {
    return this.request('9900802.00');
  }

  patronStatus(card: string, pin?: string, language = '014'): Promise<SipAnswer> {
    return this.request(`23${language}${sipDate()}AO|AA${card}|AC|${pin !== undefined ? `AD${pin}|` : ''}`);
  }

  /** `list`: which list to ask for: 0 holds ready, 1 overdue, 2 loans, 5 holds not ready. */
  patronInformation(card: string, opts: { pin?: string; list?: number; language?: string } = {}): Promise<SipAnswer> {
    const summary = Array.from({ length: 10 }, (_, i) => (i === opts.list ? 'Y' : ' ')).join('');
    return this.request(`63${opts.language ?? '014'}${sipDate()}${summary}AO|AA${card}|AC|${opts.pin !== undefined ? `AD${opts.pin}|` : ''}`);
  }

  checkout(card: string, item: string, opts: { renewalPolicy?: 'Y' | 'N'; pin?: string; cancel?: boolean } = {}): Promise<SipAnswer> {
    return this.request(
      `11${opts.renewalPolicy ?? 'N'}N${sipDate()}${' '.repeat(18)}AO|AA${card}|AB${item}|AC|${opts.pin !== undefined ? `AD${opts.pin}|` : ''}${opts.cancel ? 'BIY|' : ''}`,
    );
  }

  checkin(item: string): Promise<SipAnswer> {
    const now = sipDate();
    return this.request(`09N${now}${now}AP返却ポスト|AO|AB${item}|AC|`);
  }

  renew(card: string, item: string, pin?: string): Promise<SipAnswer> {
    return this.request(`29NN${sipDate()}${' '.repeat(18)}AO|AA${card}|${pin !== undefined ? `AD${pin}|` : ''}AB${item}|AC|`);
  }

  itemInformation(item: string): Promise<SipAnswer> {
    return this.request(`17${sipDate()}AO|AB${item}|AC|`);
  }

  endSession(card: string): Promise<SipAnswer> {
    return this.request(`35${sipDate()}AO|AA${card}|`);
  }
}
