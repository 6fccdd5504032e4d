import { defineErrors } from '../../engine/errors/domain-error';

export const NotificationErrors = defineErrors({
  TEMPLATE_INVALID: { status: 422, ja: 'テンプレートに誤りがあります。', en: 'The template has an error.' },
  UNKNOWN_NOTICE_KIND: { status: 404, ja: 'その種類の通知はありません。', en: 'No such notice kind.' },
  UNKNOWN_NOTICE_LANG: { status: 404, ja: 'その言語のテンプレートはありません（ja または en）。', en: 'No templates in that language (ja or en).' },
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, ja: 'そのメールは送信キューにありません。', en: 'No such message in the outbox.' },
  OUTBOX_NOT_FAILED: { status: 409, ja: '再送できるのは送信に失敗したメールだけです。', en: 'Only failed messages can be retried.' },
  UNKNOWN_JOB: { status: 404, ja: 'その名前の定期処理はありません。', en: 'No job by that name.' },
});
