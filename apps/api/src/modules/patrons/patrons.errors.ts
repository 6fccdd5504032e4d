import { defineErrors } from '../../engine/errors/domain-error';

export const PatronErrors = defineErrors({
  CARD_EXISTS: { status: 409, ja: 'その利用者番号は既に登録されています。', en: 'A patron with this card number already exists.' },
  // a card number the desk, the counter hold form or a self-check machine scanned is not registered
  CARD_NOT_FOUND: { status: 404, ja: 'この利用者番号の利用者は登録されていません。', en: 'No patron has this card number.' },
  PATRON_NOT_FOUND: { status: 404, ja: '利用者が見つかりません。', en: 'No such patron.' },
  PATRON_BLOCKED: { status: 403, ja: 'この利用者カードは利用停止中です。カウンターにお問い合わせください。', en: 'This card is blocked. Please ask at the counter.' },
  EMAIL_UNDELIVERABLE: { status: 422, ja: 'このメールアドレスには送信できません。', en: 'Mail cannot be delivered to this address.' },
  TOKEN_INVALID: { status: 400, ja: 'リンクが無効か、期限が切れています。もう一度お手続きください。', en: 'The link is invalid or has expired. Please start again.' },
  CURRENT_PASSWORD_WRONG: { status: 422, ja: '現在のパスワードが違います。', en: 'The current password is wrong.' },
  PASSWORD_RESET_NOT_OFFERED: { status: 403, ja: 'この図書館ではメールによるパスワード再設定は行っていません。', en: 'This library does not reset passwords by e-mail.' },
  NO_EMAIL: { status: 422, ja: 'メールアドレスが登録されていません。', en: 'No e-mail address is registered.' },
  // the same for every card, known or not: it tells only that this card number was tried too often
  REGISTRATION_PAUSED: {
    status: 429,
    ja: '入力内容の誤りが続いたため、このカードのインターネットでのパスワード登録をしばらく止めています。時間をおいて（長いときは翌日以降に）もう一度お試しいただくか、利用者カードと本人確認書類をお持ちのうえ図書館のカウンターでお手続きください。',
    en: 'Because of repeated wrong entries, online password registration for this card is paused for a while. Try again later (at worst the next day), or ask at the library counter with your card and an ID.',
  },
});
