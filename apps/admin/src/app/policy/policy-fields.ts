import {
  CHECK_DIGIT_SCHEMES,
  CONTACT_METHODS,
  DUE_DATE_STOPS,
  EMAIL_CONFIRMATION_MODES,
  HOLD_COLUMNS,
  HOLD_STATUSES,
  IDENTITY_FIELDS,
  LOAN_COLUMNS,
  MY_PAGE_ITEMS,
  NOTICE_MODES,
  PASSWORD_CLASSES,
  PASSWORD_RESET_METHODS,
  PUBLIC_LISTS,
  QUEUE_POSITION_MODES,
  REGISTRATION_CHANNELS,
  RENEWAL_BASES,
  RESERVABLE_MODES,
  SHELF_COUNT_FROM,
  USAGE_TABS,
  WINDOW_UNITS,
} from '@shiori/policy';
import { Localized } from '../core/i18n';

/**
 * How the policy editor shows each field of the policy, by its path in the policy document
 * (the same dotted path the schema's and the API's errors carry). Texts are in both
 * languages here, next to the field they describe; the enumerations come from
 * `@shiori/policy`, so a value the schema accepts is always offered.
 */
export type FieldKind = 'number' | 'text' | 'toggle' | 'select' | 'multi' | 'list';

export interface FieldMeta {
  kind: FieldKind;
  label: Localized;
  hint?: Localized;
  unit?: Localized;
  /** Empty means "not set" (null) rather than a value. */
  nullable?: boolean;
  options?: readonly string[];
  /** Which label set of ENUM_LABELS names the options. */
  enumName?: keyof typeof ENUM_LABELS;
}

const l = (ja: string, en: string): Localized => ({ ja, en });

export const ENUM_LABELS = {
  checkDigit: {
    none: l('なし', 'None'),
    'mod10-luhn': l('モジュラス10 ウェイト2・1 分割（Luhn）', 'Modulus 10, weights 2·1, split (Luhn)'),
    'mod10-weight21': l('モジュラス10 ウェイト2・1 一括', 'Modulus 10, weights 2·1, whole'),
    'mod10-weight31': l('モジュラス10 ウェイト3・1（JAN）', 'Modulus 10, weights 3·1 (JAN/EAN)'),
    mod11: l('モジュラス11 ウェイト2〜7', 'Modulus 11, weights 2–7'),
  },
  passwordClass: { letters: l('英字', 'Letters'), digits: l('数字', 'Digits'), symbols: l('記号', 'Symbols') },
  identity: { nameKana: l('氏名（カタカナ）', 'Name in katakana'), birthDate: l('生年月日', 'Birth date'), phone: l('電話番号', 'Phone number') },
  birthPrecision: { day: l('年月日', 'Year, month and day'), month: l('年月のみ（日は 01 と入力）', 'Year and month only (day typed as 01)') },
  channel: { web: l('ウェブ（パソコン・スマートフォン）', 'Web (PC, phone)'), kiosk: l('館内の利用者端末', 'Library kiosk') },
  resetMethod: {
    'register-again': l('もう一度登録し直す', 'Register again'),
    'email-link': l('登録メールにリンクを送る', 'Link to the registered e-mail'),
    'counter-only': l('窓口でのみ', 'At the counter only'),
  },
  renewalBasis: { 'due-date': l('現在の返却期限から', 'From the current due date'), today: l('延長した日から', 'From the day of renewal') },
  reservable: { 'any-loanable': l('貸出できる資料すべて', 'Any loanable item'), 'only-on-loan': l('書架にない資料のみ（貸出中・取置中・回送中）', 'Only items not on the shelf (on loan, on the hold shelf, in transit)') },
  contact: { none: l('連絡しない', 'No contact'), email: l('メール', 'E-mail'), phone: l('電話', 'Phone') },
  holdStatus: {
    waiting: l('予約待ち', 'Waiting'),
    'in-transit': l('回送中', 'In transit'),
    ready: l('受取可能', 'Ready'),
    collected: l('受取済み', 'Collected'),
    expired: l('期限切れ', 'Expired'),
    cancelled: l('取消', 'Cancelled'),
  },
  shelfCountFrom: { 'secured-day': l('資料を確保した日', 'The day the copy is secured'), 'notice-day': l('連絡した日', 'The day the patron is notified') },
  noticeMode: { off: l('送らない', 'Off'), always: l('必ず送る', 'Always'), 'opt-in': l('利用者が選ぶ', 'Patron opts in') },
  emailConfirmation: {
    none: l('確認しない', 'No confirmation'),
    notice: l('確認メールを送る（すぐ使える）', 'Confirmation mail (usable at once)'),
    'double-opt-in': l('リンクを開いて有効化', 'Link must be opened first'),
  },
  publicList: {
    'new-arrivals': l('新着資料', 'New arrivals'),
    'best-loans': l('よく借りられた本', 'Most borrowed'),
    'best-holds': l('予約の多い本', 'Most reserved'),
    recommended: l('おすすめ', 'Recommended'),
  },
  windowUnit: { days: l('日', 'days'), months: l('か月', 'months'), years: l('年', 'years') },
  queuePosition: { exact: l('順位を表示', 'Exact position'), estimate: l('目安を表示', 'Estimate'), hidden: l('表示しない', 'Hidden') },
  usageTab: { loans: l('貸出', 'Loans'), holds: l('予約', 'Holds'), cart: l('予約かご', 'Cart'), 'cancelled-holds': l('取消した予約', 'Cancelled holds') },
  loanColumn: {
    itemBarcode: l('資料番号', 'Item barcode'),
    title: l('書名', 'Title'),
    loanDate: l('貸出日', 'Loan date'),
    dueDate: l('返却期限', 'Due date'),
    hasHolds: l('他の予約あり', 'Reserved by others'),
    overdue: l('延滞', 'Overdue'),
    branch: l('貸出館', 'Branch'),
    materialType: l('資料種別', 'Material type'),
    renewals: l('延長回数', 'Renewals'),
  },
  holdColumn: {
    title: l('書名', 'Title'),
    volume: l('巻次', 'Volume'),
    pickupPoint: l('受取場所', 'Pickup point'),
    contact: l('連絡方法', 'Contact'),
    status: l('状態', 'Status'),
    queuePosition: l('順位', 'Queue position'),
    placedAt: l('予約日', 'Placed'),
    securedAt: l('確保日', 'Secured'),
    expiresAt: l('取置期限', 'Last day'),
    cancel: l('取消ボタン', 'Cancel button'),
  },
  myPage: {
    cardNumber: l('利用者番号', 'Card number'),
    lastLogin: l('前回ログイン', 'Last sign-in'),
    loanCount: l('貸出数', 'Loans'),
    holdCount: l('予約数', 'Holds'),
    newArrivalCount: l('新着お知らせ数', 'New-arrival notices'),
    lastUse: l('最終利用日', 'Last use'),
    cardExpiry: l('カード有効期限', 'Card expiry'),
    messages: l('図書館からのお知らせ', 'Messages'),
  },
  dueDateStop: {
    'last-before': l('貸出期間の終わりより前の最後の巡回日', 'The last visit before the loan period ends'),
    'first-after': l('貸出期間の終わり以降の最初の巡回日', 'The first visit after the loan period ends'),
  },
} satisfies Record<string, Record<string, Localized>>;

const days = l('日', ' days');
const items = l('点', ' items');
const times = l('回', ' times');
const chars = l('文字', ' characters');
const digits = l('桁', ' digits');

const toggle = (label: Localized, hint?: Localized): FieldMeta => ({ kind: 'toggle', label, hint });
const num = (label: Localized, unit?: Localized, hint?: Localized, nullable = false): FieldMeta => ({ kind: 'number', label, unit, hint, nullable });
const select = (label: Localized, options: readonly string[], enumName: keyof typeof ENUM_LABELS, hint?: Localized): FieldMeta => ({
  kind: 'select',
  label,
  options,
  enumName,
  hint,
});
const multi = (label: Localized, options: readonly string[], enumName: keyof typeof ENUM_LABELS, hint?: Localized): FieldMeta => ({
  kind: 'multi',
  label,
  options,
  enumName,
  hint,
});

export const FIELDS: Record<string, FieldMeta> = {
  // card
  'card.minLength': num(l('番号の最小桁数', 'Shortest card number'), digits, l('チェックディジット・固定の先頭を含みます。', 'Check digit and fixed prefix included.')),
  'card.maxLength': num(l('番号の最大桁数', 'Longest card number'), digits),
  'card.fixedPrefix': { kind: 'text', label: l('必ず付く先頭の数字', 'Fixed leading digits'), hint: l('例：10（古賀市）。なければ空欄。', 'e.g. 10 (Koga). Empty for none.'), nullable: true },
  'card.checkDigit': select(l('チェックディジット', 'Check digit'), CHECK_DIGIT_SCHEMES, 'checkDigit', l('最後の 1 桁で番号の誤りを確かめます。', 'The last digit checks the number.')),
  'card.strippedPrefixes': {
    kind: 'list',
    label: l('入力時に取り除く旧カードの文字', 'Legacy letters dropped on input'),
    hint: l('例：A（釧路市の 2018 年以前のカード）。複数はカンマ区切り。', 'e.g. A (Kushiro cards before 2018). Separate several with commas.'),
  },
  'card.example': { kind: 'text', label: l('カードの番号の例（表示用）', 'Sample card number (for hints)'), hint: l('例：0123456-7', 'e.g. 0123456-7'), nullable: true },

  // password
  'password.minLength': num(l('パスワードの最小文字数', 'Shortest password'), chars),
  'password.maxLength': num(l('パスワードの最大文字数', 'Longest password'), chars),
  'password.classes': multi(l('使える文字の種類', 'Allowed characters'), PASSWORD_CLASSES, 'passwordClass', l('半角のみ。数字だけなら「数字」だけを選びます。', 'Half-width only. Digits only: choose just Digits.')),
  'password.symbols': { kind: 'text', label: l('使える記号', 'Allowed symbols'), hint: l('例：+*!%&#（香取市）', 'e.g. +*!%&# (Katori)') },
  'password.caseSensitive': toggle(l('大文字と小文字を区別する', 'Case-sensitive')),
  'password.temporaryMustChange': toggle(l('窓口で発行した仮パスワードは初回ログイン時に変更させる', 'Temporary passwords must be changed at first sign-in')),

  // registration
  'registration.online': toggle(l('利用者がオンラインでパスワードを登録できる', 'Patrons may register a password online'), l('オフ：窓口でのみ発行します。', 'Off: the counter issues passwords.')),
  'registration.identityFields': multi(l('本人確認に使う項目', 'Identity check fields'), IDENTITY_FIELDS, 'identity'),
  'registration.birthDatePrecision': select(l('生年月日の精度', 'Birth date precision'), ['day', 'month'], 'birthPrecision'),
  'registration.termsRequired': toggle(l('登録の前に利用規約への同意を求める', 'Ask for consent to the terms first')),
  'registration.channels': multi(l('登録できる場所', 'Where patrons may register'), REGISTRATION_CHANNELS, 'channel'),
  'registration.noPhoneOnFileGoesToCounter': toggle(l('電話番号が未登録の方は窓口で仮パスワードを発行', 'No phone on file: temporary password at the counter')),
  passwordReset: select(l('パスワードを忘れたとき', 'Forgotten passwords'), PASSWORD_RESET_METHODS, 'resetMethod'),

  // sign-in failures: waits that double from 5 seconds, per address and from everywhere (never a lock)
  'lockout.maxFailures': num(
    l('待たずにやり直せる失敗回数', 'Failures without waiting'),
    times,
    l(
      '同じ場所からこの回数続けて失敗すると、次の入力まで待ち時間（5秒から倍々）が入ります。全体での失敗がこの回数を超えると、これまでログインしたことのない場所からも待ちます。アカウントを止めることはありません。',
      'After this many failures from one place, the next try waits (5 seconds, doubling). After this many from everywhere, places the account never signed in from wait too. No account is ever locked.',
    ),
  ),
  'lockout.lockMinutes': num(l('最長の待ち時間', 'Longest wait'), l('分', ' minutes')),

  // loans and renewals
  'loans.periodDays': num(l('貸出期間', 'Loan period'), days, l('規則に当てはまらない貸出の期間です。', 'For loans no rule matches.')),
  'loans.maxItems': num(l('貸出点数の上限', 'Item limit'), items),
  'renewal.online': toggle(l('ウェブで延長できる', 'Patrons may renew online'), l('窓口での延長はいつでもできます。', 'Counter renewal is always possible.')),
  'renewal.byPhone': toggle(l('電話での延長を受け付ける', 'Renewals by phone')),
  'renewal.maxRenewals': num(l('延長できる回数', 'Renewals allowed'), times),
  'renewal.basis': select(l('延長後の期間の起算日', 'New period counts'), RENEWAL_BASES, 'renewalBasis'),
  'renewal.periodDays': num(l('延長期間', 'Renewal period'), days),
  'renewal.blockedByHolds': toggle(l('他の方の予約があると延長できない', 'Not renewable when reserved by others')),
  'renewal.blockedByOverdue': toggle(l('返却期限を過ぎると延長できない', 'Not renewable once overdue')),
  'renewal.overdueRenewableAtCounter': toggle(l('期限を過ぎても窓口・電話では延長できる', 'Staff may still renew overdue loans')),
  'renewal.blockedByIll': toggle(l('相互貸借（市外から借りた資料）は延長できない', 'Interlibrary loans are not renewable')),

  // holds
  'holds.reservable': select(l('予約できる資料', 'Reservable items'), RESERVABLE_MODES, 'reservable'),
  'holds.ownedOnly': toggle(l('市の図書館が所蔵する資料のみ予約できる', 'Only items owned by the city')),
  'holds.maxActive': num(l('同時に予約できる数', 'Active holds allowed'), items),
  'holds.countsRequestsFromOtherChannels': toggle(l('窓口・相互貸借などの申込みも上限に数える', 'Requests by other means count toward the limit')),
  'holds.contactMethods': multi(l('選べる連絡方法', 'Contact methods'), CONTACT_METHODS, 'contact'),
  'holds.cancelAllowedIn': multi(l('利用者が取り消せる状態', 'Patrons may cancel while'), HOLD_STATUSES, 'holdStatus'),
  'holds.pickupChangeAllowedIn': multi(l('受取場所を変更できる状態', 'Pickup may change while'), HOLD_STATUSES, 'holdStatus'),
  'holds.cancelOnlineForCounterHolds': toggle(l('窓口で受けた予約もウェブで取り消せる', 'Counter holds can be cancelled online')),
  'holds.cancelOnlyUnallocated': toggle(l('資料の割り当て後はウェブで取り消せない', 'No online cancel once a copy is allocated')),
  'holds.cancelledVisibleDays': num(l('取り消した予約を表示する期間', 'Cancelled holds stay listed'), days),
  'holds.orderedSeries': toggle(l('順番予約（シリーズを巻順に）', 'Ordered series holds')),
  'holds.walkInPriority': toggle(l('書架にある資料は来館者を優先（取り置きリストで取り出す）', 'Walk-in borrowers first (pull list)')),
  'holds.postponeAllowed': toggle(l('利用者が予約を保留できる', 'Patrons may postpone holds')),
  'cart.requiresLogin': toggle(l('予約かごの利用にログインが必要', 'The cart needs a sign-in')),
  'display.holdKindChoice': toggle(l('順番予約を「予約種別」（通常予約・順番予約）として聞く', 'Ask ordered series as a hold type (通常予約 / 順番予約)')),
  'display.queuePosition': select(l('予約順位の表示', 'Queue position shown'), QUEUE_POSITION_MODES, 'queuePosition'),

  // hold shelf
  'holds.shelfDays': num(l('取置期間', 'Days on the hold shelf'), days),
  'holds.shelfCountFrom': select(l('取置期間の起算日', 'Counted from'), SHELF_COUNT_FROM, 'shelfCountFrom', l('その翌日から数えます（初日不算入）。', 'Counting starts the next day.')),
  'holds.shelfExcludeClosedDays': toggle(l('休館日を取置期間に数えない', 'Closed days are not counted')),
  'holds.shelfLastDayMovesToOpenDay': toggle(l('最終日が休館日なら次の開館日まで取り置く', 'A closed last day moves to the next open day')),

  // bookmobile (図書館バス)
  'bookmobile.dueDateStop': select(l('バスで借りた資料の返却期限', 'Due date of a loan made on the bus'), DUE_DATE_STOPS, 'dueDateStop', l('返却期限は必ずそのステーションの巡回日になります。', 'The due date is always a visit of that station.')),
  'bookmobile.holdShelfStops': num(l('ステーション受取の予約を取り置く巡回回数', 'Visits a station hold waits'), l('回', ' visits')),

  // card validity
  'cardValidity.months': num(l('カードの有効期間', 'Card validity'), l('か月', ' months'), l('空欄：有効期限なし', 'Empty: no expiry'), true),
  'cardValidity.blocksWebWhenExpired': toggle(l('期限切れのカードではウェブを使えない', 'Expired cards cannot use the web')),
  'cardValidity.blocksSelfCheckoutWhenExpired': toggle(l('期限切れのカードでは自動貸出機を使えない', 'Expired cards cannot use self-checkout')),
  'cardValidity.renewAtCounterWithId': toggle(l('更新は窓口で本人確認のうえ', 'Renewal at the counter with ID')),
  'cardValidity.reminderDaysBefore': num(l('期限前のお知らせ', 'Reminder before expiry'), l('日前', ' days before')),

  // public lists
  'publicLists.enabled': multi(l('公開するリスト', 'Lists shown'), PUBLIC_LISTS, 'publicList'),
  'publicLists.newArrivalDays': num(l('新着とみなす期間', 'New arrivals from the last'), days),
  'publicLists.newArrivalMaxPublicationAgeYears': num(
    l('新着から除く出版年の古さ', 'Leave out items published'),
    l('年以上前', ' or more years ago'),
    l('空欄：制限なし（香取市は 3）', 'Empty: no limit (Katori: 3)'),
    true,
  ),
  'publicLists.bestLoansWindow.amount': num(l('よく借りられた本の集計期間', 'Most borrowed: counted over')),
  'publicLists.bestLoansWindow.unit': select(l('単位', 'Unit'), WINDOW_UNITS, 'windowUnit'),
  'publicLists.topN': num(l('リストの件数', 'Titles per list'), l('件', '')),

  // patron features
  'features.bookshelves': toggle(l('マイ本棚（お気に入り）', 'My bookshelf (favourites)')),
  'features.customShelves': toggle(l('本棚を自分で追加できる', 'Patrons can add shelves')),
  'features.readMarks': toggle(l('「読了」「読みたい本」の印', '“Read” and “want to read” marks')),
  'features.readingHistory': toggle(l('貸出履歴（利用者が選んだ場合のみ記録）', 'Loan history (opt-in)')),
  'features.readingHistoryNeedsNickname': toggle(l('貸出履歴の開始にニックネームが必要', 'History needs a nickname')),
  'features.readingHistoryNeedsTerms': toggle(l('貸出履歴の開始に規約への同意が必要', 'History needs consent to terms')),
  'features.publicBookshelves': toggle(l('本棚の公開', 'Public bookshelves')),
  'features.readingMarathon': toggle(l('読書マラソン（目標冊数）', 'Reading marathon (goal)')),
  'features.alerts': toggle(l('新着お知らせ（検索条件の保存）', 'New-arrival alerts (saved searches)')),
  'features.digitalCard': toggle(l('スマートフォンの利用者カード（バーコード）', 'Digital card (barcode on a phone)')),
  'features.eventsCalendar': toggle(l('行事カレンダー', 'Events calendar')),
  'kiosk.autoLogoutSeconds': num(l('館内端末の自動ログアウト', 'Kiosk auto sign-out after'), l('秒', ' seconds')),
  'kiosk.onScreenKeyboard': toggle(l('館内端末で画面キーボードを出す', 'On-screen keyboard on the kiosk')),
  'kiosk.passwordReset': toggle(l('館内端末でパスワードを再設定できる', 'Password reset on the kiosk')),
  'kiosk.personalFeatures': toggle(l('館内端末で本棚・履歴などを使える', 'Personal tools on the kiosk')),
  'display.usageTabs': multi(l('利用状況のタブ', 'Usage tabs'), USAGE_TABS, 'usageTab'),
  'display.loanColumns': multi(l('貸出一覧の項目', 'Loan list columns'), LOAN_COLUMNS, 'loanColumn'),
  'display.holdColumns': multi(l('予約一覧の項目', 'Hold list columns'), HOLD_COLUMNS, 'holdColumn'),
  'display.myPage': multi(l('マイページに出す項目', 'My page shows'), MY_PAGE_ITEMS, 'myPage'),

  // notices
  'notices.holdPlaced': select(l('予約受付のお知らせ', 'Hold received'), NOTICE_MODES, 'noticeMode'),
  'notices.holdReady': select(l('予約資料のご用意のお知らせ', 'Hold ready'), NOTICE_MODES, 'noticeMode'),
  'notices.holdExpired': select(l('取置期限切れのお知らせ', 'Hold expired'), NOTICE_MODES, 'noticeMode'),
  'notices.dueReminder': select(l('返却期限前のお知らせ', 'Due-date reminder'), NOTICE_MODES, 'noticeMode'),
  'notices.dueReminderDaysBefore': num(l('返却期限の何日前に送るか', 'Reminder sent'), l('日前', ' days before')),
  'notices.overdue': select(l('延滞のお知らせ', 'Overdue notice'), NOTICE_MODES, 'noticeMode'),
  'notices.cardExpiry': select(l('カード有効期限のお知らせ', 'Card expiry notice'), NOTICE_MODES, 'noticeMode'),
  'notices.newArrivalAlerts': select(l('新着資料のお知らせ', 'New-arrival alerts'), NOTICE_MODES, 'noticeMode'),
  'email.confirmation': select(l('メールアドレスの確認', 'E-mail confirmation'), EMAIL_CONFIRMATION_MODES, 'emailConfirmation'),
  'email.warnUndeliverable': toggle(l('届かないアドレス（「..」「.@」）を警告', 'Warn about undeliverable addresses')),
  'email.askApplyToExistingHolds': toggle(l('変更時に「予約中の連絡先にも使う」を尋ねる', 'Offer to use it for existing holds')),
  'email.deletable': toggle(l('利用者がアドレスを削除できる', 'Patrons may delete their address')),
};

// The wording patrons see for each hold status, in both languages.
for (const status of HOLD_STATUSES) {
  const name = ENUM_LABELS.holdStatus[status];
  FIELDS[`display.holdStatusLabels.${status}.ja`] = { kind: 'text', label: l(`${name.ja}（日本語）`, `${name.en} (Japanese)`) };
  FIELDS[`display.holdStatusLabels.${status}.en`] = { kind: 'text', label: l(`${name.ja}（英語）`, `${name.en} (English)`) };
}

// Words of the OPAC a city's guide spells its own way.
FIELDS['display.words.cartRemove.ja'] = { kind: 'text', label: l('予約かごから外すボタン（日本語）', 'Cart remove button (Japanese)') };
FIELDS['display.words.cartRemove.en'] = { kind: 'text', label: l('予約かごから外すボタン（英語）', 'Cart remove button (English)') };

/** Loan-rule columns (the material × category × branch table). */
export const RULE_FIELDS: Record<string, FieldMeta> = {
  id: { kind: 'text', label: l('規則 ID', 'Rule ID') },
  note: { kind: 'text', label: l('メモ', 'Note') },
  materialType: { kind: 'select', label: l('資料種別', 'Material type'), nullable: true },
  patronCategory: { kind: 'select', label: l('利用者区分', 'Patron category'), nullable: true },
  branchCode: { kind: 'select', label: l('館', 'Branch'), nullable: true },
  periodDays: num(l('貸出期間', 'Loan period'), days, undefined, true),
  maxItems: num(l('点数上限', 'Item limit'), items, undefined, true),
  maxRenewals: num(l('延長回数', 'Renewals'), times, undefined, true),
  renewalPeriodDays: num(l('延長期間', 'Renewal period'), days, undefined, true),
};

export interface PolicySection {
  id: string;
  title: Localized;
  intro?: Localized;
  groups: { title?: Localized; fields: string[] }[];
  /** The loan-rules table is drawn after the fields. */
  rules?: boolean;
}

const holdStatusLabelFields = HOLD_STATUSES.flatMap((s) => [`display.holdStatusLabels.${s}.ja`, `display.holdStatusLabels.${s}.en`]);

/** The editor's sections, one per area of the rules, in the order librarians think of them. */
export const SECTIONS: PolicySection[] = [
  {
    id: 'card',
    title: l('利用者カード', 'Library card'),
    intro: l('カードの番号の形。窓口・OPAC の入力チェックに使われます。', 'The shape of card numbers, checked at the desk and in the OPAC.'),
    groups: [{ fields: ['card.minLength', 'card.maxLength', 'card.fixedPrefix', 'card.checkDigit', 'card.strippedPrefixes', 'card.example'] }],
  },
  {
    id: 'password',
    title: l('パスワードと登録', 'Password and registration'),
    groups: [
      {
        title: l('パスワード', 'Password'),
        fields: ['password.minLength', 'password.maxLength', 'password.classes', 'password.symbols', 'password.caseSensitive', 'password.temporaryMustChange'],
      },
      {
        title: l('オンライン登録', 'Online registration'),
        fields: [
          'registration.online',
          'registration.identityFields',
          'registration.birthDatePrecision',
          'registration.channels',
          'registration.termsRequired',
          'registration.noPhoneOnFileGoesToCounter',
          'passwordReset',
        ],
      },
    ],
  },
  {
    id: 'loans',
    title: l('貸出と延長', 'Loans and renewals'),
    intro: l(
      '既定の値と、資料種別 × 利用者区分 × 館 ごとの規則。値ごとに、当てはまる規則のうち条件の多いものが使われます（同じなら上の規則）。',
      'Defaults, and rules per material type × patron category × branch. For each value, the matching rule with the most conditions wins (ties: the one above).',
    ),
    groups: [
      { title: l('既定の値', 'Defaults'), fields: ['loans.periodDays', 'loans.maxItems', 'renewal.maxRenewals', 'renewal.periodDays', 'renewal.basis'] },
      {
        title: l('延長の条件', 'Renewal conditions'),
        fields: ['renewal.online', 'renewal.byPhone', 'renewal.blockedByHolds', 'renewal.blockedByOverdue', 'renewal.overdueRenewableAtCounter', 'renewal.blockedByIll'],
      },
    ],
    rules: true,
  },
  {
    id: 'holds',
    title: l('予約', 'Holds'),
    groups: [
      {
        fields: [
          'holds.reservable',
          'holds.maxActive',
          'holds.contactMethods',
          'holds.ownedOnly',
          'holds.countsRequestsFromOtherChannels',
          'holds.orderedSeries',
          'display.holdKindChoice',
          'holds.walkInPriority',
          'holds.postponeAllowed',
          'cart.requiresLogin',
          'display.queuePosition',
        ],
      },
      {
        title: l('取消と変更', 'Cancelling and changing'),
        fields: ['holds.cancelAllowedIn', 'holds.pickupChangeAllowedIn', 'holds.cancelOnlineForCounterHolds', 'holds.cancelOnlyUnallocated', 'holds.cancelledVisibleDays'],
      },
      { title: l('予約状態の表示名', 'Hold status wording'), fields: holdStatusLabelFields },
      { title: l('OPAC の言葉', 'OPAC wording'), fields: ['display.words.cartRemove.ja', 'display.words.cartRemove.en'] },
    ],
  },
  {
    id: 'shelf',
    title: l('予約棚（取置）', 'Hold shelf'),
    groups: [
      { fields: ['holds.shelfDays', 'holds.shelfCountFrom', 'holds.shelfExcludeClosedDays', 'holds.shelfLastDayMovesToOpenDay'] },
      { title: l('図書館バス', 'Bookmobile'), fields: ['bookmobile.dueDateStop', 'bookmobile.holdShelfStops'] },
    ],
  },
  {
    id: 'validity',
    title: l('カードの有効期限', 'Card validity'),
    groups: [
      {
        fields: [
          'cardValidity.months',
          'cardValidity.reminderDaysBefore',
          'cardValidity.blocksWebWhenExpired',
          'cardValidity.blocksSelfCheckoutWhenExpired',
          'cardValidity.renewAtCounterWithId',
        ],
      },
    ],
  },
  {
    id: 'lists',
    title: l('公開リスト', 'Public lists'),
    groups: [
      {
        fields: [
          'publicLists.enabled',
          'publicLists.newArrivalDays',
          'publicLists.newArrivalMaxPublicationAgeYears',
          'publicLists.bestLoansWindow.amount',
          'publicLists.bestLoansWindow.unit',
          'publicLists.topN',
        ],
      },
    ],
  },
  {
    id: 'features',
    title: l('利用者向けの機能', 'Patron features'),
    groups: [
      {
        fields: [
          'features.bookshelves',
          'features.customShelves',
          'features.readMarks',
          'features.readingHistory',
          'features.readingHistoryNeedsNickname',
          'features.readingHistoryNeedsTerms',
          'features.publicBookshelves',
          'features.readingMarathon',
          'features.alerts',
          'features.digitalCard',
          'features.eventsCalendar',
        ],
      },
      { title: l('館内の利用者端末', 'Library kiosk'), fields: ['kiosk.autoLogoutSeconds', 'kiosk.onScreenKeyboard', 'kiosk.passwordReset', 'kiosk.personalFeatures'] },
      { title: l('利用状況の画面', 'Usage screens'), fields: ['display.usageTabs', 'display.loanColumns', 'display.holdColumns', 'display.myPage'] },
    ],
  },
  {
    id: 'lockout',
    title: l('ログイン失敗時の待ち時間', 'Waits after failed sign-ins'),
    groups: [{ fields: ['lockout.maxFailures', 'lockout.lockMinutes'] }],
  },
  {
    id: 'notices',
    title: l('お知らせメール', 'Notices'),
    groups: [
      {
        fields: [
          'notices.holdPlaced',
          'notices.holdReady',
          'notices.holdExpired',
          'notices.dueReminder',
          'notices.dueReminderDaysBefore',
          'notices.overdue',
          'notices.cardExpiry',
          'notices.newArrivalAlerts',
        ],
      },
      { title: l('メールアドレス', 'E-mail address'), fields: ['email.confirmation', 'email.warnUndeliverable', 'email.askApplyToExistingHolds', 'email.deletable'] },
    ],
  },
];

/** A readable name for any policy path (history diff, error summary): "貸出規則 2「av」: 貸出期間". */
export function fieldLabel(path: string, pick: (l: Localized) => string, ruleIds?: readonly string[]): string {
  const meta = FIELDS[path];
  if (meta) return pick(meta.label);
  const rule = /^loans\.rules\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (rule) {
    const n = Number(rule[1]);
    const id = ruleIds?.[n];
    const head = pick(l(`貸出規則 ${n + 1}`, `Loan rule ${n + 1}`)) + (id ? ` “${id}”` : '');
    return rule[2] && RULE_FIELDS[rule[2]] ? `${head}: ${pick(RULE_FIELDS[rule[2]].label)}` : head;
  }
  if (path === 'loans.rules') return pick(l('貸出規則', 'Loan rules'));
  // an element of a list field: name the list
  const parent = path.replace(/\.\d+$/, '');
  if (parent !== path && FIELDS[parent]) return pick(FIELDS[parent].label);
  return path;
}

/** Which section a path belongs to (for the error summary's links). */
export function sectionOf(path: string): PolicySection | undefined {
  if (path.startsWith('loans.rules')) return SECTIONS.find((s) => s.id === 'loans');
  const base = FIELDS[path] ? path : path.replace(/\.\d+$/, '');
  return SECTIONS.find((s) => s.groups.some((g) => g.fields.includes(base)));
}
