import { CardFormatReason, CardFormatReasons, Codes } from './codes';
import { Localized, t } from './i18n';
import { CardRules, CheckDigitScheme } from './schema';

export type NormalizeCardResult =
  | { ok: true; cardNumber: string }
  | { ok: false; code: typeof Codes.CARD_FORMAT; reason: CardFormatReason; message: Localized };

/**
 * Dashes people type or paste between digit groups. NFKC already folds the full-width
 * hyphen (－) and space; the others survive NFKC, and ー (the long-vowel mark) is what a
 * Japanese IME often produces when someone means "-".
 */
const DASHES = /[-‐‑‒–—―−ー]/g;

/**
 * Turns what a patron typed into the canonical card number, or says why it cannot be one.
 * Order matters: fold (NFKC: full-width digits → ASCII), drop spaces and dashes, drop a
 * legacy letter prefix (Kushiro's pre-2018 "A", seeds/001_…txt:78-81), then check length,
 * digits, fixed prefix and check digit.
 */
export function normalizeCardNumber(input: string, card: CardRules): NormalizeCardResult {
  let s = (input ?? '').normalize('NFKC').replace(/\s+/g, '').replace(DASHES, '');
  for (const prefix of card.strippedPrefixes) {
    if (s.length > prefix.length && s.slice(0, prefix.length).toUpperCase() === prefix.toUpperCase() && /^\d/.test(s.slice(prefix.length))) {
      s = s.slice(prefix.length);
      break;
    }
  }
  const fail = (reason: CardFormatReason): NormalizeCardResult => ({
    ok: false,
    code: Codes.CARD_FORMAT,
    reason,
    message: cardFormatMessage(reason, card),
  });
  if (s === '') return fail(CardFormatReasons.EMPTY);
  if (!/^\d+$/.test(s)) return fail(CardFormatReasons.NOT_DIGITS);
  if (s.length < card.minLength) return fail(CardFormatReasons.TOO_SHORT);
  if (s.length > card.maxLength) return fail(CardFormatReasons.TOO_LONG);
  if (card.fixedPrefix && !s.startsWith(card.fixedPrefix)) return fail(CardFormatReasons.PREFIX);
  if (card.checkDigit !== 'none' && !hasValidCheckDigit(s, card.checkDigit)) return fail(CardFormatReasons.CHECK_DIGIT);
  return { ok: true, cardNumber: s };
}

/**
 * The check digit for `body` (the digits before it) under `scheme`; used to verify cards
 * and to mint demo cards. Weights start at the digit next to the check digit (rightmost).
 */
export function checkDigitFor(body: string, scheme: CheckDigitScheme): string {
  if (!/^\d+$/.test(body)) throw new RangeError(`checkDigitFor needs digits, got "${body}"`);
  const fromRight = [...body].reverse().map(Number);
  switch (scheme) {
    case 'none':
      return '';
    case 'mod10-luhn': {
      // Weights 2,1,2,…; a two-digit product contributes the sum of its digits (12 → 1+2).
      const sum = fromRight.reduce((acc, d, i) => {
        const p = i % 2 === 0 ? d * 2 : d;
        return acc + (p > 9 ? p - 9 : p);
      }, 0);
      return String((10 - (sum % 10)) % 10);
    }
    case 'mod10-weight21': {
      // Weights 2,1,2,…; products are added whole (12 adds 12).
      const sum = fromRight.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 2 : 1), 0);
      return String((10 - (sum % 10)) % 10);
    }
    case 'mod10-weight31': {
      const sum = fromRight.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
      return String((10 - (sum % 10)) % 10);
    }
    case 'mod11': {
      // Weights 2..7 repeating. 11 - remainder; 10 and 11 both become 0 (cards are digits only).
      const sum = fromRight.reduce((acc, d, i) => acc + d * (2 + (i % 6)), 0);
      const cd = 11 - (sum % 11);
      return String(cd >= 10 ? 0 : cd);
    }
  }
}

/** True when the last digit of `cardNumber` is the check digit of the rest. */
export function hasValidCheckDigit(cardNumber: string, scheme: CheckDigitScheme): boolean {
  if (scheme === 'none') return true;
  if (!/^\d{2,}$/.test(cardNumber)) return false;
  return checkDigitFor(cardNumber.slice(0, -1), scheme) === cardNumber.slice(-1);
}

function lengthText(card: CardRules): Localized {
  return card.minLength === card.maxLength
    ? t(`${card.minLength}桁`, `${card.minLength} digits`)
    : t(`${card.minLength}～${card.maxLength}桁`, `${card.minLength}–${card.maxLength} digits`);
}

function cardFormatMessage(reason: CardFormatReason, card: CardRules): Localized {
  const len = lengthText(card);
  switch (reason) {
    case CardFormatReasons.EMPTY:
      return t('利用者カードの番号を入力してください。', 'Enter your card number.');
    case CardFormatReasons.NOT_DIGITS:
      return t('利用者カードの番号は半角数字で入力してください。', 'Enter the card number as digits only.');
    case CardFormatReasons.TOO_SHORT:
    case CardFormatReasons.TOO_LONG:
      return t(`利用者カードの番号は${len.ja}です。`, `The card number has ${len.en}.`);
    case CardFormatReasons.PREFIX:
      return t(
        `利用者カードの番号は「${card.fixedPrefix}」で始まります。`,
        `The card number starts with "${card.fixedPrefix}".`,
      );
    case CardFormatReasons.CHECK_DIGIT:
      return t(
        '利用者カードの番号に誤りがあります。カードの番号をもう一度ご確認ください。',
        'The card number is not valid. Please check the number on your card.',
      );
  }
}

/** Hint lines for the login and registration forms, derived from the rules. */
export function cardRulesText(card: CardRules): Localized[] {
  const lines: Localized[] = [];
  const len = lengthText(card);
  lines.push(
    t(
      `利用者カードのバーコードの下の番号（半角数字${len.ja}）を入力してください。`,
      `Enter the number under the barcode of your card (${len.en}).`,
    ),
  );
  if (card.fixedPrefix) {
    lines.push(t(`番号は「${card.fixedPrefix}」で始まります。`, `The number starts with "${card.fixedPrefix}".`));
  }
  lines.push(t('ハイフン（-）やスペースは入力不要です。', 'Hyphens and spaces are not needed.'));
  if (card.example) {
    const typed = normalizeCardNumber(card.example, card);
    if (typed.ok && typed.cardNumber !== card.example) {
      lines.push(t(`例：${card.example} は ${typed.cardNumber} と入力します。`, `Example: type ${card.example} as ${typed.cardNumber}.`));
    } else {
      lines.push(t(`例：${card.example}`, `Example: ${card.example}`));
    }
  }
  for (const prefix of card.strippedPrefixes) {
    lines.push(
      t(
        `番号の前に「${prefix}」が付いているカードは、「${prefix}」を除いた数字のみを入力してください。`,
        `If your card number starts with "${prefix}", type the digits only, without "${prefix}".`,
      ),
    );
  }
  return lines;
}
