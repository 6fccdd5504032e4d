import { Localized, t } from './i18n';

/**
 * Every reason or error code this library returns. They are stable API: the HTTP layer
 * sends them as problem+json `code` (DESIGN.md "Bad input") and the OPAC switches on them,
 * so a code is never renamed, only added.
 */
export const Codes = {
  // card number (DESIGN.md "Bad input": CARD_FORMAT)
  CARD_FORMAT: 'CARD_FORMAT',
  CARD_EXPIRED: 'CARD_EXPIRED',
  // password
  PASSWORD_POLICY: 'PASSWORD_POLICY',
  // password registration and identity
  ONLINE_REGISTRATION_DISABLED: 'ONLINE_REGISTRATION_DISABLED',
  REGISTRATION_CHANNEL_NOT_ALLOWED: 'REGISTRATION_CHANNEL_NOT_ALLOWED',
  TERMS_REQUIRED: 'TERMS_REQUIRED',
  IDENTITY_REQUIRED: 'IDENTITY_REQUIRED',
  IDENTITY_FORMAT: 'IDENTITY_FORMAT',
  BIRTH_DAY_MUST_BE_01: 'BIRTH_DAY_MUST_BE_01',
  IDENTITY_MISMATCH: 'IDENTITY_MISMATCH',
  // login: no longer returned by sign-in, which answers a wait like a wrong password (issue #22)
  LOCKED: 'LOCKED',
  // loans and renewals
  NOT_LOANABLE: 'NOT_LOANABLE',
  LOAN_LIMIT: 'LOAN_LIMIT',
  NOT_RENEWABLE_ONLINE: 'NOT_RENEWABLE_ONLINE',
  NOT_RENEWABLE_BY_PHONE: 'NOT_RENEWABLE_BY_PHONE',
  RENEWAL_LIMIT: 'RENEWAL_LIMIT',
  RENEWAL_NO_GAIN: 'RENEWAL_NO_GAIN',
  ITEM_HAS_HOLDS: 'ITEM_HAS_HOLDS',
  OVERDUE: 'OVERDUE',
  ILL_NOT_RENEWABLE: 'ILL_NOT_RENEWABLE',
  // holds
  NOT_RESERVABLE: 'NOT_RESERVABLE',
  HOLD_LIMIT: 'HOLD_LIMIT',
  CONTACT_NOT_ALLOWED: 'CONTACT_NOT_ALLOWED',
  EMAIL_REQUIRED: 'EMAIL_REQUIRED',
  ALREADY_HELD: 'ALREADY_HELD',
  ORDERED_NOT_SUPPORTED: 'ORDERED_NOT_SUPPORTED',
  HOLD_NOT_CANCELLABLE: 'HOLD_NOT_CANCELLABLE',
  PICKUP_CHANGE_NOT_ALLOWED: 'PICKUP_CHANGE_NOT_ALLOWED',
  POSTPONE_NOT_ALLOWED: 'POSTPONE_NOT_ALLOWED',
  // the policy document itself (parsePolicy)
  POLICY_INVALID_TYPE: 'POLICY_INVALID_TYPE',
  POLICY_INVALID_VALUE: 'POLICY_INVALID_VALUE',
  POLICY_INVALID_FORMAT: 'POLICY_INVALID_FORMAT',
  POLICY_TOO_SMALL: 'POLICY_TOO_SMALL',
  POLICY_TOO_BIG: 'POLICY_TOO_BIG',
  POLICY_UNKNOWN_KEY: 'POLICY_UNKNOWN_KEY',
  POLICY_NOT_INTEGER: 'POLICY_NOT_INTEGER',
  POLICY_RANGE: 'POLICY_RANGE',
  POLICY_DUPLICATE: 'POLICY_DUPLICATE',
  POLICY_RULE_NO_CRITERIA: 'POLICY_RULE_NO_CRITERIA',
  POLICY_RULE_NO_EFFECT: 'POLICY_RULE_NO_EFFECT',
  POLICY_IDENTITY_FIELDS_REQUIRED: 'POLICY_IDENTITY_FIELDS_REQUIRED',
  POLICY_RESET_NEEDS_ONLINE_REGISTRATION: 'POLICY_RESET_NEEDS_ONLINE_REGISTRATION',
  POLICY_UNKNOWN_REFERENCE: 'POLICY_UNKNOWN_REFERENCE',
  POLICY_INVALID: 'POLICY_INVALID',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];

/** Finer reasons under CARD_FORMAT, so the form can say exactly what is wrong. */
export const CardFormatReasons = {
  EMPTY: 'CARD_EMPTY',
  NOT_DIGITS: 'CARD_NOT_DIGITS',
  TOO_SHORT: 'CARD_TOO_SHORT',
  TOO_LONG: 'CARD_TOO_LONG',
  PREFIX: 'CARD_PREFIX',
  CHECK_DIGIT: 'CARD_CHECK_DIGIT',
} as const;
export type CardFormatReason = (typeof CardFormatReasons)[keyof typeof CardFormatReasons];

/** Finer reasons under PASSWORD_POLICY (several may apply at once). */
export const PasswordReasons = {
  EMPTY: 'PASSWORD_EMPTY',
  TOO_SHORT: 'PASSWORD_TOO_SHORT',
  TOO_LONG: 'PASSWORD_TOO_LONG',
  CHARS: 'PASSWORD_CHARS',
  FULLWIDTH: 'PASSWORD_FULLWIDTH',
  HALFWIDTH_KATAKANA: 'PASSWORD_HALFWIDTH_KATAKANA',
  MISMATCH: 'PASSWORD_MISMATCH',
} as const;
export type PasswordReason = (typeof PasswordReasons)[keyof typeof PasswordReasons];

/** Finer reasons under NOT_RESERVABLE. */
export const NotReservableReasons = {
  NO_LOANABLE_COPY: 'NO_LOANABLE_COPY',
  NOT_OWNED: 'NOT_OWNED',
  ON_SHELF: 'ON_SHELF',
} as const;
export type NotReservableReason = (typeof NotReservableReasons)[keyof typeof NotReservableReasons];

/** Warnings on an e-mail address that is valid but will likely never receive mail. */
export const EmailWarnings = {
  FORMAT: 'EMAIL_FORMAT',
  FULLWIDTH: 'EMAIL_FULLWIDTH',
  CONSECUTIVE_DOTS: 'EMAIL_CONSECUTIVE_DOTS',
  DOT_BEFORE_AT: 'EMAIL_DOT_BEFORE_AT',
} as const;
export type EmailWarning = (typeof EmailWarnings)[keyof typeof EmailWarnings];

/** The default sentence for each code; modules give a more precise one where they can. */
export const MESSAGES: Record<Code, Localized> = {
  CARD_FORMAT: t('利用者カードの番号の形式が正しくありません。', 'The card number is not in the right format.'),
  CARD_EXPIRED: t(
    '利用者カードの有効期限が切れています。窓口で更新の手続きをしてください。',
    'Your library card has expired. Please renew it at the library counter.',
  ),
  PASSWORD_POLICY: t('パスワードが条件を満たしていません。', 'The password does not meet the rules.'),
  ONLINE_REGISTRATION_DISABLED: t(
    'パスワードの登録は図書館の窓口で行ってください。',
    'Passwords are registered at the library counter.',
  ),
  REGISTRATION_CHANNEL_NOT_ALLOWED: t(
    'この端末ではパスワードを登録できません。',
    'Passwords cannot be registered from this terminal.',
  ),
  TERMS_REQUIRED: t('利用条件への同意が必要です。', 'You must accept the terms of use.'),
  IDENTITY_REQUIRED: t('本人確認の項目をすべて入力してください。', 'Please fill in every identity field.'),
  IDENTITY_FORMAT: t('本人確認の項目の形式が正しくありません。', 'An identity field is not in the right format.'),
  BIRTH_DAY_MUST_BE_01: t(
    '生年月日の「日」は「01」と入力してください（例：19710416 → 19710401）。',
    'Enter the day of your birth date as 01 (e.g. 19710416 → 19710401).',
  ),
  IDENTITY_MISMATCH: t(
    '入力された内容が登録内容と一致しません。',
    'The details you entered do not match our records.',
  ),
  LOCKED: t(
    'ログインの失敗が続いたため、しばらくログインできません。',
    'Too many failed logins. Please try again later.',
  ),
  NOT_LOANABLE: t('この資料は貸出できません。', 'This item cannot be borrowed.'),
  LOAN_LIMIT: t('貸出できる冊数の上限に達しています。', 'You have reached the loan limit.'),
  NOT_RENEWABLE_ONLINE: t(
    'インターネットでは延長できません。図書館の窓口で手続きしてください。',
    'Loans cannot be renewed online. Please renew at the library counter.',
  ),
  NOT_RENEWABLE_BY_PHONE: t(
    '電話では延長できません。図書館の窓口で手続きしてください。',
    'Loans cannot be renewed by phone. Please renew at the library counter.',
  ),
  RENEWAL_LIMIT: t('延長できる回数を超えています（延長不可）。', 'This loan cannot be renewed again (renewal limit).'),
  RENEWAL_NO_GAIN: t(
    '今日延長しても返却期限は延びません。延長の回数を使わないよう、返却期限が近づいてから手続きしてください。',
    'Renewing today would not move the due date. Renew closer to the due date so the renewal is not used up.',
  ),
  ITEM_HAS_HOLDS: t(
    '他の方の予約が入っているため延長できません（延長不可）。',
    'Another patron has reserved this item, so it cannot be renewed.',
  ),
  OVERDUE: t(
    '返却日を過ぎているため延長できません。窓口か電話でご相談ください。',
    'The due date has passed, so the loan cannot be renewed online. Please contact the library.',
  ),
  ILL_NOT_RENEWABLE: t(
    '他の図書館から借りた資料は延長できません。',
    'Items borrowed from another library system cannot be renewed.',
  ),
  NOT_RESERVABLE: t('この資料は予約できません。', 'This item cannot be reserved.'),
  HOLD_LIMIT: t('予約できる件数の上限に達しています。', 'You have reached the maximum number of holds.'),
  CONTACT_NOT_ALLOWED: t('その連絡方法は選べません。', 'That contact method is not offered.'),
  EMAIL_REQUIRED: t(
    'メールで連絡を受けるには、メールアドレスの登録が必要です。',
    'Register an e-mail address to be contacted by e-mail.',
  ),
  ALREADY_HELD: t('この資料はすでに予約しています。', 'You have already reserved this item.'),
  ORDERED_NOT_SUPPORTED: t(
    '順番予約はできません。前の巻を借りてから次の巻を予約してください。',
    'Ordered series holds are not offered. Reserve the next volume after borrowing the previous one.',
  ),
  HOLD_NOT_CANCELLABLE: t(
    'この予約はご自身では取り消せません。図書館にご連絡ください。',
    'You cannot cancel this hold yourself. Please contact the library.',
  ),
  PICKUP_CHANGE_NOT_ALLOWED: t(
    'この予約の受取館は変更できません。図書館にご連絡ください。',
    'The pickup location of this hold cannot be changed. Please contact the library.',
  ),
  POSTPONE_NOT_ALLOWED: t('この予約は保留にできません。', 'This hold cannot be postponed.'),
  POLICY_INVALID_TYPE: t('値の型が正しくありません。', 'The value has the wrong type.'),
  POLICY_INVALID_VALUE: t('選べない値です。', 'The value is not one of the allowed choices.'),
  POLICY_INVALID_FORMAT: t('値の形式が正しくありません。', 'The value is not in the right format.'),
  POLICY_TOO_SMALL: t('値が小さすぎます。', 'The value is too small.'),
  POLICY_TOO_BIG: t('値が大きすぎます。', 'The value is too large.'),
  POLICY_UNKNOWN_KEY: t('不明な項目です。', 'Unknown setting.'),
  POLICY_NOT_INTEGER: t('整数を入力してください。', 'The value must be a whole number.'),
  POLICY_RANGE: t('最小値が最大値より大きくなっています。', 'The minimum is greater than the maximum.'),
  POLICY_DUPLICATE: t('同じ値が重複しています。', 'The value is duplicated.'),
  POLICY_RULE_NO_CRITERIA: t(
    '規則には適用条件（資料種別・利用者区分・館）を1つ以上指定してください。',
    'A rule needs at least one condition (material type, patron category or branch).',
  ),
  POLICY_RULE_NO_EFFECT: t(
    '規則には変更する値（貸出期間・冊数・延長）を1つ以上指定してください。',
    'A rule must set at least one value (loan period, item limit or renewal).',
  ),
  POLICY_IDENTITY_FIELDS_REQUIRED: t(
    'オンライン登録では本人確認の項目を1つ以上指定してください。',
    'Online registration needs at least one identity field.',
  ),
  POLICY_RESET_NEEDS_ONLINE_REGISTRATION: t(
    '「再登録」でのパスワード再設定には、オンライン登録を有効にしてください。',
    'Resetting a password by registering again needs online registration to be on.',
  ),
  POLICY_UNKNOWN_REFERENCE: t('存在しないコードを参照しています。', 'The code refers to something that does not exist.'),
  POLICY_INVALID: t('設定が正しくありません。', 'The setting is invalid.'),
};

/** The message of a code (the default sentence). */
export function messageFor(code: Code): Localized {
  return MESSAGES[code];
}
