import { defineErrors } from '../../engine/errors/domain-error';

export const AlertErrors = defineErrors({
  ALERTS_DISABLED: { status: 403, ja: 'この図書館では新着お知らせサービスを利用できません。', en: 'This library does not offer new-arrival alerts.' },
  ALERT_EMAIL_REQUIRED: {
    status: 422,
    ja: '新着お知らせサービスにはメールアドレスの登録が必要です。先にメールアドレスを登録してください。',
    en: 'New-arrival alerts need an e-mail address. Please register one first.',
  },
  ALERT_QUERY_EMPTY: { status: 422, ja: '検索条件を一つ以上入力してください。', en: 'Give at least one search condition.' },
  ALERT_LIMIT: { status: 422, ja: '登録できる新着お知らせの数を超えています。', en: 'You have reached the maximum number of alerts.' },
  ALERT_NOT_FOUND: { status: 404, ja: 'その新着お知らせはありません。', en: 'No such alert.' },
});
