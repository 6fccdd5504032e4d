import * as iconv from 'iconv-lite';

/**
 * Character sets a self-check machine may speak. UTF-8 is the default and carries every
 * Japanese title and name; a machine that cannot read it gets one of the legacy sets on
 * its account: Shift_JIS as Windows writes it (Windows-31J: NEC and IBM extensions such as
 * ① and 髙), EUC-JP, or the Latin sets of older Western machines (IBM850, the SIP2
 * specification's own, and ISO-8859-1). A character the set cannot hold is sent as `?`.
 */
export const SIP_CHARSETS = ['utf-8', 'windows-31j', 'euc-jp', 'ibm850', 'iso-8859-1'] as const;
export type SipCharset = (typeof SIP_CHARSETS)[number];

export function isSipCharset(s: string): s is SipCharset {
  return (SIP_CHARSETS as readonly string[]).includes(s);
}

export function encodeText(text: string, charset: SipCharset): Buffer {
  return charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
}

export function decodeText(bytes: Buffer, charset: SipCharset): string {
  return charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset);
}
