const CR = 0x0d;
const LF = 0x0a;

/**
 * Cuts a byte stream into SIP2 messages. A message ends with CR (the specification), CRLF
 * (most clients) or LF alone (a terminal); empty lines between them are dropped. CR and LF
 * never occur inside a multi-byte character of UTF-8, Shift_JIS or EUC-JP, so the stream is
 * cut before it is decoded.
 *
 * A message longer than `maxBytes` without its line end is an attack or a broken client:
 * `push` then reports `tooLong` and keeps nothing, and the connection should be closed.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): { lines: Buffer[]; tooLong: boolean } {
    const lines: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b !== CR && b !== LF) continue;
      const part = chunk.subarray(start, i);
      const line = this.pendingBytes ? Buffer.concat([...this.pending, part]) : part;
      this.pending = [];
      this.pendingBytes = 0;
      start = i + 1;
      if (line.length > this.maxBytes) return { lines, tooLong: true };
      if (line.length) lines.push(Buffer.from(line));
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxBytes) {
        this.pending = [];
        this.pendingBytes = 0;
        return { lines, tooLong: true };
      }
    }
    return { lines, tooLong: false };
  }
}
