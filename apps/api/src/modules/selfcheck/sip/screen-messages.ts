import { Logger } from '@nestjs/common';
import { DomainError } from '../../../engine/errors/domain-error';
import { problemFor } from '../../../engine/errors/problem.filter';
import { LANGUAGE } from '../protocol/layouts';

export type ScreenLanguage = 'ja' | 'en';

/** Character sets that cannot show Japanese: their machines are answered in English. */
const LATIN_CHARSETS: readonly string[] = ['ibm850', 'iso-8859-1'];

/**
 * The language of a machine's screen messages: what the message asks for (SIP2 language
 * 001 = English, 014 = Japanese), else Japanese, unless the machine's character set cannot
 * show Japanese (an old Western machine), which gets English.
 */
export function screenLanguage(charset: string, sipLanguage?: string): ScreenLanguage {
  if (sipLanguage === LANGUAGE.english) return 'en';
  if (sipLanguage === LANGUAGE.japanese) return 'ja';
  return LATIN_CHARSETS.includes(charset) ? 'en' : 'ja';
}

export function sipLanguage(lang: ScreenLanguage): string {
  return lang === 'en' ? LANGUAGE.english : LANGUAGE.japanese;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const log = new Logger('SelfCheck');

/**
 * A refusal as the machine shows it, from the same code and ja/en messages the API's
 * problem+json carries: the service's own Japanese detail where it gave one (a loan limit
 * names the limit), else the code's message. Errors that are not the library's (a bug, the
 * database gone) are logged with their stack and shown as the generic system error.
 */
export function refusal(e: unknown, lang: ScreenLanguage): { code: string; text: string } {
  if (!(e instanceof DomainError)) {
    log.error(`self-check message failed: ${(e as Error)?.stack ?? e}`);
    return { code: 'INTERNAL', text: problemFor('INTERNAL').message[lang] };
  }
  const problem = problemFor(e.code, e.detail);
  const text = lang === 'ja' && e.detail && JAPANESE.test(e.detail) ? e.detail : problem.message[lang];
  return { code: e.code, text };
}

/** 2026-12-14 → 2026年12月14日 / December 14, 2026 (the library day as the patron reads it). */
export function libraryDay(isoDate: string, lang: ScreenLanguage): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** What the machine says when things go well, in both languages. */
export const SCREEN = {
  checkedOut: (title: string, due: string, lang: ScreenLanguage) =>
    lang === 'ja' ? `「${title}」を貸し出しました。返却期限は${due}です。` : `Checked out “${title}”. Due ${due}.`,
  renewed: (title: string, due: string, lang: ScreenLanguage) =>
    lang === 'ja' ? `「${title}」の貸出を延長しました。新しい返却期限は${due}です。` : `Renewed “${title}”. Now due ${due}.`,
  checkoutCancelled: (lang: ScreenLanguage) => (lang === 'ja' ? '貸出を取り消しました。' : 'The checkout was cancelled.'),
  checkedIn: (title: string, lang: ScreenLanguage) => (lang === 'ja' ? `「${title}」を返却しました。` : `Checked in “${title}”.`),
  notOnLoan: (title: string, lang: ScreenLanguage) =>
    lang === 'ja' ? `「${title}」は貸出中ではありませんでした。` : `“${title}” was not on loan.`,
  holdHere: (pickup: string, lang: ScreenLanguage) =>
    lang === 'ja' ? `予約の資料です。${pickup}の取置棚へ。` : `Wanted by a hold: to the hold shelf (${pickup}).`,
  holdElsewhere: (branch: string, lang: ScreenLanguage) =>
    lang === 'ja' ? `予約の資料です。${branch}へ回送してください。` : `Wanted by a hold: send to ${branch}.`,
  dueLine: (due: string, lang: ScreenLanguage) => (lang === 'ja' ? `返却期限 ${due}` : `Due ${due}`),
  holdsReady: (n: number, lang: ScreenLanguage) =>
    lang === 'ja' ? `予約の資料が${n}点届いています。カウンターでお受け取りください。` : `${n} reserved ${n === 1 ? 'item is' : 'items are'} ready for you at the counter.`,
  welcome: (name: string, lang: ScreenLanguage) => (lang === 'ja' ? `${name}さん、ご利用ありがとうございます。` : `Welcome, ${name}.`),
  goodbye: (lang: ScreenLanguage) => (lang === 'ja' ? 'ご利用ありがとうございました。' : 'Thank you for using the library.'),
  itemWithdrawn: (lang: ScreenLanguage) => (lang === 'ja' ? 'この資料は除籍されています。' : 'This item has been withdrawn.'),
} as const;
