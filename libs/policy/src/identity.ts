import { Codes, MESSAGES } from './codes';
import { Localized, t } from './i18n';
import { isIsoDate } from './dates';
import { IdentityField, Policy, RegistrationChannel, RegistrationRules } from './schema';
import { validatePassword, PasswordCheck } from './password';

/** Identity as the patron types it on the registration form. */
export interface TypedIdentity {
  nameKana?: string;
  birthDate?: string;
  phone?: string;
}

/** Identity as the library stored it when the card was issued. */
export interface StoredIdentity {
  nameKana?: string | null;
  /** 'YYYY-MM-DD'. Where the city keeps year and month only, the day is stored as 01. */
  birthDate?: string | null;
  phone?: string | null;
}

/** Internal detail for audit logs only; never shown to the patron (it would leak data). */
export type IdentityMismatchCause = IdentityField | 'no-phone-on-file';

export type IdentityMatch =
  | { ok: true }
  | {
      ok: false;
      code: typeof Codes.IDENTITY_REQUIRED | typeof Codes.IDENTITY_FORMAT | typeof Codes.BIRTH_DAY_MUST_BE_01 | typeof Codes.IDENTITY_MISMATCH;
      field?: IdentityField;
      cause?: IdentityMismatchCause;
      message: Localized;
    };

/**
 * Folds a katakana name so two spellings of the same reading compare equal:
 * NFKC (half-width ｶﾀｶﾅ → full-width, full-width space → space), hiragana → katakana,
 * then every space and middle dot removed (the space between family and given name is
 * optional, seeds/000_…txt:129).
 */
export function normalizeKana(input: string): string {
  return (input ?? '')
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\s・･=＝]/g, '');
}

/**
 * A telephone number as typed with a Japanese keyboard, made half-width for display and storage
 * (a branch's number): full-width digits and brackets (NFKC), and the dashes a Japanese IME
 * gives for '-' (ー ‐ ‑ – — −) become '-': ０４７８ー５４ → 0478-54. The API folds what it is sent
 * with it and the admin console checks and sends what it folded.
 */
export function halfWidthPhone(phone: string): string {
  return phone.normalize('NFKC').replace(/[ー‐‑–—−]/g, '-').trim();
}

/** A branch's telephone number as printed, after {@link halfWidthPhone}: digits, spaces, + ( ) and hyphens, 40 at most. */
export const BRANCH_PHONE = /^[0-9+()\- ]{1,40}$/;

/**
 * Digits of a phone number: NFKC (full-width digits), then everything but digits dropped
 * (hyphens of any kind, spaces, brackets). An international +81 prefix becomes the
 * domestic leading 0.
 */
export function normalizePhone(input: string): string {
  const s = (input ?? '').normalize('NFKC').trim();
  const digits = s.replace(/\D/g, '');
  if (s.startsWith('+81')) return '0' + digits.slice(2).replace(/^0/, '');
  return digits;
}

/**
 * A typed birth date ('YYYYMMDD', 'YYYY-MM-DD', 'YYYY/MM/DD', full-width digits allowed)
 * as 'YYYY-MM-DD', or null when it is not a real date.
 */
export function normalizeBirthDate(input: string): string | null {
  const s = (input ?? '').normalize('NFKC').trim();
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Checks the identity a patron typed against the stored record, for the fields the city
 * asks (registration.identityFields). Data mismatches all answer IDENTITY_MISMATCH with
 * one message, so the form does not reveal which field was wrong; format problems (which
 * reveal nothing about the record) get their own codes and helpful messages.
 */
export function matchIdentity(typed: TypedIdentity, stored: StoredIdentity, registration: RegistrationRules): IdentityMatch {
  const fields = registration.identityFields;

  // 1. Presence and format of what was typed.
  for (const field of fields) {
    if (!(typed[field] ?? '').trim()) {
      return { ok: false, code: Codes.IDENTITY_REQUIRED, field, message: requiredMessage(field) };
    }
  }
  let typedBirth: string | null = null;
  if (fields.includes('birthDate')) {
    typedBirth = normalizeBirthDate(typed.birthDate ?? '');
    if (!typedBirth) {
      return {
        ok: false,
        code: Codes.IDENTITY_FORMAT,
        field: 'birthDate',
        message: t('生年月日は西暦の半角数字8桁で入力してください（例：19900101）。', 'Enter your birth date as 8 digits, e.g. 19900101.'),
      };
    }
    // Katori keeps year and month only and asks for day 01 (seeds/000_…txt:130-132).
    if (registration.birthDatePrecision === 'month' && !typedBirth.endsWith('-01')) {
      return { ok: false, code: Codes.BIRTH_DAY_MUST_BE_01, field: 'birthDate', message: MESSAGES.BIRTH_DAY_MUST_BE_01 };
    }
  }
  if (fields.includes('phone') && normalizePhone(typed.phone ?? '').length < 6) {
    return {
      ok: false,
      code: Codes.IDENTITY_FORMAT,
      field: 'phone',
      message: t('電話番号を正しく入力してください。', 'Enter a valid phone number.'),
    };
  }

  // 2. Comparison with the record.
  const mismatch = (cause: IdentityMismatchCause): IdentityMatch => ({
    ok: false,
    code: Codes.IDENTITY_MISMATCH,
    cause,
    message: mismatchMessage(registration),
  });
  for (const field of fields) {
    if (field === 'nameKana') {
      const s = normalizeKana(stored.nameKana ?? '');
      if (!s || s !== normalizeKana(typed.nameKana ?? '')) return mismatch('nameKana');
    } else if (field === 'birthDate') {
      const s = stored.birthDate ?? '';
      if (!isIsoDate(s)) return mismatch('birthDate');
      const same = registration.birthDatePrecision === 'month' ? s.slice(0, 7) === typedBirth!.slice(0, 7) : s === typedBirth;
      if (!same) return mismatch('birthDate');
    } else {
      const s = normalizePhone(stored.phone ?? '');
      if (!s) return mismatch('no-phone-on-file');
      if (s !== normalizePhone(typed.phone ?? '')) return mismatch('phone');
    }
  }
  return { ok: true };
}

function requiredMessage(field: IdentityField): Localized {
  const names: Record<IdentityField, Localized> = {
    nameKana: t('お名前（全角カナ）', 'your name in katakana'),
    birthDate: t('生年月日', 'your birth date'),
    phone: t('電話番号', 'your phone number'),
  };
  return t(`${names[field].ja}を入力してください。`, `Enter ${names[field].en}.`);
}

function mismatchMessage(registration: RegistrationRules): Localized {
  const base = t(
    '入力された内容が、利用者登録の内容と一致しません。カードを申請されたときの内容を入力してください。',
    'The details do not match the ones given when the card was issued.',
  );
  if (registration.noPhoneOnFileGoesToCounter) {
    // Kitakyushu: patrons without a phone on file cannot apply online (seeds/002_…txt:27).
    return t(
      base.ja + '電話番号を登録していない方は、カウンターで仮パスワードの発行を受けてください。',
      base.en + ' If no phone number is on file, ask at the counter for a temporary password.',
    );
  }
  return base;
}

export interface PasswordRegistrationRequest {
  typed: TypedIdentity;
  stored: StoredIdentity;
  password: string;
  confirm?: string;
  termsAccepted?: boolean;
  channel: RegistrationChannel;
}

export type PasswordRegistrationDecision =
  | { ok: true; password: PasswordCheck }
  | {
      ok: false;
      code:
        | typeof Codes.ONLINE_REGISTRATION_DISABLED
        | typeof Codes.REGISTRATION_CHANNEL_NOT_ALLOWED
        | typeof Codes.TERMS_REQUIRED
        | typeof Codes.PASSWORD_POLICY
        | IdentityMatchFailureCode;
      message: Localized;
      identity?: IdentityMatch;
      password?: PasswordCheck;
    };
type IdentityMatchFailureCode = Extract<IdentityMatch, { ok: false }>['code'];

/**
 * The whole online password registration in one decision, in the order a form shows
 * problems: is it offered at all and here, were the terms accepted, is the new password
 * acceptable, does the identity match. Registering replaces any older password (Katori,
 * seeds/000_…txt:35), which is also how "forgot password = register again" works.
 */
export function decidePasswordRegistration(policy: Policy, req: PasswordRegistrationRequest): PasswordRegistrationDecision {
  const reg = policy.registration;
  if (!reg.online) return { ok: false, code: Codes.ONLINE_REGISTRATION_DISABLED, message: messageOf(Codes.ONLINE_REGISTRATION_DISABLED) };
  if (!reg.channels.includes(req.channel)) {
    return { ok: false, code: Codes.REGISTRATION_CHANNEL_NOT_ALLOWED, message: messageOf(Codes.REGISTRATION_CHANNEL_NOT_ALLOWED) };
  }
  if (reg.termsRequired && !req.termsAccepted) return { ok: false, code: Codes.TERMS_REQUIRED, message: messageOf(Codes.TERMS_REQUIRED) };
  const pw = validatePassword(req.password, policy.password, req.confirm === undefined ? {} : { confirm: req.confirm });
  if (!pw.ok) return { ok: false, code: Codes.PASSWORD_POLICY, message: pw.reasons[0].message, password: pw };
  const id = matchIdentity(req.typed, req.stored, reg);
  if (!id.ok) return { ok: false, code: id.code, message: id.message, identity: id };
  return { ok: true, password: pw };
}

function messageOf(code: keyof typeof MESSAGES): Localized {
  return MESSAGES[code];
}
