import { AGREEMENT_MESSAGES, AgreementCode } from '@shiori/policy';
import { defineErrors, ErrorSpec } from '../../engine/errors/domain-error';

/** The decisions' codes (libs/policy AgreementCodes), with their HTTP status and the library's ja/en sentences. */
const DECISION_STATUS: Record<AgreementCode, number> = {
  NO_AGREEMENT: 403,
  AGREEMENT_SUSPENDED: 403,
  HOME_CARD_NOT_HONOURED: 422,
  HOST_CARD_REQUIRED: 422,
  HOME_CARD_UNKNOWN: 404,
  HOME_CARD_EXPIRED: 403,
  HOME_CARD_BLOCKED: 403,
  AGREEMENT_NO_HOLDS: 409,
  AGREEMENT_NO_RENEWALS: 409,
  RETURN_TO_LENDER: 409,
  AGREEMENT_NO_ILL: 403,
};

const decisionSpecs = Object.fromEntries(
  (Object.keys(DECISION_STATUS) as AgreementCode[]).map((code) => [code, { status: DECISION_STATUS[code], ...AGREEMENT_MESSAGES[code] }]),
) as Record<AgreementCode, ErrorSpec>;

/** Codes of 広域利用 agreements and cross-city patrons (visitors). */
export const AgreementErrors = defineErrors({
  ...decisionSpecs,
  AGREEMENT_INVALID: { status: 422, ja: '協定の内容に誤りがあります。', en: 'The agreement’s terms are invalid.' },
  AGREEMENT_EXISTS: {
    status: 409,
    ja: 'この2市の間（この向き）またはこの市と地域の協定は既にあります。変更してください。',
    en: 'An agreement for these two cities (this direction), or for this city in this region, already exists; change it instead.',
  },
  AGREEMENT_NOT_FOUND: { status: 404, ja: '指定された協定はありません。', en: 'No such agreement.' },
  AGREEMENT_SAME_CITY: { status: 422, ja: '住んでいる市と貸出する市は別の市にしてください。', en: 'The home city and the host city must differ.' },
  AGREEMENT_UNKNOWN_CITY: { status: 422, ja: '指定された市（図書館）はありません。', en: 'No such city (library).' },
  AGREEMENT_UNKNOWN_REGION: { status: 422, ja: '指定された地域はありません。', en: 'No such region.' },
  AGREEMENT_HOME_NOT_IN_REGION: {
    status: 422,
    ja: '住んでいる市がその地域に含まれていません。地域の協定は、その地域の図書館どうしの協定です。',
    en: 'The home city is not a member of that region: a region’s agreement is between its members.',
  },
  AGREEMENT_HOST_REQUIRED: {
    status: 422,
    ja: '貸出する市か地域のどちらか一方を指定してください。',
    en: 'Give either the host city or the host region, not both.',
  },
  AGREEMENT_UNKNOWN_PRESET: { status: 422, ja: '指定された協定のひな形はありません。', en: 'No such agreement preset.' },
  VISITOR_EXISTS: { status: 409, ja: 'この方は当館に登録済みです。', en: 'This visitor is already registered here.' },
});
