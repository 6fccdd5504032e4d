/**
 * Default notice templates (Handlebars), Japanese and English. A tenant may override any of
 * them; these apply where it has not. Variables: `library` (city library name), `patron`
 * ({name}), and per kind the fields listed in NOTICE_SAMPLES.
 */
export const NOTICE_KINDS = [
  'password-reset',
  'email-confirm',
  'email-changed',
  'hold-received',
  'hold-ready',
  'hold-expired',
  'hold-cancelled',
  'due-reminder',
  'overdue',
  'new-arrivals',
  'card-expiry',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface TemplateText {
  subject: string;
  body: string;
}

const FOOTER_JA = '\n\n--\n{{library}}\n※このメールは送信専用です。';
const FOOTER_EN = '\n\n--\n{{library}}\nThis address does not receive replies.';

export const DEFAULT_TEMPLATES: Record<NoticeKind, { ja: TemplateText; en: TemplateText }> = {
  'password-reset': {
    ja: { subject: '【{{library}}】パスワード再設定のご案内', body: '{{patron.name}} 様\n\nパスワード再設定の受付をしました。次のリンクから{{expiresInMinutes}}分以内に新しいパスワードを設定してください。\n{{link}}\n\nお心当たりのない場合は、このメールを破棄してください。' + FOOTER_JA },
    en: { subject: '[{{library}}] Reset your password', body: 'Dear {{patron.name}},\n\nOpen this link within {{expiresInMinutes}} minutes to set a new password:\n{{link}}\n\nIf you did not ask for this, ignore this mail.' + FOOTER_EN },
  },
  'email-confirm': {
    ja: { subject: '【{{library}}】メールアドレスの確認', body: '{{patron.name}} 様\n\nメールアドレスの登録を受け付けました。次のリンクを開くと登録が完了します（{{expiresInHours}}時間以内）。\n{{link}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Confirm your e-mail address', body: 'Dear {{patron.name}},\n\nOpen this link to confirm your e-mail address (valid for {{expiresInHours}} hours):\n{{link}}' + FOOTER_EN },
  },
  'email-changed': {
    ja: { subject: '【{{library}}】メールアドレスを登録しました', body: '{{patron.name}} 様\n\nこのアドレスを図書館からの連絡先として登録しました。' + FOOTER_JA },
    en: { subject: '[{{library}}] E-mail address registered', body: 'Dear {{patron.name}},\n\nThis address is now your contact address at the library.' + FOOTER_EN },
  },
  'hold-received': {
    ja: { subject: '【{{library}}】予約を受け付けました', body: '{{patron.name}} 様\n\n次の資料の予約を受け付けました。\n{{#each holds}}・{{title}}{{#if volume}} {{volume}}{{/if}}（受取場所：{{pickupPoint}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Hold received', body: 'Dear {{patron.name}},\n\nWe received your hold on:\n{{#each holds}}- {{title}}{{#if volume}} {{volume}}{{/if}} (pickup: {{pickupPoint}})\n{{/each}}' + FOOTER_EN },
  },
  'hold-ready': {
    ja: { subject: '【{{library}}】予約資料をご用意しました', body: '{{patron.name}} 様\n\nご予約の資料をご用意しました。\n・{{title}}\n受取場所：{{pickupPoint}}\n取置期限：{{lastDay}}\n\n期限を過ぎると予約は取り消されます。' + FOOTER_JA },
    en: { subject: '[{{library}}] Your hold is ready', body: 'Dear {{patron.name}},\n\nYour hold is ready for pickup.\n- {{title}}\nPickup: {{pickupPoint}}\nLast day: {{lastDay}}\n\nAfter that day the hold is cancelled.' + FOOTER_EN },
  },
  'hold-expired': {
    ja: { subject: '【{{library}}】予約の取置期限が過ぎました', body: '{{patron.name}} 様\n\n取置期限（{{lastDay}}）を過ぎたため、次の予約を取り消しました。\n・{{title}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Hold expired', body: 'Dear {{patron.name}},\n\nThe pickup period ended on {{lastDay}}, so this hold was cancelled:\n- {{title}}' + FOOTER_EN },
  },
  'hold-cancelled': {
    ja: { subject: '【{{library}}】予約を取り消しました', body: '{{patron.name}} 様\n\n次の予約を取り消しました。\n・{{title}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Hold cancelled', body: 'Dear {{patron.name}},\n\nThis hold was cancelled:\n- {{title}}' + FOOTER_EN },
  },
  'due-reminder': {
    ja: { subject: '【{{library}}】返却期限のお知らせ', body: '{{patron.name}} 様\n\n次の資料の返却期限が近づいています。\n{{#each loans}}・{{title}}（返却期限：{{dueDate}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Due date reminder', body: 'Dear {{patron.name}},\n\nThese items are due soon:\n{{#each loans}}- {{title}} (due {{dueDate}})\n{{/each}}' + FOOTER_EN },
  },
  overdue: {
    ja: { subject: '【{{library}}】返却期限を過ぎた資料があります', body: '{{patron.name}} 様\n\n次の資料の返却期限が過ぎています。お早めにご返却ください。\n{{#each loans}}・{{title}}（返却期限：{{dueDate}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Overdue items', body: 'Dear {{patron.name}},\n\nThese items are overdue. Please return them soon:\n{{#each loans}}- {{title}} (due {{dueDate}})\n{{/each}}' + FOOTER_EN },
  },
  'new-arrivals': {
    ja: { subject: '【{{library}}】新着資料のお知らせ', body: '{{patron.name}} 様\n\n登録された条件に合う新着資料があります。\n{{#each alerts}}■ {{name}}\n{{#each records}}・{{title}}{{#if author}}／{{author}}{{/if}}\n{{/each}}{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] New arrivals', body: 'Dear {{patron.name}},\n\nNew items match your alerts:\n{{#each alerts}}## {{name}}\n{{#each records}}- {{title}}{{#if author}} / {{author}}{{/if}}\n{{/each}}{{/each}}' + FOOTER_EN },
  },
  'card-expiry': {
    ja: { subject: '【{{library}}】利用者カードの有効期限のお知らせ', body: '{{patron.name}} 様\n\n利用者カードの有効期限は{{expiresAt}}です。期限が過ぎるとインターネットサービスと自動貸出機がご利用になれません。本人確認書類をお持ちのうえ、カウンターで更新してください。' + FOOTER_JA },
    en: { subject: '[{{library}}] Your library card expires soon', body: 'Dear {{patron.name}},\n\nYour card expires on {{expiresAt}}. After that, the web service and self-checkout are not available. Please renew it at the counter with an ID.' + FOOTER_EN },
  },
};
