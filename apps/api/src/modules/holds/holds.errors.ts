import { defineErrors } from '../../engine/errors/domain-error';

/**
 * Codes of the holds module. The policy's refusals (NOT_RESERVABLE, HOLD_LIMIT,
 * CONTACT_NOT_ALLOWED, HOLD_NOT_CANCELLABLE, …) are registered by the engine from
 * libs/policy and thrown as the decision returns them. A record or copy that does not exist is
 * the catalogue's code (CatalogErrors), a blocked card the patrons module's (PatronErrors).
 */
export const HoldsErrors = defineErrors({
  HOLD_NOT_FOUND: { status: 404, ja: '予約が見つかりません。', en: 'No such hold.' },
  UNKNOWN_PICKUP_POINT: { status: 422, ja: '受取場所の指定が正しくありません。', en: 'No such pickup point.' },
  CART_ITEM_NOT_FOUND: { status: 404, ja: '予約かごにその資料はありません。', en: 'That record is not in the cart.' },
  CART_FULL: { status: 409, ja: '予約かごがいっぱいです。不要な資料を削除してください。', en: 'The cart is full. Remove some records first.' },
  SUSPEND_DATE_INVALID: { status: 422, ja: '保留の期限は今日以降の日付を指定してください。', en: 'The postpone date must be today or later.' },
  NOT_IN_TRANSIT: { status: 409, ja: 'この資料は回送中ではありません。', en: 'This item is not in transit.' },
  TRANSIT_WRONG_BRANCH: { status: 409, ja: 'この資料の回送先は別の館です。', en: 'This item is in transit to another branch.' },
  // shared with the circulation desk, which stands on this module
  UNKNOWN_BRANCH: { status: 422, ja: '館の指定が正しくありません。', en: 'No such branch.' },
  HOLD_ALREADY_FINISHED: { status: 409, ja: 'この予約はすでに終了しています。', en: 'This hold has already finished.' },
});
