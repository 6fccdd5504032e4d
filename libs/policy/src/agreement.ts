import { z } from 'zod';
import { ClosedDays } from './calendar';
import { compareDates } from './dates';
import { Localized, t } from './i18n';
import { CheckoutDecision, CurrentLoan, decideCheckout } from './loans';
import { diffPolicies, issuesToPolicyErrors, PolicyChange, PolicyError } from './parse';
import { decideRenewal, RenewalDecision, RenewalInput } from './renewal';
import { Policy } from './schema';

/**
 * 広域利用: the terms on which residents (patrons) of a home city may use the libraries of a
 * host city. ONE zod schema for an agreement's terms, like PolicySchema for a city's policy:
 * every difference between agreements (阪神7市1町, 青森県's 共通利用券, 大和市–町田市, …) is a
 * value here, never code. An agreement is one direction (home → host); a mutual agreement is
 * two, which may differ.
 */

/** `host-card`: the host registers the visitor and issues its own card; `home-card`: the home city's card is honoured. */
export const AGREEMENT_CARD_MODES = ['host-card', 'home-card'] as const;
export type AgreementCardMode = (typeof AGREEMENT_CARD_MODES)[number];

/** Where an item lent by the host may be returned: only at the host (`lender-only`) or at any member city (`anywhere`). */
export const AGREEMENT_RETURN_MODES = ['lender-only', 'anywhere'] as const;
export type AgreementReturnMode = (typeof AGREEMENT_RETURN_MODES)[number];

/**
 * 相互貸借 (ILL): a request's statuses, the same words on both sides (the borrowing city's row,
 * the lending city's, a copy on its way home). The API validates the list filter with it and the
 * admin console offers it; `@shiori/contracts` types the requests with `IllStatus`.
 */
export const ILL_STATUSES = [
  'asked',
  'requested',
  'accepted',
  'in-transit',
  'arrived',
  'on-loan',
  'returned',
  'in-transit-home',
  'back-on-shelf',
  'declined',
  'cancelled',
  'lost',
] as const;
export type IllStatus = (typeof ILL_STATUSES)[number];

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const AgreementTermsSchema = z.strictObject({
  /** Residents of the home city may register and borrow at the host (false: the agreement is suspended). */
  residentsMayBorrow: z.boolean().default(true),
  card: z.enum(AGREEMENT_CARD_MODES).default('host-card'),
  /** At the host, whatever the host's rules for its own residents. */
  loans: z
    .strictObject({
      maxItems: int(0, 999).default(10),
      periodDays: int(1, 366).default(14),
    })
    .prefault({}),
  /** Visitors may place holds at the host. */
  holds: z.boolean().default(false),
  /** Visitors' loans may be renewed (then by the host's renewal rules: count, basis, blocks). */
  renewals: z.boolean().default(false),
  returns: z.enum(AGREEMENT_RETURN_MODES).default('lender-only'),
  /** The host may see (and keeps) the visitor's phone and e-mail; otherwise only name, reading and card. */
  contactData: z.boolean().default(false),
  /**
   * 相互貸借 (ILL): the home city's librarians may request copies of the host for their own
   * patrons, which travel on the courier. Off unless the agreement says so.
   */
  ill: z
    .strictObject({
      requests: z.boolean().default(false),
      /** Patrons may ask for an ILL themselves (from a hold on a title their city lacks). */
      patronsMayAsk: z.boolean().default(false),
      /** The lending city sees the patron's name (otherwise only the borrowing city and the request number). */
      lenderSeesPatronName: z.boolean().default(false),
      /** Days the borrowing city may lend the copy, counted from the day it lends it. */
      loanDays: int(1, 366).default(28),
    })
    .prefault({}),
});

export type AgreementTerms = z.infer<typeof AgreementTermsSchema>;
export type AgreementTermsInput = z.input<typeof AgreementTermsSchema>;

export type ParseAgreementResult = { ok: true; terms: AgreementTerms } | { ok: false; errors: PolicyError[] };

/**
 * Validates an agreement's terms (as stored or as sent by the admin console) and fills in
 * defaults; errors carry the same stable codes as a policy's (POLICY_UNKNOWN_KEY, …).
 */
export function parseAgreementTerms(input: unknown): ParseAgreementResult {
  const result = AgreementTermsSchema.safeParse(input);
  if (result.success) return { ok: true, terms: result.data };
  // the policy's mapping of zod issues: one vocabulary of field errors for the admin console
  return { ok: false, errors: issuesToPolicyErrors(result.error.issues) };
}

/** A readable list of changes between two versions of an agreement's terms. */
export function diffAgreementTerms(a: unknown, b: unknown): PolicyChange[] {
  return diffPolicies(a, b);
}

// ---------------------------------------------------------------------------------------
// Presets: the common shapes

export const AGREEMENT_PRESET_SLUGS = ['mutual-use', 'common-card'] as const;
export type AgreementPresetSlug = (typeof AGREEMENT_PRESET_SLUGS)[number];

export interface AgreementPreset {
  slug: AgreementPresetSlug;
  name: Localized;
  description: Localized;
  terms: AgreementTerms;
}

function presetTerms(slug: string, input: AgreementTermsInput): AgreementTerms {
  const parsed = parseAgreementTerms(input);
  if (!parsed.ok) throw new Error(`agreement preset ${slug} is invalid: ${parsed.errors.map((e) => `${e.path} ${e.code}`).join('; ')}`);
  return parsed.terms;
}

export const AGREEMENT_PRESETS: Readonly<Record<AgreementPresetSlug, AgreementPreset>> = Object.freeze({
  'mutual-use': {
    slug: 'mutual-use',
    name: t('相互利用', 'Mutual use'),
    description: t(
      '貸出先の市で利用者登録（その市の利用者カード）。返却は借りた市へ。10点・2週間、予約・延長なし。',
      'Registration at the host city (its own card). Return to the lending city. 10 items for 2 weeks; no holds, no renewals.',
    ),
    terms: presetTerms('mutual-use', {
      card: 'host-card',
      loans: { maxItems: 10, periodDays: 14 },
      holds: false,
      renewals: false,
      returns: 'lender-only',
      // the visitor fills in the host's registration form, contact details included
      contactData: true,
    }),
  },
  'common-card': {
    slug: 'common-card',
    name: t('共通利用券', 'Common library card'),
    description: t(
      '住んでいる市の利用者カードがそのまま使えます。返却は圏域内のどの市でも。',
      'The home city’s card is honoured everywhere; items may be returned at any member city.',
    ),
    terms: presetTerms('common-card', {
      card: 'home-card',
      loans: { maxItems: 10, periodDays: 14 },
      holds: false,
      renewals: true,
      returns: 'anywhere',
      contactData: false,
    }),
  },
});

export function isAgreementPresetSlug(slug: string): slug is AgreementPresetSlug {
  return Object.prototype.hasOwnProperty.call(AGREEMENT_PRESETS, slug);
}

/** A mutable copy of a preset's terms, or undefined for an unknown slug. */
export function agreementPresetTerms(slug: string): AgreementTerms | undefined {
  return isAgreementPresetSlug(slug) ? structuredClone(AGREEMENT_PRESETS[slug].terms) : undefined;
}

// ---------------------------------------------------------------------------------------
// Reason codes (stable API; the API's agreements module registers them as problem+json codes)

export const AgreementCodes = {
  NO_AGREEMENT: 'NO_AGREEMENT',
  AGREEMENT_SUSPENDED: 'AGREEMENT_SUSPENDED',
  HOME_CARD_NOT_HONOURED: 'HOME_CARD_NOT_HONOURED',
  HOST_CARD_REQUIRED: 'HOST_CARD_REQUIRED',
  HOME_CARD_UNKNOWN: 'HOME_CARD_UNKNOWN',
  HOME_CARD_EXPIRED: 'HOME_CARD_EXPIRED',
  HOME_CARD_BLOCKED: 'HOME_CARD_BLOCKED',
  AGREEMENT_NO_HOLDS: 'AGREEMENT_NO_HOLDS',
  AGREEMENT_NO_RENEWALS: 'AGREEMENT_NO_RENEWALS',
  RETURN_TO_LENDER: 'RETURN_TO_LENDER',
  AGREEMENT_NO_ILL: 'AGREEMENT_NO_ILL',
} as const;
export type AgreementCode = (typeof AgreementCodes)[keyof typeof AgreementCodes];

export const AGREEMENT_MESSAGES: Record<AgreementCode, Localized> = {
  NO_AGREEMENT: t(
    'この市の住民は、広域利用の協定がないため当館では登録・貸出できません。',
    'There is no agreement under which residents of that city may register or borrow here.',
  ),
  AGREEMENT_SUSPENDED: t(
    '広域利用の協定は現在、この市の住民の登録・貸出を認めていません。',
    'The agreement does not currently let residents of that city register or borrow here.',
  ),
  HOME_CARD_NOT_HONOURED: t(
    'この協定では住んでいる市の利用者カードは使えません。当館で利用者登録をしてください。',
    'Under this agreement the home city’s card is not honoured: register the visitor here.',
  ),
  HOST_CARD_REQUIRED: t(
    'この協定では当館の利用者カードを発行します。当館のカード番号を入力してください。',
    'Under this agreement the visitor gets a card of this library: give its card number.',
  ),
  HOME_CARD_UNKNOWN: t('住んでいる市にこの利用者カードは登録されていません。', 'The home city has no patron with this card.'),
  HOME_CARD_EXPIRED: t(
    '住んでいる市の利用者カードの有効期限が切れています。住んでいる市の図書館で更新してください。',
    'The home city’s card has expired; it is renewed at the home city’s library.',
  ),
  HOME_CARD_BLOCKED: t(
    '住んでいる市の図書館でこの利用者カードは利用停止中です。',
    'The home city has suspended this card.',
  ),
  AGREEMENT_NO_HOLDS: t('広域利用の協定では、他市の住民は予約できません。', 'Under the agreement, visitors from other cities cannot place holds.'),
  AGREEMENT_NO_RENEWALS: t('広域利用の協定では、他市の住民の貸出は延長できません。', 'Under the agreement, visitors’ loans cannot be renewed.'),
  RETURN_TO_LENDER: t('この資料は借りた市の図書館に返却してください。', 'This item must be returned to the city that lent it.'),
  AGREEMENT_NO_ILL: t('この市との協定では相互貸借を申し込めません。', 'The agreement with that city does not provide for interlibrary loans.'),
};

export type AgreementRefusal = { ok: false; code: AgreementCode; message: Localized };
const refuse = (code: AgreementCode): AgreementRefusal => ({ ok: false, code, message: AGREEMENT_MESSAGES[code] });

// ---------------------------------------------------------------------------------------
// Decisions. `terms` is null when no agreement covers the pair: every decision then refuses
// with NO_AGREEMENT, so a caller never has to remember to check.

/** How the visitor is to be known at the host's desk: registered with a host card, or by the home card. */
export type VisitorRegistrationVia = 'host-card' | 'home-card';

export type VisitorRegistrationDecision = { ok: true; copyContactData: boolean } | AgreementRefusal;

/** May the host's desk register (or admit by the home card) a resident of the home city? */
export function decideVisitorRegistration(terms: AgreementTerms | null, via: VisitorRegistrationVia): VisitorRegistrationDecision {
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (!terms.residentsMayBorrow) return refuse(AgreementCodes.AGREEMENT_SUSPENDED);
  if (via !== terms.card) return refuse(via === 'home-card' ? AgreementCodes.HOME_CARD_NOT_HONOURED : AgreementCodes.HOST_CARD_REQUIRED);
  return { ok: true, copyContactData: terms.contactData };
}

/** The home city's patron as the home city's own statement reports it (null: no such card). */
export interface HomePatronStatus {
  status: string;
  expiresAt: string | null;
}

export type HomeCardDecision = { ok: true } | AgreementRefusal;

/** Is the visitor's home card good, by the home city's own record: known, not blocked, not expired. */
export function decideHomeCard(home: HomePatronStatus | null, today: string): HomeCardDecision {
  if (!home) return refuse(AgreementCodes.HOME_CARD_UNKNOWN);
  if (home.status === 'blocked') return refuse(AgreementCodes.HOME_CARD_BLOCKED);
  if (home.expiresAt && compareDates(today, home.expiresAt) > 0) return refuse(AgreementCodes.HOME_CARD_EXPIRED);
  return { ok: true };
}

/**
 * The host's policy as it applies to a visitor under the agreement: the agreement's period
 * and limit replace the host's resident rules (its loan rules go: they speak of the host's
 * own patron categories), and renewals are off unless the agreement allows them. Closed days,
 * renewal basis and blocks stay the host's: they are the host library's opening and practice.
 */
export function policyForVisitor(host: Policy, terms: AgreementTerms): Policy {
  return {
    ...host,
    loans: { ...host.loans, periodDays: terms.loans.periodDays, maxItems: terms.loans.maxItems, rules: [] },
    renewal: { ...host.renewal, maxRenewals: terms.renewals ? host.renewal.maxRenewals : 0 },
  };
}

export interface VisitorCheckoutInput {
  terms: AgreementTerms | null;
  hostPolicy: Policy;
  loanDate: string;
  isClosed: ClosedDays;
  materialType?: string | null;
  branchCode?: string | null;
  loanable: boolean;
  /** The visitor's open loans at the host. */
  currentLoans: readonly CurrentLoan[];
  /** The card's expiry as the host keeps it: for a visitor admitted by the home card, the home card's (copied at the last scan). */
  cardExpiresAt?: string | null;
}

/** May the host lend to the visitor now, and until when: the agreement's limit and period. */
export function decideVisitorCheckout(input: VisitorCheckoutInput): CheckoutDecision | AgreementRefusal {
  const { terms } = input;
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (!terms.residentsMayBorrow) return refuse(AgreementCodes.AGREEMENT_SUSPENDED);
  // the home card is the home city's to renew: the host's counter cannot serve it expired
  if (terms.card === 'home-card' && input.cardExpiresAt && compareDates(input.loanDate, input.cardExpiresAt) > 0) return refuse(AgreementCodes.HOME_CARD_EXPIRED);
  return decideCheckout({ ...input, policy: policyForVisitor(input.hostPolicy, terms), patronCategory: null });
}

/** May the visitor's loan be renewed (the agreement first, then the host's renewal rules). */
export function decideVisitorRenewal(terms: AgreementTerms | null, input: RenewalInput): RenewalDecision | AgreementRefusal {
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (!terms.renewals) return refuse(AgreementCodes.AGREEMENT_NO_RENEWALS);
  return decideRenewal({ ...input, policy: policyForVisitor(input.policy, terms), patronCategory: null });
}

/** May the visitor place a hold at the host (the host's own hold rules then apply). */
export function decideVisitorHold(terms: AgreementTerms | null): { ok: true } | AgreementRefusal {
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (!terms.residentsMayBorrow) return refuse(AgreementCodes.AGREEMENT_SUSPENDED);
  if (!terms.holds) return refuse(AgreementCodes.AGREEMENT_NO_HOLDS);
  return { ok: true };
}

/** May the home city's librarians request an interlibrary loan from the host (相互貸借). */
export function decideIllRequest(terms: AgreementTerms | null): { ok: true; lenderSeesPatronName: boolean; loanDays: number } | AgreementRefusal {
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (!terms.ill.requests) return refuse(AgreementCodes.AGREEMENT_NO_ILL);
  return { ok: true, lenderSeesPatronName: terms.ill.lenderSeesPatronName, loanDays: terms.ill.loanDays };
}

/** May an item lent by `lendingCity` be returned at `returnCity`. */
export function decideVisitorReturn(terms: AgreementTerms | null, lendingCity: string, returnCity: string): { ok: true } | AgreementRefusal {
  if (lendingCity === returnCity) return { ok: true };
  if (!terms) return refuse(AgreementCodes.NO_AGREEMENT);
  if (terms.returns !== 'anywhere') return refuse(AgreementCodes.RETURN_TO_LENDER);
  return { ok: true };
}

// ---------------------------------------------------------------------------------------
// The explain tester: a situation at the host's desk → decision and reason

export const AGREEMENT_SITUATIONS = ['register', 'home-card', 'checkout', 'renew', 'hold', 'return-elsewhere'] as const;
export type AgreementSituationKind = (typeof AGREEMENT_SITUATIONS)[number];

export interface AgreementSituation {
  kind: AgreementSituationKind;
  /** checkout: the visitor's open loans at the host. */
  currentLoans?: number;
  /** renew: renewals already made on the loan. */
  renewals?: number;
  /** The day of the situation ('YYYY-MM-DD'). */
  today: string;
}

export interface AgreementExplanation {
  ok: boolean;
  code?: string;
  /** The due date a checkout would get (closed days not counted: the tester has no calendar). */
  dueDate?: string;
  why: Localized;
  /** Every term, in words, for the tester's table. */
  terms: { field: string; value: unknown; why: Localized }[];
}

const neverClosed: ClosedDays = () => false;

/** For the regional IT and librarians' tester: what the terms decide in one situation, and why. */
export function explainAgreement(terms: AgreementTerms | null, hostPolicy: Policy, s: AgreementSituation): AgreementExplanation {
  const rows = terms ? explainTerms(terms) : [];
  const out = (d: { ok: true } | { ok: false; code: string; message: Localized }, why: Localized, extra: Partial<AgreementExplanation> = {}): AgreementExplanation =>
    d.ok ? { ok: true, why, terms: rows, ...extra } : { ok: false, code: d.code, why: d.message, terms: rows };
  switch (s.kind) {
    case 'register':
    case 'home-card': {
      const d = decideVisitorRegistration(terms, s.kind === 'register' ? 'host-card' : 'home-card');
      return out(
        d,
        s.kind === 'register'
          ? t('当館で利用者登録し、当館の利用者カードを発行できます。', 'The visitor may be registered here with a card of this library.')
          : t('住んでいる市の利用者カードで利用できます（住んでいる市で有効性を確認します）。', 'The home card is honoured (checked with the home city).'),
      );
    }
    case 'checkout': {
      const n = s.currentLoans ?? 0;
      const d = decideVisitorCheckout({
        terms,
        hostPolicy,
        loanDate: s.today,
        isClosed: neverClosed,
        loanable: true,
        currentLoans: Array.from({ length: n }, () => ({})),
      });
      if (!d.ok) return out(d, d.message);
      const tm = terms as AgreementTerms;
      return out(d, t(
        `協定により${tm.loans.maxItems}点まで、${tm.loans.periodDays}日間貸出できます（現在${n}点）。返却日は${d.dueDate}です。`,
        `Under the agreement up to ${tm.loans.maxItems} items for ${tm.loans.periodDays} days (now ${n}). Due ${d.dueDate}.`,
      ), { dueDate: d.dueDate });
    }
    case 'renew': {
      const d = decideVisitorRenewal(terms, {
        policy: hostPolicy,
        loan: { dueDate: s.today, renewals: s.renewals ?? 0 },
        today: s.today,
        hasHoldsByOthers: false,
        channel: 'counter',
        isClosed: neverClosed,
      });
      if (!d.ok) return out(d, d.message);
      return out(d, t(`延長できます（当館の延長規則による。新しい返却日 ${d.newDueDate}）。`, `Renewable by this library’s renewal rules (new due date ${d.newDueDate}).`), { dueDate: d.newDueDate });
    }
    case 'hold':
      return out(decideVisitorHold(terms), t('予約できます（当館の予約規則による）。', 'Holds may be placed (by this library’s hold rules).'));
    case 'return-elsewhere':
      return out(decideVisitorReturn(terms, 'host', 'elsewhere'), t('圏域内のどの市でも返却できます。', 'Items may be returned at any member city.'));
  }
}

/** Every term in words (the tester and the librarians' read-only view). */
export function explainTerms(terms: AgreementTerms): { field: string; value: unknown; why: Localized }[] {
  const yes = (b: boolean, ja: [string, string], en: [string, string]) => t(b ? ja[0] : ja[1], b ? en[0] : en[1]);
  return [
    { field: 'residentsMayBorrow', value: terms.residentsMayBorrow, why: yes(terms.residentsMayBorrow, ['住民は登録・貸出できます。', '現在、登録・貸出を停止しています。'], ['Residents may register and borrow.', 'Registration and loans are suspended.']) },
    {
      field: 'card',
      value: terms.card,
      why: terms.card === 'host-card'
        ? t('貸出先の市で利用者登録し、その市のカードを発行します。', 'The host registers the visitor and issues its own card.')
        : t('住んでいる市の利用者カードをそのまま使えます。', 'The home city’s card is honoured.'),
    },
    { field: 'loans.maxItems', value: terms.loans.maxItems, why: t(`貸出は${terms.loans.maxItems}点までです。`, `Up to ${terms.loans.maxItems} items.`) },
    { field: 'loans.periodDays', value: terms.loans.periodDays, why: t(`貸出期間は${terms.loans.periodDays}日です。`, `Loan period ${terms.loans.periodDays} days.`) },
    { field: 'holds', value: terms.holds, why: yes(terms.holds, ['予約できます。', '予約はできません。'], ['Holds allowed.', 'No holds.']) },
    { field: 'renewals', value: terms.renewals, why: yes(terms.renewals, ['延長できます。', '延長はできません。'], ['Renewals allowed.', 'No renewals.']) },
    {
      field: 'returns',
      value: terms.returns,
      why: terms.returns === 'anywhere' ? t('圏域内のどの市でも返却できます。', 'Return at any member city.') : t('借りた市に返却します。', 'Return to the lending city.'),
    },
    {
      field: 'contactData',
      value: terms.contactData,
      why: yes(terms.contactData, ['貸出先の市は電話番号・メールアドレスを保持できます。', '貸出先の市は連絡先を保持しません（氏名とカードのみ）。'], ['The host may keep phone and e-mail.', 'The host keeps no contact data (name and card only).']),
    },
    {
      field: 'ill.requests',
      value: terms.ill.requests,
      why: yes(
        terms.ill.requests,
        [`相互貸借を申し込めます（貸出期間${terms.ill.loanDays}日）。`, '相互貸借は申し込めません。'],
        [`Interlibrary loans may be requested (lent for ${terms.ill.loanDays} days).`, 'No interlibrary loans.'],
      ),
    },
  ];
}
