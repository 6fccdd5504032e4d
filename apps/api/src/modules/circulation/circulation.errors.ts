import type { CheckinNoticeCode } from '@shiori/contracts';
import type { Localized } from '@shiori/policy';
import { defineErrors } from '../../engine/errors/domain-error';

/**
 * Codes of the circulation desk and loans. Policy refusals (NOT_LOANABLE, LOAN_LIMIT,
 * RENEWAL_LIMIT, ITEM_HAS_HOLDS, OVERDUE, NOT_RENEWABLE_ONLINE, ILL_NOT_RENEWABLE,
 * CARD_EXPIRED, CARD_FORMAT …) are registered by the engine from libs/policy; ITEM_NOT_FOUND
 * is the catalogue's (catalog.errors.ts), CARD_NOT_FOUND and PATRON_BLOCKED the patrons module's,
 * UNKNOWN_BRANCH the holds module's (holds.errors.ts).
 */
export const CirculationErrors = defineErrors({
  ITEM_ON_LOAN: { status: 409, ja: 'この資料は貸出中です。先に返却処理をしてください。', en: 'This item is on loan. Check it in first.' },
  ITEM_ON_LOAN_TO_PATRON: {
    status: 409,
    ja: 'この資料はこの利用者に貸出中です。延長する場合は「延長する」を押してください。',
    en: 'This patron already has this item. Choose “Renew” to renew it.',
  },
  ITEM_NOT_AVAILABLE: { status: 409, ja: 'この資料は不明または除籍のため貸出できません。', en: 'This item is missing or withdrawn.' },
  ITEM_RESERVED_FOR_ANOTHER: { status: 409, ja: 'この資料は他の利用者の予約のために確保されています。', en: 'This item is held for another patron.' },
  LOAN_NOT_FOUND: { status: 404, ja: '貸出が見つかりません。', en: 'No such loan.' },
  NOT_ON_LOAN: { status: 409, ja: 'この資料は貸出されていません。', en: 'This item is not on loan.' },
  AT_IN_FUTURE: { status: 422, ja: '処理日時に未来の日時は指定できません。', en: 'The time given must not be in the future.' },
  AT_BEFORE_LOAN: { status: 422, ja: '返却日時が貸出日時より前になっています。', en: 'The return time is before the loan time.' },
  JOB_NOT_FOUND: { status: 404, ja: 'そのジョブはありません。', en: 'No such job.' },
});

/**
 * Not errors: what the desk is told along with a check-in that went through. A copy that
 * was not on loan (the same copy scanned twice, by one desk or two at once) is checked in
 * all the same — a copy trapped for a hold says so again, for its slip. The codes are the
 * contract's (`CheckinNoticeCode`, libs/contracts): the admin console reads them.
 */
export const CheckinNotices = {
  ALREADY_CHECKED_IN: { ja: 'この資料は貸出中ではありません（返却処理済みです）。', en: 'This item is not on loan: it is already checked in.' },
} as const satisfies Record<CheckinNoticeCode, Localized>;
export type CheckinNotice = keyof typeof CheckinNotices;
