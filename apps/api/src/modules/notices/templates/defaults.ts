import { NOTICE_KINDS, type NoticeKind, type NoticeText } from '@shiori/contracts';

/**
 * Notice kinds, their default templates (Handlebars, Japanese and English) and — the
 * contract between the modules that enqueue notices and the templates — the data each kind
 * expects (NOTICE_FIELDS) with sample values for previews (NOTICE_SAMPLES).
 *
 * A tenant may override any template per language (notice_templates); these apply where it
 * has not. Templates are checked against NOTICE_FIELDS when saved, so a librarian cannot
 * save `{{patron.nmae}}` or a block that is not closed.
 *
 * Every kind gets `library` (the city library's name, added by NoticesService) and `patron`
 * ({name}). Per kind, `data` of `NoticesService.enqueue` carries (dates are 'YYYY-MM-DD'):
 *
 *   password-reset   link, token, expiresInMinutes                      (patrons)
 *   email-confirm    link, token, expiresInHours                        (patrons)
 *   email-changed    —                                                  (patrons)
 *   password-confirm link, token, expiresInHours                       (patrons: a password registered online waits for this link)
 *   hold-received    holds: [{title, volume?, pickupPoint}]             (holds, on placing)
 *   hold-ready       title, volume?, pickupPoint, lastDay, stop?, shelfNumber?, url   (holds, copy on the hold shelf;
 *                    stop = {date, time, place}: a bookmobile station's first visit to pick it up at;
 *                    shelfNumber = the hold locker room's shelf; url = the OPAC's hold list)
 *   hold-expired     title, volume?, lastDay                            (holds, shelf period over)
 *   hold-cancelled   title, volume?, reason?                            (holds, cancelled by staff)
 *   due-reminder     loans: [{title, volume?, dueDate}], dueDate, daysLeft   (notice jobs)
 *   overdue          loans: [{title, volume?, dueDate}]                 (notice jobs)
 *   new-arrivals     alerts: [{name, records: [{title, volume?, author?, publisher?, year?, url?}], more}], total
 *   card-expiry      expiresAt, daysLeft, blocksWeb, blocksSelfCheckout, renewAtCounterWithId
 *
 * `pickupPoint` is the pickup point's display name (e.g. 中央図書館 予約取置室), not its code.
 */
// the kinds and languages are the HTTP contract's (the admin console lists them too)
export { NOTICE_KINDS, NOTICE_LANGS } from '@shiori/contracts';
export type { NoticeKind, NoticeLang } from '@shiori/contracts';

export function isNoticeKind(v: string): v is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(v);
}

export type TemplateText = NoticeText;

// ---------------------------------------------------------------------------------------
// The data of each kind

type Described = { ja: string; en: string };
/** One variable a template may use: a value, an object with fields, or a list to `{{#each}}` over. */
export type FieldSpec =
  | ({ type: 'text' | 'number' | 'date' | 'url' | 'boolean' } & Described)
  | ({ type: 'object'; fields: Fields } & Described)
  | ({ type: 'list'; item: Fields } & Described);
export type Fields = Record<string, FieldSpec>;

const text = (ja: string, en: string): FieldSpec => ({ type: 'text', ja, en });
const date = (ja: string, en: string): FieldSpec => ({ type: 'date', ja, en });
const num = (ja: string, en: string): FieldSpec => ({ type: 'number', ja, en });
const url = (ja: string, en: string): FieldSpec => ({ type: 'url', ja, en });
const bool = (ja: string, en: string): FieldSpec => ({ type: 'boolean', ja, en });

const TITLE = text('資料名', 'title');
const VOLUME = text('巻次（ないこともあります）', 'volume (may be empty)');
const PICKUP = text('受取場所の名前', 'pickup point name');
const LOAN_ITEM: Fields = { title: TITLE, volume: VOLUME, dueDate: date('返却期限日', 'due date') };

/** Variables every kind has. */
export const COMMON_FIELDS: Fields = {
  library: text('図書館名', 'library name'),
  patron: { type: 'object', ja: '利用者', en: 'patron', fields: { name: text('利用者の氏名', 'patron name') } },
};

export const NOTICE_FIELDS: Record<NoticeKind, Fields> = {
  'password-reset': {
    link: url('再設定用リンク', 'reset link'),
    token: text('再設定トークン', 'reset token'),
    expiresInMinutes: num('リンクの有効時間（分）', 'minutes the link stays valid'),
  },
  'email-confirm': {
    link: url('確認用リンク', 'confirmation link'),
    token: text('確認トークン', 'confirmation token'),
    expiresInHours: num('リンクの有効時間（時間）', 'hours the link stays valid'),
  },
  'email-changed': {},
  'password-confirm': {
    link: url('確認用リンク', 'confirmation link'),
    token: text('確認トークン', 'confirmation token'),
    expiresInHours: num('リンクの有効時間（時間）', 'hours the link stays valid'),
  },
  'hold-received': {
    holds: { type: 'list', ja: '受け付けた予約', en: 'holds received', item: { title: TITLE, volume: VOLUME, pickupPoint: PICKUP } },
  },
  'hold-ready': {
    title: TITLE,
    volume: VOLUME,
    pickupPoint: PICKUP,
    lastDay: date('取置期限日', 'last day on the hold shelf'),
    stop: {
      type: 'object',
      ja: '図書館バスの受取（ステーション受取のときだけ）',
      en: 'bookmobile pickup (station holds only)',
      fields: { date: date('巡回日', 'visit date'), time: text('停車時間', 'stop time'), place: text('停車位置', 'where the bus parks') },
    },
    shelfNumber: num('予約取置室の棚番号（取置室で受け取るとき）', 'shelf in the hold locker room (when picked up there)'),
    url: url('OPAC の予約状況のページ', 'the hold list in the OPAC'),
  },
  'hold-expired': { title: TITLE, volume: VOLUME, lastDay: date('取置期限日', 'last day on the hold shelf') },
  'hold-cancelled': { title: TITLE, volume: VOLUME, reason: text('取消の理由（ないこともあります）', 'reason (may be empty)') },
  'due-reminder': {
    loans: { type: 'list', ja: '返却期限が近い資料', en: 'loans due soon', item: LOAN_ITEM },
    dueDate: date('いちばん近い返却期限日', 'earliest due date'),
    daysLeft: num('その期限までの日数', 'days until that date'),
  },
  overdue: { loans: { type: 'list', ja: '返却期限を過ぎた資料', en: 'overdue loans', item: LOAN_ITEM } },
  'new-arrivals': {
    alerts: {
      type: 'list',
      ja: '新着のあった検索条件',
      en: 'alerts with new items',
      item: {
        name: text('検索条件の名前', 'alert name'),
        records: {
          type: 'list',
          ja: '新着資料',
          en: 'new items',
          item: {
            title: TITLE,
            volume: VOLUME,
            author: text('著者（最初の一人）', 'first author'),
            publisher: text('出版者', 'publisher'),
            year: num('出版年', 'year published'),
            url: url('OPAC の資料詳細（公開URLがあるとき）', 'OPAC record page (when a public URL is set)'),
          },
        },
        more: num('載せきれなかった件数', 'how many more were not listed'),
      },
    },
    total: num('新着資料の合計件数', 'total new items'),
  },
  'card-expiry': {
    expiresAt: date('カードの有効期限日', 'card expiry date'),
    daysLeft: num('有効期限までの日数', 'days until expiry'),
    blocksWeb: bool('期限後はインターネットサービスが使えない', 'the web service is refused after expiry'),
    blocksSelfCheckout: bool('期限後は自動貸出機が使えない', 'self-checkout is refused after expiry'),
    renewAtCounterWithId: bool('更新には本人確認書類が必要', 'renewal needs an ID at the counter'),
  },
};

/** Sample data per kind (without `library`, which is the tenant's name), for previews and checks. */
export const NOTICE_SAMPLES: Record<NoticeKind, Record<string, unknown>> = {
  'password-reset': { link: 'https://library.example.jp/opac/city/reset-password?token=SAMPLE', token: 'SAMPLE', expiresInMinutes: 30 },
  'email-confirm': { link: 'https://library.example.jp/opac/city/confirm-email?token=SAMPLE', token: 'SAMPLE', expiresInHours: 24 },
  'email-changed': {},
  'password-confirm': { link: 'https://library.example.jp/opac/city/confirm-password?token=SAMPLE', token: 'SAMPLE', expiresInHours: 24 },
  'hold-received': {
    holds: [
      { title: '吾輩は猫である', volume: null, pickupPoint: '中央図書館 カウンター' },
      { title: 'ハリー・ポッターと賢者の石', volume: '1', pickupPoint: '中央図書館 カウンター' },
    ],
  },
  'hold-ready': {
    title: '吾輩は猫である',
    volume: null,
    pickupPoint: '中央図書館 予約取置室',
    lastDay: '2026-06-08',
    stop: null,
    shelfNumber: 12,
    url: 'https://library.example.jp/opac/city/my/holds',
  },
  'hold-expired': { title: '吾輩は猫である', volume: null, lastDay: '2026-06-08' },
  'hold-cancelled': { title: '吾輩は猫である', volume: null, reason: null },
  'due-reminder': {
    loans: [
      { title: '坊っちゃん', volume: null, dueDate: '2026-06-10' },
      { title: '三四郎', volume: null, dueDate: '2026-06-10' },
    ],
    dueDate: '2026-06-10',
    daysLeft: 2,
  },
  overdue: { loans: [{ title: '草枕', volume: null, dueDate: '2026-05-30' }] },
  'new-arrivals': {
    alerts: [
      {
        name: '夏目漱石',
        records: [
          { title: 'こころ', volume: null, author: '夏目 漱石', publisher: '岩波書店', year: 2025, url: null },
          { title: '夢十夜', volume: null, author: '夏目 漱石', publisher: '新潮社', year: 2024, url: null },
        ],
        more: 0,
      },
    ],
    total: 2,
  },
  'card-expiry': { expiresAt: '2026-06-30', daysLeft: 14, blocksWeb: true, blocksSelfCheckout: true, renewAtCounterWithId: true },
};

/** Sample data as a template sees it: common fields plus the kind's sample. */
export function sampleData(kind: NoticeKind, library: string): Record<string, unknown> {
  return { library, patron: { name: '図書 花子' }, ...NOTICE_SAMPLES[kind] };
}

/** The fields a template of this kind may use: common ones and the kind's own. */
export function fieldsOf(kind: NoticeKind): Fields {
  return { ...COMMON_FIELDS, ...NOTICE_FIELDS[kind] };
}

// ---------------------------------------------------------------------------------------
// Default templates

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
  'password-confirm': {
    ja: {
      subject: '【{{library}}】パスワード登録の確認',
      body:
        '{{patron.name}} 様\n\nインターネットでパスワードの登録を受け付けました。次のリンクを開くと、新しいパスワードが有効になります（{{expiresInHours}}時間以内）。\n{{link}}\n\nリンクを開くまでは、これまでのパスワードのままです。お心当たりのない場合はリンクを開かず、図書館にご連絡ください。' +
        FOOTER_JA,
    },
    en: {
      subject: '[{{library}}] Confirm your new password',
      body:
        'Dear {{patron.name}},\n\nA new password was registered online for your card. Open this link to make it valid (within {{expiresInHours}} hours):\n{{link}}\n\nUntil then your old password stays. If this was not you, do not open the link and tell the library.' +
        FOOTER_EN,
    },
  },
  'hold-received': {
    ja: { subject: '【{{library}}】予約を受け付けました', body: '{{patron.name}} 様\n\n次の資料の予約を受け付けました。\n{{#each holds}}・{{title}}{{#if volume}} {{volume}}{{/if}}（受取場所：{{pickupPoint}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Hold received', body: 'Dear {{patron.name}},\n\nWe received your hold on:\n{{#each holds}}- {{title}}{{#if volume}} {{volume}}{{/if}} (pickup: {{pickupPoint}})\n{{/each}}' + FOOTER_EN },
  },
  'hold-ready': {
    ja: { subject: '【{{library}}】予約資料をご用意しました', body: '{{patron.name}} 様\n\nご予約の資料をご用意しました。\n・{{title}}{{#if volume}} {{volume}}{{/if}}\n受取場所：{{pickupPoint}}{{#if shelfNumber}}（棚番号 {{shelfNumber}}）{{/if}}\n{{#if stop}}受取日時：{{stop.date}} {{stop.time}}（図書館バス）\n停車位置：{{stop.place}}\n{{/if}}取置期限：{{lastDay}}\n\n期限を過ぎると予約は取り消されます。{{#if url}}\n予約の状況はこちらでご確認いただけます。\n{{url}}{{/if}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Your hold is ready', body: 'Dear {{patron.name}},\n\nYour hold is ready for pickup.\n- {{title}}{{#if volume}} {{volume}}{{/if}}\nPickup: {{pickupPoint}}{{#if shelfNumber}} (shelf {{shelfNumber}}){{/if}}\n{{#if stop}}Bookmobile visit: {{stop.date}} {{stop.time}}\nWhere the bus parks: {{stop.place}}\n{{/if}}Last day: {{lastDay}}\n\nAfter that day the hold is cancelled.{{#if url}}\nSee your holds: {{url}}{{/if}}' + FOOTER_EN },
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
    ja: { subject: '【{{library}}】返却期限のお知らせ', body: '{{patron.name}} 様\n\n次の資料の返却期限が近づいています。\n{{#each loans}}・{{title}}{{#if volume}} {{volume}}{{/if}}（返却期限：{{dueDate}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Due date reminder', body: 'Dear {{patron.name}},\n\nThese items are due soon:\n{{#each loans}}- {{title}}{{#if volume}} {{volume}}{{/if}} (due {{dueDate}})\n{{/each}}' + FOOTER_EN },
  },
  overdue: {
    ja: { subject: '【{{library}}】返却期限を過ぎた資料があります', body: '{{patron.name}} 様\n\n次の資料の返却期限が過ぎています。お早めにご返却ください。\n{{#each loans}}・{{title}}{{#if volume}} {{volume}}{{/if}}（返却期限：{{dueDate}}）\n{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] Overdue items', body: 'Dear {{patron.name}},\n\nThese items are overdue. Please return them soon:\n{{#each loans}}- {{title}}{{#if volume}} {{volume}}{{/if}} (due {{dueDate}})\n{{/each}}' + FOOTER_EN },
  },
  'new-arrivals': {
    ja: { subject: '【{{library}}】新着資料のお知らせ', body: '{{patron.name}} 様\n\n登録された条件に合う新着資料があります。\n{{#each alerts}}■ {{name}}\n{{#each records}}・{{title}}{{#if volume}} {{volume}}{{/if}}{{#if author}}／{{author}}{{/if}}{{#if url}}\n  {{url}}{{/if}}\n{{/each}}{{#if more}}ほか{{more}}件\n{{/if}}{{/each}}' + FOOTER_JA },
    en: { subject: '[{{library}}] New arrivals', body: 'Dear {{patron.name}},\n\nNew items match your alerts:\n{{#each alerts}}## {{name}}\n{{#each records}}- {{title}}{{#if volume}} {{volume}}{{/if}}{{#if author}} / {{author}}{{/if}}{{#if url}}\n  {{url}}{{/if}}\n{{/each}}{{#if more}}and {{more}} more\n{{/if}}{{/each}}' + FOOTER_EN },
  },
  'card-expiry': {
    ja: { subject: '【{{library}}】利用者カードの有効期限のお知らせ', body: '{{patron.name}} 様\n\n利用者カードの有効期限は{{expiresAt}}です（あと{{daysLeft}}日）。{{#if blocksWeb}}期限が過ぎるとインターネットサービス{{#if blocksSelfCheckout}}と自動貸出機{{/if}}がご利用になれません。{{/if}}{{#if renewAtCounterWithId}}本人確認書類をお持ちのうえ、{{/if}}カウンターで更新してください。' + FOOTER_JA },
    en: { subject: '[{{library}}] Your library card expires soon', body: 'Dear {{patron.name}},\n\nYour card expires on {{expiresAt}} (in {{daysLeft}} days).{{#if blocksWeb}} After that, the web service{{#if blocksSelfCheckout}} and self-checkout{{/if}} will not be available.{{/if}} Please renew it at the counter{{#if renewAtCounterWithId}} with an ID{{/if}}.' + FOOTER_EN },
  },
};
