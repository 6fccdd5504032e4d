import { defineErrors } from '../../engine/errors/domain-error';

export const NotificationErrors = defineErrors({
  TEMPLATE_INVALID: { status: 422, ja: 'テンプレートに誤りがあります。', en: 'The template has an error.' },
  UNKNOWN_NOTICE_KIND: { status: 404, ja: 'その種類の通知はありません。', en: 'No such notice kind.' },
});
