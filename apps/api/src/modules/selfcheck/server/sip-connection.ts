import type { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { decodeText, encodeText, SipCharset } from '../protocol/charsets';
import { unwrapFrame, wrapFrame } from '../protocol/checksum';
import { formatMessage, parseMessage, SipMessage } from '../protocol/codec';
import { LineSplitter } from '../protocol/lines';
import { MachineLoginService } from '../sip/machine-login.service';
import { SelfCheckService } from '../sip/self-check.service';
import { SessionEnded, SipSession } from '../sip/sip-session';

/** The longest message accepted (a real one is a few hundred bytes): a longer line closes the connection. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
/** Messages read ahead of the one being answered; a client that floods past it is cut off. */
const MAX_QUEUED = 32;
/** Failed logins, and unreadable messages in a row, one connection may send before it is closed. */
const MAX_FAILED_LOGINS = 3;
const MAX_BAD_MESSAGES = 10;

export interface ConnectionDeps {
  login: MachineLoginService;
  selfCheck: SelfCheckService;
  idleMs: number;
  log: Logger;
}

const RESEND_REQUEST = '96';

/**
 * One SIP2 connection: bytes in, one message at a time, answers out. It belongs to no city
 * until a login (93) succeeds, then to that city for its life. A message before the login
 * closes it; so does a line past MAX_MESSAGE_BYTES, a connection silent for the idle
 * timeout (while it has no message of ours to wait for), or a machine that was revoked. A message whose checksum fails, or that cannot be
 * read, is answered 96 (send it again). 97 gets the last answer again, and so does a
 * message repeated with the same sequence number (the machine lost our answer): a loan is
 * never made twice for one scan.
 */
export class SipConnection {
  private readonly splitter = new LineSplitter(MAX_MESSAGE_BYTES);
  private readonly address: string;
  private session: SipSession | null = null;
  private charset: SipCharset = 'utf-8';
  private lastRequest: Buffer | null = null;
  private lastAnswer: Buffer | null = null;
  private failedLogins = 0;
  private badMessages = 0;
  private queued = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly deps: ConnectionDeps,
  ) {
    this.address = socket.remoteAddress ?? 'unknown';
    socket.setTimeout(deps.idleMs);
    socket.on('timeout', () => {
      // silent because it waits for our answer (a slow database): not idle. The time counts
      // again from now, and writing the answer restarts it.
      if (this.queued > 0) return void socket.setTimeout(deps.idleMs);
      this.close('SIP_IDLE_TIMEOUT');
    });
    socket.on('error', (e) => this.close(`SIP_SOCKET_ERROR ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    socket.on('close', () => (this.closed = true));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // a client that sends its messages and closes its side (a script, socat) still gets every answer
    socket.on('end', () => void this.chain.then(() => !this.closed && socket.end()));
  }

  private who(): string {
    return this.session ? `${this.session.tenant.slug}/${this.session.machine.login}@${this.address}` : `?@${this.address}`;
  }

  close(code: string): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.log.log(`${this.who()} connection closed: ${code}`);
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    const { lines, tooLong } = this.splitter.push(chunk);
    for (const line of lines) {
      if (++this.queued > MAX_QUEUED) return this.close('SIP_FLOOD');
      this.chain = this.chain.then(() => this.process(line)).finally(() => this.queued--);
    }
    if (tooLong) this.close('SIP_LINE_TOO_LONG');
  }

  private write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(Buffer.concat([bytes, Buffer.from('\r')]));
  }

  private answer(message: SipMessage, sequence: string | null, errorDetection: boolean, request: Buffer): void {
    const body = encodeText(formatMessage(message), this.charset);
    const bytes = errorDetection ? wrapFrame(body, sequence) : body;
    this.lastRequest = request;
    this.lastAnswer = bytes;
    this.badMessages = 0;
    this.write(bytes);
  }

  private resendRequest(errorDetection: boolean, code: string): void {
    this.deps.log.log(`${this.who()} answered 96: ${code}`);
    const body = Buffer.from(RESEND_REQUEST, 'latin1');
    // 96 is our last message now (a 97 gets it again); no request is answered by it
    this.lastAnswer = errorDetection ? wrapFrame(body, null) : body;
    this.lastRequest = null;
    this.write(this.lastAnswer);
    if (++this.badMessages >= MAX_BAD_MESSAGES) this.close('SIP_TOO_MANY_BAD_MESSAGES');
  }

  private async process(line: Buffer): Promise<void> {
    if (this.closed) return;
    try {
      await this.handle(line);
    } catch (e) {
      if (e instanceof SessionEnded) return this.close(e.code);
      this.deps.log.error(`${this.who()} message failed: ${(e as Error)?.stack ?? e}`);
      this.close('INTERNAL');
    }
  }

  private async handle(line: Buffer): Promise<void> {
    const frame = unwrapFrame(line);
    if (!frame.checksumOk) return this.resendRequest(true, 'SIP_CHECKSUM');
    const text = decodeText(frame.body, this.charset);
    if (text === '97') {
      // the machine did not get our last answer: the same bytes again
      if (this.lastAnswer) this.write(this.lastAnswer);
      else this.resendRequest(frame.errorDetection, 'SIP_NOTHING_TO_RESEND');
      return;
    }
    if (frame.sequence !== null && this.lastRequest?.equals(line) && this.lastAnswer) {
      this.deps.log.log(`${this.who()} repeated message ${text.slice(0, 2)} (same sequence number): last answer sent again`);
      this.write(this.lastAnswer);
      return;
    }
    const parsed = parseMessage(text);
    if (!parsed.ok) return this.resendRequest(frame.errorDetection, `SIP_${parsed.failure} ${parsed.detail}`);
    const msg = parsed.message;

    if (msg.code === '93') {
      const outcome = await this.deps.login.login(msg, this.address, this.session?.tenant ?? null);
      if (outcome.session) {
        this.session = outcome.session;
        this.charset = outcome.session.machine.charset;
        this.failedLogins = 0;
      }
      this.deps.log.log(`${this.who()} login ${outcome.session ? 'accepted' : `refused: ${outcome.code}`}`);
      this.answer({ code: '94', fixed: { ok: outcome.session ? '1' : '0' }, fields: [] }, frame.sequence, frame.errorDetection, line);
      if (!outcome.session && ++this.failedLogins >= MAX_FAILED_LOGINS) this.close('SIP_TOO_MANY_FAILED_LOGINS');
      return;
    }
    if (!this.session) return this.close(`SIP_NOT_LOGGED_IN (message ${msg.code})`);

    const answer = await this.deps.selfCheck.handle(this.session, msg);
    if (answer.code !== 'OK') this.deps.log.log(`${this.who()} ${msg.code} → ${answer.message.code} refused: ${answer.code}`);
    else this.deps.log.debug?.(`${this.who()} ${msg.code} → ${answer.message.code}`);
    this.answer(answer.message, frame.sequence, frame.errorDetection, line);
  }
}
