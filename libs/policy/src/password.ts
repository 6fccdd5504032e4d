import { Codes, PasswordReason, PasswordReasons } from './codes';
import { Localized, t } from './i18n';
import { PasswordRules } from './schema';

export interface PasswordReasonItem {
  code: PasswordReason;
  message: Localized;
}

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

export interface PasswordCheck {
  ok: boolean;
  /** PASSWORD_POLICY when not ok: the code the API answers with. */
  code?: typeof Codes.PASSWORD_POLICY;
  reasons: PasswordReasonItem[];
  strength: PasswordStrength;
  strengthLabel: Localized;
}

/** Katori's form shows "ふつう" on its meter (seeds/000_…txt:173), so label 2 is ふつう. */
export const STRENGTH_LABELS: Record<PasswordStrength, Localized> = {
  0: t('とても弱い', 'Very weak'),
  1: t('弱い', 'Weak'),
  2: t('ふつう', 'Fair'),
  3: t('強い', 'Strong'),
  4: t('とても強い', 'Very strong'),
};

const HALFWIDTH_KATAKANA = /[\uFF61-\uFF9F]/;
/** Anything outside ASCII: full-width letters, kana, kanji. Passwords are half-width only. */
const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Checks a password against the city's rules and rates its strength. All failing reasons
 * are returned at once so the form can list them. `confirm`, when given, must match (the
 * "一致" indicator of Katori's form, seeds/000_…txt:174).
 *
 * The password is never normalised: a full-width "ａ" is not "a", and silently folding it
 * would lock the patron out the day their IME is off.
 */
export function validatePassword(pw: string, rules: PasswordRules, opts: { confirm?: string } = {}): PasswordCheck {
  const reasons: PasswordReasonItem[] = [];
  const add = (code: PasswordReason, message: Localized) => reasons.push({ code, message });
  const chars = [...(pw ?? '')];

  if (chars.length === 0) {
    add(PasswordReasons.EMPTY, t('パスワードを入力してください。', 'Enter a password.'));
  } else {
    if (chars.length < rules.minLength) add(PasswordReasons.TOO_SHORT, lengthMessage(rules));
    if (chars.length > rules.maxLength) add(PasswordReasons.TOO_LONG, lengthMessage(rules));
  }
  if (chars.some((c) => HALFWIDTH_KATAKANA.test(c))) {
    add(PasswordReasons.HALFWIDTH_KATAKANA, t('半角カタカナは使用できません。', 'Half-width katakana cannot be used.'));
  } else if (chars.some((c) => NON_ASCII.test(c))) {
    add(PasswordReasons.FULLWIDTH, t('全角文字は使用できません。半角で入力してください。', 'Use half-width (ASCII) characters only.'));
  }
  const disallowed = chars.filter((c) => !NON_ASCII.test(c) && !isAllowedChar(c, rules));
  if (disallowed.length > 0) {
    const shown = [...new Set(disallowed)].map((c) => (c === ' ' ? '␣' : c)).join(' ');
    add(PasswordReasons.CHARS, t(`使用できない文字が含まれています：${shown}`, `These characters are not allowed: ${shown}`));
  }
  if (opts.confirm !== undefined && opts.confirm !== pw) {
    add(PasswordReasons.MISMATCH, t('確認用のパスワードが一致しません。', 'The two passwords do not match.'));
  }

  const strength = passwordStrength(pw ?? '', rules);
  return {
    ok: reasons.length === 0,
    ...(reasons.length ? { code: Codes.PASSWORD_POLICY } : {}),
    reasons,
    strength,
    strengthLabel: STRENGTH_LABELS[strength],
  };
}

function isAllowedChar(c: string, rules: PasswordRules): boolean {
  if (/[A-Za-z]/.test(c)) return rules.classes.includes('letters');
  if (/[0-9]/.test(c)) return rules.classes.includes('digits');
  return rules.classes.includes('symbols') && rules.symbols.includes(c);
}

function lengthMessage(rules: PasswordRules): Localized {
  return rules.minLength === rules.maxLength
    ? t(`パスワードは${rules.minLength}文字で入力してください。`, `The password must be exactly ${rules.minLength} characters.`)
    : t(
        `パスワードは${rules.minLength}文字から${rules.maxLength}文字で入力してください。`,
        `The password must be ${rules.minLength}–${rules.maxLength} characters.`,
      );
}

/** A few passwords everyone tries first; they rate 0 whatever their length. */
const COMMON = new Set([
  '123456', '1234567', '12345678', '123456789', '111111', '000000', '654321', 'password', 'passw0rd',
  'qwerty', 'abc123', 'abcdef', 'letmein', 'iloveyou', 'admin', 'welcome', 'library', 'toshokan',
]);

/**
 * Strength 0–4 from an entropy estimate: length × log2(size of the character pools
 * actually used), with repeated characters and straight runs (123456, abcdef) counted as
 * almost nothing. Shorter than the minimum is always 0. A coarse meter, meant to nudge, as
 * on Katori's form; it is not a gate.
 */
export function passwordStrength(pw: string, rules: PasswordRules): PasswordStrength {
  const chars = [...pw];
  if (chars.length === 0 || chars.length < rules.minLength) return 0;
  if (COMMON.has(pw.toLowerCase())) return 0;
  let pool = 0;
  if (/[a-z]/.test(pw)) pool += 26;
  if (/[A-Z]/.test(pw)) pool += rules.caseSensitive ? 26 : 0;
  if (/[0-9]/.test(pw)) pool += 10;
  if (/[^A-Za-z0-9]/.test(pw)) pool += Math.max(rules.symbols.length, 1);
  if (pool === 0) pool = 10;
  let bits = chars.length * Math.log2(pool);
  const distinct = new Set(chars).size;
  if (distinct === 1 || isStraightRun(pw)) bits = Math.log2(pool) + Math.log2(chars.length);
  else if (distinct <= chars.length / 2) bits *= 0.75; // heavy repetition ("aabbaabb")
  if (bits < 25) return 0;
  if (bits < 35) return 1;
  if (bits < 45) return 2;
  if (bits < 60) return 3;
  return 4;
}

function isStraightRun(pw: string): boolean {
  if (pw.length < 3) return false;
  const codes = [...pw.toLowerCase()].map((c) => c.charCodeAt(0));
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

/** The form the API hashes: lower-cased when the city's passwords are not case-sensitive. */
export function canonicalPassword(pw: string, rules: PasswordRules): string {
  return rules.caseSensitive ? pw : pw.toLowerCase();
}

/** Hint lines shown beside the password field (ja first), derived from the rules. */
export function passwordRulesText(rules: PasswordRules): Localized[] {
  const lines: Localized[] = [];
  lines.push(
    rules.minLength === rules.maxLength
      ? t(`${rules.minLength}文字で入力してください。`, `Use exactly ${rules.minLength} characters.`)
      : t(`${rules.minLength}文字から${rules.maxLength}文字で入力してください。`, `Use ${rules.minLength} to ${rules.maxLength} characters.`),
  );
  const ja: string[] = [];
  const en: string[] = [];
  const digitsOnly = rules.classes.length === 1 && rules.classes[0] === 'digits';
  if (digitsOnly) {
    lines.push(t('半角数字のみ使用できます。', 'Digits only (half-width).'));
  } else {
    if (rules.classes.includes('letters')) {
      ja.push('半角英字');
      en.push('letters (A–Z, a–z)');
    }
    if (rules.classes.includes('digits')) {
      ja.push('半角数字');
      en.push('digits');
    }
    if (rules.classes.includes('symbols')) {
      ja.push(`記号（${rules.symbols}）`);
      en.push(`symbols (${rules.symbols})`);
    }
    lines.push(t(`使用できる文字：${ja.join('、')}`, `Allowed: ${en.join(', ')}.`));
  }
  if (rules.classes.includes('letters')) {
    lines.push(
      rules.caseSensitive
        ? t('英字の大文字と小文字は区別されます。', 'Upper and lower case letters are different.')
        : t('英字の大文字と小文字は区別されません。', 'Upper and lower case letters are treated the same.'),
    );
  }
  lines.push(t('全角文字・半角カタカナは使用できません。', 'Full-width characters and half-width katakana cannot be used.'));
  return lines;
}

/**
 * A temporary password the desk can hand out that satisfies the rules. `random` returns a
 * number in [0, 1) and is injected so this stays pure (the API passes a CSPRNG-backed one).
 * Uses only unambiguous characters where letters are allowed.
 */
export function generateTemporaryPassword(rules: PasswordRules, random: () => number): string {
  const length = Math.min(Math.max(rules.minLength, 8), rules.maxLength);
  let alphabet = '';
  if (rules.classes.includes('digits')) alphabet += '23456789';
  if (rules.classes.includes('letters')) alphabet += 'abcdefghjkmnpqrstuvwxyz' + (rules.caseSensitive ? 'ABCDEFGHJKLMNPQRSTUVWXYZ' : '');
  if (alphabet === '') alphabet = rules.symbols;
  // Digits only with length 6 (city003) would be weak, but the rules are the rules; it is temporary.
  if (rules.classes.length === 1 && rules.classes[0] === 'digits') alphabet = '0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  return out;
}
