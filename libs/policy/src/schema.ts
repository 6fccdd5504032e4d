import { z } from 'zod';
import { Codes } from './codes';

/**
 * The policy of one tenant (city): ONE zod schema for the whole document, with defaults.
 *
 * Every difference between the founding cities (CITIES.md) is a value here, never an
 * `if (city === …)` in code (DESIGN.md "Policy"). Defaults are the "Where a guide is
 * silent" values of CITIES.md, so `PolicySchema.parse({})` is the policy of a new tenant
 * and a preset only states what its city's guide states.
 *
 * Nested sections use `.prefault({})`: a missing section is parsed from `{}` so its own
 * field defaults apply (zod 4's `.default()` would skip parsing).
 */

// ---------------------------------------------------------------------------------------
// Enumerations (exported so the admin console can build its selects from them)

/**
 * Check-digit schemes for card numbers. The last digit of the card is the check digit of
 * the digits before it; weights are counted from the digit next to the check digit.
 * - `mod10-luhn`: modulus 10, weights 2·1, products split into digits (ISO/IEC 7812 Luhn,
 *   「モジュラス10 ウェイト2・1 分割」).
 * - `mod10-weight21`: modulus 10, weights 2·1, products added whole
 *   (「モジュラス10 ウェイト2・1 一括」). city003 uses this one: see presets/city003.ts.
 * - `mod10-weight31`: modulus 10, weights 3·1 (the JAN/EAN scheme).
 * - `mod11`: modulus 11, weights 2…7 repeating; a result of 10 or 11 becomes 0, so the
 *   card stays all digits.
 */
export const CHECK_DIGIT_SCHEMES = ['none', 'mod10-luhn', 'mod10-weight21', 'mod10-weight31', 'mod11'] as const;
export type CheckDigitScheme = (typeof CHECK_DIGIT_SCHEMES)[number];

export const PASSWORD_CLASSES = ['letters', 'digits', 'symbols'] as const;
export type PasswordClass = (typeof PASSWORD_CLASSES)[number];

export const IDENTITY_FIELDS = ['nameKana', 'birthDate', 'phone'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Where a patron may register a password online: the web (PC/phone) or the in-library kiosk. */
export const REGISTRATION_CHANNELS = ['web', 'kiosk'] as const;
export type RegistrationChannel = (typeof REGISTRATION_CHANNELS)[number];

export const PASSWORD_RESET_METHODS = ['register-again', 'email-link', 'counter-only'] as const;
export type PasswordResetMethod = (typeof PASSWORD_RESET_METHODS)[number];

export const RENEWAL_BASES = ['due-date', 'today'] as const;
export type RenewalBasis = (typeof RENEWAL_BASES)[number];

/** Hold life cycle (CITIES.md "What all five share"). */
export const HOLD_STATUSES = ['waiting', 'in-transit', 'ready', 'collected', 'expired', 'cancelled'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export const RESERVABLE_MODES = ['any-loanable', 'only-on-loan'] as const;
export type ReservableMode = (typeof RESERVABLE_MODES)[number];

export const CONTACT_METHODS = ['none', 'email', 'phone'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/**
 * The day the hold-shelf period is counted from. Counting starts on the day AFTER it
 * (Kitakyushu says so outright, seeds/002_…txt:48; elsewhere it is the usual Japanese
 * reckoning, 初日不算入), so "1 week from the day it is secured" ends on the same weekday
 * one week later.
 */
export const SHELF_COUNT_FROM = ['secured-day', 'notice-day'] as const;
export type ShelfCountFrom = (typeof SHELF_COUNT_FROM)[number];

/** off = never sent; always = sent whenever it applies; opt-in = the patron chooses. */
export const NOTICE_MODES = ['off', 'always', 'opt-in'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/**
 * How a new e-mail address is confirmed: `double-opt-in` = a link must be opened before
 * the address is used (Koga); `notice` = a confirmation mail is sent, the address is used
 * at once (Kitakyushu); `none` = no mail.
 */
export const EMAIL_CONFIRMATION_MODES = ['none', 'notice', 'double-opt-in'] as const;
export type EmailConfirmationMode = (typeof EMAIL_CONFIRMATION_MODES)[number];

/**
 * The stop a bookmobile loan's due date snaps to: the last visit of its station on or
 * before the loan period's end, or the first on or after it (see bookmobile.ts).
 */
export const DUE_DATE_STOPS = ['last-before', 'first-after'] as const;
export type DueDateStop = (typeof DUE_DATE_STOPS)[number];

export const PUBLIC_LISTS = ['new-arrivals', 'best-loans', 'best-holds', 'recommended'] as const;
export type PublicList = (typeof PUBLIC_LISTS)[number];

export const WINDOW_UNITS = ['days', 'months', 'years'] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];

export const QUEUE_POSITION_MODES = ['exact', 'estimate', 'hidden'] as const;
export type QueuePositionMode = (typeof QUEUE_POSITION_MODES)[number];

export const LOAN_COLUMNS = [
  'itemBarcode', 'title', 'loanDate', 'dueDate', 'hasHolds', 'overdue', 'branch', 'materialType', 'renewals',
] as const;
export type LoanColumn = (typeof LOAN_COLUMNS)[number];

export const HOLD_COLUMNS = [
  'title', 'volume', 'pickupPoint', 'contact', 'status', 'queuePosition', 'placedAt', 'securedAt', 'expiresAt', 'cancel',
] as const;
export type HoldColumn = (typeof HOLD_COLUMNS)[number];

export const USAGE_TABS = ['loans', 'holds', 'cart', 'cancelled-holds'] as const;
export type UsageTab = (typeof USAGE_TABS)[number];

export const MY_PAGE_ITEMS = [
  'cardNumber', 'lastLogin', 'loanCount', 'holdCount', 'newArrivalCount', 'lastUse', 'cardExpiry', 'messages',
] as const;
export type MyPageItem = (typeof MY_PAGE_ITEMS)[number];

// ---------------------------------------------------------------------------------------
// Small building blocks

/** A code naming a branch, material type or patron category. */
export const CodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/);

export const LocalizedSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A list of enum values without duplicates. */
function enumList<T extends readonly [string, ...string[]]>(values: T) {
  return z.array(z.enum(values)).superRefine((list, ctx) => {
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i) {
        ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${v}`, params: { code: Codes.POLICY_DUPLICATE } });
      }
    });
  });
}

/** Every printable ASCII symbol (no letters, digits or space). */
export const ALL_ASCII_SYMBOLS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

// ---------------------------------------------------------------------------------------
// Sections

export const CardRulesSchema = z.strictObject({
  /** Length of the normalised number (check digit and fixed prefix included). */
  minLength: int(1, 32).default(4),
  maxLength: int(1, 32).default(14),
  /** Digits every card starts with (Koga: "10"), or null. */
  fixedPrefix: z.string().regex(/^\d{1,16}$/).nullable().default(null),
  checkDigit: z.enum(CHECK_DIGIT_SCHEMES).default('none'),
  /** Legacy letters printed before the digits that patrons may type and we drop (Kushiro: "A"). */
  strippedPrefixes: z.array(z.string().regex(/^[A-Za-z]{1,4}$/)).default([]),
  /** The number as printed on a sample card, shown in the login hint (e.g. "0123456-7"). */
  example: z.string().max(40).nullable().default(null),
});

export const PasswordRulesSchema = z.strictObject({
  minLength: int(1, 128).default(6),
  maxLength: int(1, 128).default(32),
  /** Allowed character classes; digits only = ['digits']. Always half-width (ASCII). */
  classes: enumList(PASSWORD_CLASSES).min(1).default(['letters', 'digits', 'symbols']),
  /** The symbols allowed when 'symbols' is a class. */
  symbols: z.string().min(1).max(64).default(ALL_ASCII_SYMBOLS),
  /**
   * Whether upper and lower case differ. Stated to the patron in the hint; if false the API
   * lower-cases before hashing and comparing (see `canonicalPassword`).
   */
  caseSensitive: z.boolean().default(true),
  /** A password issued at the counter is temporary and must be changed at first login. */
  temporaryMustChange: z.boolean().default(true),
});

/**
 * Sign-in failures (see sign-in.ts): `maxFailures` failures are free, from one address and
 * from every address together; after them each failure doubles the wait before the next
 * attempt is checked, up to `lockMinutes`. No account is ever locked outright.
 */
export const LockoutSchema = z.strictObject({
  maxFailures: int(1, 1000).default(10),
  lockMinutes: int(1, 24 * 60).default(15),
});

export const RegistrationSchema = z.strictObject({
  /** Patrons may set their own password online (false: only the counter issues one). */
  online: z.boolean().default(false),
  /** What the patron must type to prove who they are, besides the card number. */
  identityFields: enumList(IDENTITY_FIELDS).default([]),
  /** 'month': the library keeps year and month only; the patron types day 01 (Katori). */
  birthDatePrecision: z.enum(['day', 'month']).default('day'),
  /** Consent to the terms of use must be given before applying (Kitakyushu). */
  termsRequired: z.boolean().default(false),
  channels: enumList(REGISTRATION_CHANNELS).default(['web', 'kiosk']),
  /** A patron with no phone on file is sent to the counter for a temporary password. */
  noPhoneOnFileGoesToCounter: z.boolean().default(false),
});

export const KioskSchema = z.strictObject({
  /** The in-library OPAC logs a patron out after this much inactivity. */
  autoLogoutSeconds: int(15, 3600).default(180),
  onScreenKeyboard: z.boolean().default(true),
  /** A forgotten password may be reset from the kiosk. */
  passwordReset: z.boolean().default(true),
  /** Personal tools (bookshelves, history, alerts) are offered on the kiosk. */
  personalFeatures: z.boolean().default(true),
});

export const EmailSchema = z.strictObject({
  confirmation: z.enum(EMAIL_CONFIRMATION_MODES).default('double-opt-in'),
  /** Warn about addresses that are valid but undeliverable in Japan (".." or ".@"). */
  warnUndeliverable: z.boolean().default(true),
  /** When changing the address, offer "also use it for holds already placed" (Koga). */
  askApplyToExistingHolds: z.boolean().default(false),
  /** The patron may delete the address. */
  deletable: z.boolean().default(true),
});

export const LoanRuleSchema = z.strictObject({
  id: CodeSchema,
  note: z.string().max(200).default(''),
  // criteria: a rule applies when every non-null criterion matches
  materialType: CodeSchema.nullable().default(null),
  patronCategory: CodeSchema.nullable().default(null),
  branchCode: CodeSchema.nullable().default(null),
  // effects: null = not set by this rule
  periodDays: int(1, 366).nullable().default(null),
  maxItems: int(0, 999).nullable().default(null),
  /** 0 makes matching loans not renewable. */
  maxRenewals: int(0, 99).nullable().default(null),
  renewalPeriodDays: int(1, 366).nullable().default(null),
});

export const LOAN_RULE_CRITERIA = ['materialType', 'patronCategory', 'branchCode'] as const;
export type LoanRuleCriterion = (typeof LOAN_RULE_CRITERIA)[number];
export const LOAN_RULE_EFFECTS = ['periodDays', 'maxItems', 'maxRenewals', 'renewalPeriodDays'] as const;
export type LoanRuleEffect = (typeof LOAN_RULE_EFFECTS)[number];

export const LoansSchema = z.strictObject({
  periodDays: int(1, 366).default(14),
  /** Items a patron may have out at once, unless a rule says otherwise. */
  maxItems: int(0, 999).default(10),
  /** Most specific matching rule wins per value; ties go to the rule listed first. */
  rules: z.array(LoanRuleSchema).default([]),
});

export const RenewalSchema = z.strictObject({
  /** Patrons may renew on the web / kiosk. Counter renewals are always possible. */
  online: z.boolean().default(true),
  /** Staff may renew when the patron phones. */
  byPhone: z.boolean().default(true),
  maxRenewals: int(0, 99).default(1),
  /** The new loan period runs from the current due date or from the day of renewal. */
  basis: z.enum(RENEWAL_BASES).default('due-date'),
  periodDays: int(1, 366).default(14),
  blockedByHolds: z.boolean().default(true),
  /** A loan whose due date has passed cannot be renewed by the patron. */
  blockedByOverdue: z.boolean().default(true),
  /** …but staff may still renew an overdue loan at the counter or by phone (Kushiro). */
  overdueRenewableAtCounter: z.boolean().default(false),
  /** Interlibrary loans and items not owned by the city cannot be renewed. */
  blockedByIll: z.boolean().default(false),
});

const ALL_STATUSES_WAITING: HoldStatus[] = ['waiting'];

export const HoldsSchema = z.strictObject({
  reservable: z.enum(RESERVABLE_MODES).default('any-loanable'),
  /** Only copies owned by the city's libraries may be reserved on the web. */
  ownedOnly: z.boolean().default(false),
  maxActive: int(0, 999).default(10),
  /** Requests placed by other means (counter, ILL, unheld new books) count toward maxActive. */
  countsRequestsFromOtherChannels: z.boolean().default(false),
  contactMethods: enumList(CONTACT_METHODS).min(1).default(['email', 'none']),
  shelfDays: int(1, 60).default(7),
  shelfCountFrom: z.enum(SHELF_COUNT_FROM).default('secured-day'),
  /** Closed days are not counted in the shelf period (Kitakyushu). */
  shelfExcludeClosedDays: z.boolean().default(false),
  /** If the last shelf day is a closed day, keep the item until the next open day. */
  shelfLastDayMovesToOpenDay: z.boolean().default(true),
  cancelAllowedIn: enumList(HOLD_STATUSES).default(ALL_STATUSES_WAITING),
  pickupChangeAllowedIn: enumList(HOLD_STATUSES).default(ALL_STATUSES_WAITING),
  /** Holds placed at the counter (requests) may be cancelled online. */
  cancelOnlineForCounterHolds: z.boolean().default(true),
  /** Once a copy is allocated (trapped) to the hold, the patron can no longer cancel it online. */
  cancelOnlyUnallocated: z.boolean().default(false),
  cancelledVisibleDays: int(0, 366).default(14),
  /** Ordered series holds (順番予約): a later volume waits until the earlier one is allocated. */
  orderedSeries: z.boolean().default(false),
  /** An on-shelf copy goes to whoever walks in first; a new hold does not pull it off the shelf. */
  walkInPriority: z.boolean().default(false),
  /** Patrons may suspend a waiting hold. */
  postponeAllowed: z.boolean().default(false),
});

/** Rules that follow the bookmobile (図書館バス): due dates and hold shelves counted in stops. */
export const BookmobileRulesSchema = z.strictObject({
  dueDateStop: z.enum(DUE_DATE_STOPS).default('last-before'),
  /** A hold for a station waits this many visits of the bus (the ready one counted), not days. */
  holdShelfStops: int(1, 10).default(2),
});

export const CartSchema = z.strictObject({
  /** false: anyone may fill the cart; login is asked only to see and submit it (Kitakyushu). */
  requiresLogin: z.boolean().default(true),
});

export const CardValiditySchema = z.strictObject({
  /** Months a card stays valid after issue or renewal; null = no expiry. */
  months: int(1, 240).nullable().default(null),
  blocksWebWhenExpired: z.boolean().default(false),
  blocksSelfCheckoutWhenExpired: z.boolean().default(false),
  /** Renewal needs a visit with identification (Kushiro). */
  renewAtCounterWithId: z.boolean().default(true),
  reminderDaysBefore: int(0, 366).default(14),
});

export const WindowSchema = z.strictObject({
  amount: int(1, 1000),
  unit: z.enum(WINDOW_UNITS),
});
export type Window = z.output<typeof WindowSchema>;

export const PublicListsSchema = z.strictObject({
  enabled: enumList(PUBLIC_LISTS).default(['new-arrivals', 'best-loans', 'best-holds', 'recommended']),
  newArrivalDays: int(1, 366).default(30),
  /** Items published this many years ago or earlier are left out of new arrivals; null = no limit. */
  newArrivalMaxPublicationAgeYears: int(1, 100).nullable().default(null),
  /** Best loans ("best readers") count loans over this window before today. */
  bestLoansWindow: WindowSchema.default({ amount: 1, unit: 'years' }),
  topN: int(1, 100).default(10),
});

export const FeaturesSchema = z.strictObject({
  /** My bookshelf / favourites / booklist. */
  bookshelves: z.boolean().default(true),
  /** Patrons can make more shelves or categories of their own. */
  customShelves: z.boolean().default(false),
  /** Marks such as 読了 (read) and 読みたい本 (want to read). */
  readMarks: z.boolean().default(false),
  /** Loan history, always opt-in and recorded only from the moment it is turned on. */
  readingHistory: z.boolean().default(true),
  readingHistoryNeedsNickname: z.boolean().default(false),
  readingHistoryNeedsTerms: z.boolean().default(false),
  publicBookshelves: z.boolean().default(false),
  readingMarathon: z.boolean().default(false),
  /** New-arrival alerts by saved search, sent by e-mail. */
  alerts: z.boolean().default(true),
  digitalCard: z.boolean().default(false),
  eventsCalendar: z.boolean().default(false),
});

export const NoticesSchema = z.strictObject({
  holdPlaced: z.enum(NOTICE_MODES).default('off'),
  holdReady: z.enum(NOTICE_MODES).default('always'),
  holdExpired: z.enum(NOTICE_MODES).default('off'),
  dueReminder: z.enum(NOTICE_MODES).default('opt-in'),
  dueReminderDaysBefore: int(0, 30).default(2),
  overdue: z.enum(NOTICE_MODES).default('always'),
  cardExpiry: z.enum(NOTICE_MODES).default('always'),
  newArrivalAlerts: z.enum(NOTICE_MODES).default('opt-in'),
});

export const DEFAULT_HOLD_STATUS_LABELS: Record<HoldStatus, { ja: string; en: string }> = {
  waiting: { ja: '予約中', en: 'Waiting' },
  'in-transit': { ja: '回送中', en: 'In transit' },
  ready: { ja: 'ご用意できました', en: 'Ready for pickup' },
  collected: { ja: '受取済み', en: 'Collected' },
  expired: { ja: '取置期限切れ', en: 'Expired' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
};

const HoldStatusLabelsSchema = z.strictObject(
  Object.fromEntries(HOLD_STATUSES.map((s) => [s, LocalizedSchema.default(DEFAULT_HOLD_STATUS_LABELS[s])])) as {
    [K in HoldStatus]: z.ZodDefault<typeof LocalizedSchema>;
  },
);

/** Words of the OPAC a city's guide spells its own way (the patron reads the guide beside the screen). */
export const DEFAULT_DISPLAY_WORDS = {
  /** The cart's remove button: 削除 (Kushiro 001:96), 解除 (Kitakyushu 002:46). */
  cartRemove: { ja: '削除', en: 'Remove' },
} as const;

const DisplayWordsSchema = z.strictObject({
  cartRemove: LocalizedSchema.default(DEFAULT_DISPLAY_WORDS.cartRemove),
});

export const DisplaySchema = z.strictObject({
  /** What the patron sees for each hold status; cities word them differently. */
  holdStatusLabels: HoldStatusLabelsSchema.prefault({}),
  words: DisplayWordsSchema.prefault({}),
  /**
   * The hold form asks 予約種別 (hold type: 通常予約 / 順番予約) with an (i) explanation, as
   * Kushiro's guide shows it (001:118), instead of a 順番予約 check box under several titles.
   * The choices are the ordered-series option (`holds.orderedSeries`), worded as a type.
   */
  holdKindChoice: z.boolean().default(false),
  queuePosition: z.enum(QUEUE_POSITION_MODES).default('exact'),
  usageTabs: enumList(USAGE_TABS).min(1).default(['loans', 'holds', 'cart']),
  loanColumns: enumList(LOAN_COLUMNS).min(1).default(['title', 'loanDate', 'dueDate', 'hasHolds', 'overdue', 'renewals']),
  holdColumns: enumList(HOLD_COLUMNS)
    .min(1)
    .default(['title', 'volume', 'status', 'queuePosition', 'pickupPoint', 'placedAt', 'expiresAt', 'cancel']),
  myPage: enumList(MY_PAGE_ITEMS).default(['cardNumber', 'loanCount', 'holdCount', 'cardExpiry', 'messages']),
});

// ---------------------------------------------------------------------------------------
// The whole policy

const PolicyObjectSchema = z.strictObject({
  card: CardRulesSchema.prefault({}),
  password: PasswordRulesSchema.prefault({}),
  lockout: LockoutSchema.prefault({}),
  registration: RegistrationSchema.prefault({}),
  passwordReset: z.enum(PASSWORD_RESET_METHODS).default('counter-only'),
  kiosk: KioskSchema.prefault({}),
  email: EmailSchema.prefault({}),
  loans: LoansSchema.prefault({}),
  renewal: RenewalSchema.prefault({}),
  holds: HoldsSchema.prefault({}),
  bookmobile: BookmobileRulesSchema.prefault({}),
  cart: CartSchema.prefault({}),
  cardValidity: CardValiditySchema.prefault({}),
  publicLists: PublicListsSchema.prefault({}),
  features: FeaturesSchema.prefault({}),
  notices: NoticesSchema.prefault({}),
  display: DisplaySchema.prefault({}),
});

type Issue = { path: (string | number)[]; message: string; code: string };

/** Rules that tie fields together; each issue names the field to fix. */
function crossFieldIssues(p: z.output<typeof PolicyObjectSchema>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], code: string, message: string) => issues.push({ path, code, message });

  if (p.card.minLength > p.card.maxLength) add(['card', 'maxLength'], Codes.POLICY_RANGE, 'card.maxLength < card.minLength');
  if (p.card.fixedPrefix && p.card.fixedPrefix.length >= p.card.minLength) {
    add(['card', 'fixedPrefix'], Codes.POLICY_TOO_BIG, 'fixed prefix must be shorter than the card number');
  }
  if (p.card.checkDigit !== 'none' && p.card.minLength < 2) {
    add(['card', 'minLength'], Codes.POLICY_TOO_SMALL, 'a check digit needs at least 2 digits');
  }

  if (p.password.minLength > p.password.maxLength) {
    add(['password', 'maxLength'], Codes.POLICY_RANGE, 'password.maxLength < password.minLength');
  }
  const symbols = [...p.password.symbols];
  symbols.forEach((ch, i) => {
    if (!ALL_ASCII_SYMBOLS.includes(ch) || symbols.indexOf(ch) !== i) {
      add(['password', 'symbols'], Codes.POLICY_INVALID_FORMAT, `not a distinct half-width symbol: ${ch}`);
    }
  });

  if (p.registration.online && p.registration.identityFields.length === 0) {
    // Without an identity check anyone holding a card number could take over the account.
    add(['registration', 'identityFields'], Codes.POLICY_IDENTITY_FIELDS_REQUIRED, 'online registration needs identity fields');
  }
  if (p.registration.online && p.registration.channels.length === 0) {
    add(['registration', 'channels'], Codes.POLICY_TOO_SMALL, 'online registration needs a channel');
  }
  if (p.passwordReset === 'register-again' && !p.registration.online) {
    add(['passwordReset'], Codes.POLICY_RESET_NEEDS_ONLINE_REGISTRATION, 'register-again needs online registration');
  }

  const ids = new Map<string, number>();
  p.loans.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) add(['loans', 'rules', i, 'id'], Codes.POLICY_DUPLICATE, `duplicate rule id ${rule.id}`);
    ids.set(rule.id, i);
    if (LOAN_RULE_CRITERIA.every((c) => rule[c] === null)) {
      add(['loans', 'rules', i], Codes.POLICY_RULE_NO_CRITERIA, 'a rule needs a condition');
    }
    if (LOAN_RULE_EFFECTS.every((e) => rule[e] === null)) {
      add(['loans', 'rules', i], Codes.POLICY_RULE_NO_EFFECT, 'a rule needs an effect');
    }
  });

  for (const key of ['cancelAllowedIn', 'pickupChangeAllowedIn'] as const) {
    p.holds[key].forEach((s, i) => {
      // Finished holds cannot be cancelled or moved; allowing it would be a configuration slip.
      if (s === 'collected' || s === 'expired' || s === 'cancelled') {
        add(['holds', key, i], Codes.POLICY_INVALID_VALUE, `${s} is a final state`);
      }
    });
  }
  return issues;
}

export const PolicySchema = PolicyObjectSchema.superRefine((p, ctx) => {
  for (const issue of crossFieldIssues(p)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { code: issue.code } });
  }
});

/** The validated policy (output type: every default filled in). */
export type Policy = z.output<typeof PolicySchema>;
/** What a caller may pass in: any field may be left out to take its default. */
export type PolicyInput = z.input<typeof PolicySchema>;

export type CardRules = Policy['card'];
export type PasswordRules = Policy['password'];
export type LockoutRules = Policy['lockout'];
export type RegistrationRules = Policy['registration'];
export type KioskRules = Policy['kiosk'];
export type EmailRules = Policy['email'];
export type LoanRules = Policy['loans'];
export type LoanRule = Policy['loans']['rules'][number];
export type RenewalRules = Policy['renewal'];
export type HoldRules = Policy['holds'];
export type BookmobileRules = Policy['bookmobile'];
export type CartRules = Policy['cart'];
export type CardValidityRules = Policy['cardValidity'];
export type PublicListRules = Policy['publicLists'];
export type Features = Policy['features'];
export type NoticeRules = Policy['notices'];
export type DisplayRules = Policy['display'];
