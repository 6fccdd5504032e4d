/**
 * SIP2 error detection (3M SIP2 "Checksum" and "Sequence number"): a message that carries
 * `AY<digit>AZ<4 hex>` at its end is checked, and the answer echoes the sequence digit.
 *
 * The checksum is the two's complement of the 16-bit sum of every byte of the message up
 * to and including the `AZ`, written as four upper-case hex digits (`97AZ` → `FEF5`,
 * `96AZ` → `FEF6`). It is computed over the bytes on the wire, i.e. after the message is
 * encoded in the machine's character set (UTF-8 unless its account says otherwise).
 */
export function sipChecksum(bytes: Uint8Array): string {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xffff;
  return (-sum & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

const ASCII = (s: string) => Buffer.from(s, 'latin1');
const AZ = /AZ([0-9A-Fa-f]{4})$/;
const AY_BEFORE_AZ = /AY([0-9])$/;

/** A received line with its error-detection tail taken off. */
export interface Frame {
  /** The message without `AY…AZ…`. */
  body: Buffer;
  /** The sequence digit of `AY`, or null when the message has none. */
  sequence: string | null;
  /** The message carried `AZ` (error detection on: answers carry it too). */
  errorDetection: boolean;
  /** False when `AZ` did not match the bytes. */
  checksumOk: boolean;
}

/** Splits the `AY<n>AZ<xxxx>` tail off a received line and checks its checksum. */
export function unwrapFrame(line: Buffer): Frame {
  const tail = line.subarray(Math.max(0, line.length - 6)).toString('latin1');
  const az = AZ.exec(tail);
  if (!az) return { body: line, sequence: null, errorDetection: false, checksumOk: true };
  const checked = line.subarray(0, line.length - 4);
  const checksumOk = sipChecksum(checked) === az[1].toUpperCase();
  const beforeAz = line.subarray(0, line.length - 6);
  const ay = AY_BEFORE_AZ.exec(beforeAz.subarray(Math.max(0, beforeAz.length - 3)).toString('latin1'));
  return {
    body: ay ? beforeAz.subarray(0, beforeAz.length - 3) : beforeAz,
    sequence: ay ? ay[1] : null,
    errorDetection: true,
    checksumOk,
  };
}

/** Appends `AY<sequence>AZ<checksum>` (or only `AZ<checksum>` without a sequence) to an encoded message. */
export function wrapFrame(body: Buffer, sequence: string | null): Buffer {
  const head = Buffer.concat([body, ASCII(sequence === null ? 'AZ' : `AY${sequence}AZ`)]);
  return Buffer.concat([head, ASCII(sipChecksum(head))]);
}
