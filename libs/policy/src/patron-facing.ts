import { cardRulesText } from './card';
import { Localized, t } from './i18n';
import { passwordRulesText } from './password';
import { Policy } from './schema';

/**
 * The part of the policy the OPAC needs to render forms and menus and to pre-check input
 * (served publicly by `GET /api/t/{slug}/info`). Internal fields (lockout thresholds, loan
 * rules, card-validity blocking) stay on the server. Which notices the city sends is public:
 * the OPAC offers "mail me when the hold is received" and the reminder opt-in only then.
 */
export interface PatronFacingPolicy {
  card: Pick<Policy['card'], 'minLength' | 'maxLength' | 'fixedPrefix' | 'checkDigit' | 'strippedPrefixes' | 'example'> & {
    hint: Localized[];
  };
  password: Pick<Policy['password'], 'minLength' | 'maxLength' | 'classes' | 'symbols' | 'caseSensitive' | 'temporaryMustChange'> & {
    hint: Localized[];
  };
  registration: Policy['registration'];
  passwordReset: Policy['passwordReset'];
  kiosk: Policy['kiosk'];
  email: Policy['email'];
  renewal: { online: boolean };
  holds: Pick<
    Policy['holds'],
    'reservable' | 'ownedOnly' | 'maxActive' | 'contactMethods' | 'orderedSeries' | 'walkInPriority' | 'postponeAllowed' | 'cancelledVisibleDays'
  > & { notes: Localized[] };
  cart: Policy['cart'];
  features: Policy['features'];
  publicLists: { enabled: Policy['publicLists']['enabled']; topN: number };
  display: Policy['display'];
  notices: Pick<Policy['notices'], 'holdPlaced' | 'holdReady' | 'dueReminder' | 'dueReminderDaysBefore' | 'newArrivalAlerts'>;
}

export function patronFacingPolicy(policy: Policy): PatronFacingPolicy {
  const { card, password, holds } = policy;
  return structuredClone({
    card: {
      minLength: card.minLength,
      maxLength: card.maxLength,
      fixedPrefix: card.fixedPrefix,
      checkDigit: card.checkDigit,
      strippedPrefixes: card.strippedPrefixes,
      example: card.example,
      hint: cardRulesText(card),
    },
    password: {
      minLength: password.minLength,
      maxLength: password.maxLength,
      classes: password.classes,
      symbols: password.symbols,
      caseSensitive: password.caseSensitive,
      temporaryMustChange: password.temporaryMustChange,
      hint: passwordRulesText(password),
    },
    registration: policy.registration,
    passwordReset: policy.passwordReset,
    kiosk: policy.kiosk,
    email: policy.email,
    renewal: { online: policy.renewal.online },
    holds: {
      reservable: holds.reservable,
      ownedOnly: holds.ownedOnly,
      maxActive: holds.maxActive,
      contactMethods: holds.contactMethods,
      orderedSeries: holds.orderedSeries,
      walkInPriority: holds.walkInPriority,
      postponeAllowed: holds.postponeAllowed,
      cancelledVisibleDays: holds.cancelledVisibleDays,
      notes: holdNotes(policy),
    },
    cart: policy.cart,
    features: policy.features,
    publicLists: { enabled: policy.publicLists.enabled, topN: policy.publicLists.topN },
    display: policy.display,
    notices: {
      holdPlaced: policy.notices.holdPlaced,
      holdReady: policy.notices.holdReady,
      dueReminder: policy.notices.dueReminder,
      dueReminderDaysBefore: policy.notices.dueReminderDaysBefore,
      newArrivalAlerts: policy.notices.newArrivalAlerts,
    },
  });
}

/** Sentences the hold form shows, derived from the hold rules. */
export function holdNotes(policy: Policy): Localized[] {
  const h = policy.holds;
  const notes: Localized[] = [];
  if (h.reservable === 'only-on-loan') {
    notes.push(t('ウェブで予約できるのは貸出中など書架にない資料のみです。', 'Only items not on the shelf (on loan, or set aside for someone else) can be reserved online.'));
  }
  if (h.ownedOnly) {
    notes.push(
      t(
        '予約できるのは市内の図書館で所蔵している資料に限ります。所蔵していない資料はカウンターでリクエストしてください。',
        'Only items owned by the city libraries can be reserved; request others at the counter.',
      ),
    );
  }
  notes.push(
    h.countsRequestsFromOtherChannels
      ? t(
          `予約できるのは${h.maxActive}点までです（ウェブ以外で申し込んだ予約・リクエストも含みます）。`,
          `Up to ${h.maxActive} holds, including requests made by other means.`,
        )
      : t(`予約できるのは${h.maxActive}点までです。`, `Up to ${h.maxActive} holds at a time.`),
  );
  if (h.walkInPriority) {
    notes.push(
      t(
        '予約した時点で書架にある資料は、来館された方の貸出が優先となります。',
        'Items on the shelf when you reserve them may be borrowed first by someone visiting the library.',
      ),
    );
  }
  if (!h.orderedSeries) {
    notes.push(
      t(
        'シリーズや上下巻を順番通りに用意することはできません。',
        'Series volumes cannot be reserved to arrive in order.',
      ),
    );
  }
  const from =
    h.shelfCountFrom === 'secured-day'
      ? t('確保された日', 'the day it is secured')
      : t('連絡した日の翌日', 'the day after the notice');
  notes.push(
    t(
      `取置期間は${from.ja}から${h.shelfDays}日間${h.shelfExcludeClosedDays ? '（休館日を除く）' : ''}です。期間を過ぎると予約は取り消されます。`,
      `Items are kept for ${h.shelfDays} days from ${from.en}${h.shelfExcludeClosedDays ? ', closed days excluded' : ''}; after that the hold is cancelled.`,
    ),
  );
  return notes;
}
