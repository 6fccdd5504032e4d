import { Injectable } from '@angular/core';
import { I18nBase, Lang, Localized } from '@shiori/web-core';
import { agreementsEn, agreementsJa } from './messages/agreements';
import { catalogueEn, catalogueJa } from './messages/catalogue';
import { commonEn, commonJa } from './messages/common';
import { courierEn, courierJa } from './messages/courier';
import { deskEn, deskJa } from './messages/desk';
import { illEn, illJa } from './messages/ill';
import { navEn, navJa } from './messages/nav';
import { noticesEn, noticesJa } from './messages/notices';
import { patronsEn, patronsJa } from './messages/patrons';
import { placesEn, placesJa } from './messages/places';
import { platformEn, platformJa } from './messages/platform';
import { policyEn, policyJa } from './messages/policy';
import { reportsEn, reportsJa } from './messages/reports';
import { regionsEn, regionsJa } from './messages/regions';
import { selfCheckEn, selfCheckJa } from './messages/self-check';

/**
 * Every string staff read in the admin console, Japanese first. The English dictionary is typed against the
 * Japanese one, so a key missing in either language is a compile error. Each area keeps its texts in
 * `messages/<area>.ts` (the same two-language shape); they are merged here into one typed dictionary.
 */
export { LANGS, type Lang, type Localized } from '@shiori/web-core';

const baseJa = {
  'app.name': 'Shiori 管理',
  'app.skipToMain': '本文へスキップ',
  'app.switchLanguage': 'English',
  'app.menu': 'メニュー',
  'app.navigation': '管理メニュー',
  'app.logout': 'ログアウト',
  'app.signedInAs': '{name} でログイン中',
  'app.loading': '読み込み中…',
  'app.retry': '再読み込み',

  'nav.tenants': '図書館一覧',
  'nav.newTenant': '図書館の追加',
  'nav.dashboard': 'ダッシュボード',

  'login.title': 'ログイン',
  'login.heading': 'Shiori 管理画面へのログイン',
  'login.mode': 'ログインの種類',
  'login.modePlatform': '広域管理者',
  'login.modeLibrarian': '図書館職員',
  'login.modePlatformHint': '自治体・広域の情報システム担当者用です。図書館の追加や停止ができます。',
  'login.modeLibrarianHint': '各図書館の職員用です。図書館 ID は管理者にお問い合わせください。',
  'login.tenant': '図書館（図書館コード）',
  'login.tenantHint': '一覧から図書館を選んでください（例：香取市立図書館 → katori）',
  'login.tenantRequired': '図書館を選んでください。',
  'login.tenantPattern': '一覧にある図書館コードを選んでください（半角英小文字・数字・ハイフン）。',
  'login.username': 'ユーザー名',
  'login.usernameRequired': 'ユーザー名を入力してください。',
  'login.password': 'パスワード',
  'login.passwordRequired': 'パスワードを入力してください。',
  'login.showPassword': 'パスワードを表示',
  'login.hidePassword': 'パスワードを隠す',
  'login.submit': 'ログイン',
  'login.signingIn': 'ログインしています…',

  'tenants.title': '図書館一覧',
  'tenants.add': '図書館を追加',
  'tenants.caption': '登録されている図書館（テナント）',
  'tenants.slug': 'スラッグ',
  'tenants.name': '名称',
  'tenants.status': '状態',
  'tenants.createdAt': '作成日',
  'tenants.patrons': '利用者数',
  'tenants.records': '書誌数',
  'tenants.loansToday': '本日の貸出',
  'tenants.actions': '操作',
  'tenants.suspend': '停止',
  'tenants.resume': '再開',
  'tenants.suspendLabel': '{name} を停止',
  'tenants.resumeLabel': '{name} を再開',
  'tenants.confirmSuspendTitle': '{name} を停止しますか？',
  'tenants.confirmSuspendBody': '停止中は、この図書館の利用者向け検索（OPAC）と職員の画面が使えなくなります。データは削除されません。',
  'tenants.confirmCancel': 'キャンセル',
  'tenants.suspended': '{name} を停止しました。',
  'tenants.resumed': '{name} を再開しました。',
  'tenants.empty': 'まだ図書館がありません。「図書館を追加」から作成してください。',
  'tenants.loadFailed': '図書館の一覧を読み込めませんでした。',
  'tenants.tableRegion': '図書館一覧の表（横にスクロールできます）',
  'status.active': '運用中',
  'status.suspended': '停止中',

  'create.title': '図書館の追加',
  'create.slug': 'スラッグ（URL 用の ID）',
  'create.slugHint': '半角英小文字で始まり、英小文字・数字・ハイフンで 2〜31 文字。OPAC の URL：/opac/{slug}/',
  'create.slugRequired': 'スラッグを入力してください。',
  'create.slugPattern': '半角英小文字で始まり、英小文字・数字・ハイフンで 2〜31 文字にしてください。',
  'create.slugTaken': 'そのスラッグは使用中です',
  'create.name': '図書館名',
  'create.nameHint': '例：香取市立図書館',
  'create.nameRequired': '図書館名を入力してください。',
  'create.nameTooLong': '図書館名は 100 文字以内にしてください。',
  'create.preset': 'プリセット（貸出規則・館の初期設定）',
  'create.presetDefault': '標準',
  'create.presetsFailed': 'プリセットを読み込めませんでした。標準の設定で作成されます。',
  'create.submit': '作成',
  'create.creating': '作成しています…',
  'create.cancel': 'キャンセル',
  'create.created': '{name} を作成しました。',
  'create.failed': '作成できませんでした。',

  'dashboard.title': 'ダッシュボード',
  'dashboard.branches': '館・移動図書館',
  'dashboard.branchCount': '{count} 館',
  'dashboard.pickupPoints': '受取場所',
  'dashboard.pickupPointCount': '{count} か所',
  'dashboard.bookmobile': '移動図書館',
  'dashboard.openOpac': '利用者向け蔵書検索（OPAC）を開く',
  'dashboard.loadFailed': '図書館の情報を読み込めませんでした。',
  'dashboard.quick': 'よく使う画面',
  'dashboard.holdShelf': '予約棚の資料',
  'dashboard.pullList': '本日の取り置き',
  'dashboard.failedMail': '送れなかったメール',
  'dashboard.items': '{count} 点',
  'dashboard.mails': '{count} 通',
  'dashboard.expired': '期限切れ {count}',

  'error.network': 'サーバーに接続できません。ネットワークをご確認ください。',
  'error.unexpected': '予期しないエラーが発生しました。',
  'error.sessionExpired': 'ログインの有効期限が切れました。もう一度ログインしてください。',
  'error.close': '閉じる',
} as const;

const ja = {
  ...baseJa,
  ...navJa,
  ...commonJa,
  ...platformJa,
  ...deskJa,
  ...patronsJa,
  ...catalogueJa,
  ...policyJa,
  ...placesJa,
  ...noticesJa,
  ...reportsJa,
  ...selfCheckJa,
  ...regionsJa,
  ...courierJa,
  ...agreementsJa,
  ...illJa,
} as const;

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;

const baseEn: Record<keyof typeof baseJa, string> = {
  'app.name': 'Shiori Admin',
  'app.skipToMain': 'Skip to main content',
  'app.switchLanguage': '日本語',
  'app.menu': 'Menu',
  'app.navigation': 'Admin menu',
  'app.logout': 'Sign out',
  'app.signedInAs': 'Signed in as {name}',
  'app.loading': 'Loading…',
  'app.retry': 'Reload',

  'nav.tenants': 'Libraries',
  'nav.newTenant': 'Add a library',
  'nav.dashboard': 'Dashboard',

  'login.title': 'Sign in',
  'login.heading': 'Sign in to Shiori Admin',
  'login.mode': 'Sign in as',
  'login.modePlatform': 'Regional admin',
  'login.modeLibrarian': 'Librarian',
  'login.modePlatformHint': 'For the regional IT team: add and suspend libraries.',
  'login.modeLibrarianHint': 'For library staff. Ask your administrator for the library ID.',
  'login.tenant': 'Library (library code)',
  'login.tenantHint': 'Choose your library from the list (e.g. Katori City Library → katori)',
  'login.tenantRequired': 'Choose your library.',
  'login.tenantPattern': 'Choose a library code from the list (lower-case letters, digits and hyphens).',
  'login.username': 'User name',
  'login.usernameRequired': 'Enter your user name.',
  'login.password': 'Password',
  'login.passwordRequired': 'Enter your password.',
  'login.showPassword': 'Show password',
  'login.hidePassword': 'Hide password',
  'login.submit': 'Sign in',
  'login.signingIn': 'Signing in…',

  'tenants.title': 'Libraries',
  'tenants.add': 'Add a library',
  'tenants.caption': 'Registered libraries (tenants)',
  'tenants.slug': 'Slug',
  'tenants.name': 'Name',
  'tenants.status': 'Status',
  'tenants.createdAt': 'Created',
  'tenants.patrons': 'Patrons',
  'tenants.records': 'Records',
  'tenants.loansToday': 'Loans today',
  'tenants.actions': 'Actions',
  'tenants.suspend': 'Suspend',
  'tenants.resume': 'Resume',
  'tenants.suspendLabel': 'Suspend {name}',
  'tenants.resumeLabel': 'Resume {name}',
  'tenants.confirmSuspendTitle': 'Suspend {name}?',
  'tenants.confirmSuspendBody': 'While suspended, this library’s catalogue (OPAC) and staff screens are unavailable. No data is deleted.',
  'tenants.confirmCancel': 'Cancel',
  'tenants.suspended': '{name} is suspended.',
  'tenants.resumed': '{name} is running again.',
  'tenants.empty': 'No libraries yet. Use “Add a library” to create one.',
  'tenants.loadFailed': 'The list of libraries could not be loaded.',
  'tenants.tableRegion': 'Table of libraries (scrolls sideways)',
  'status.active': 'Active',
  'status.suspended': 'Suspended',

  'create.title': 'Add a library',
  'create.slug': 'Slug (ID used in URLs)',
  'create.slugHint': 'Starts with a-z; a-z, 0-9 and hyphens, 2–31 characters. OPAC address: /opac/{slug}/',
  'create.slugRequired': 'Enter a slug.',
  'create.slugPattern': 'Start with a lower-case letter; use a-z, 0-9 and hyphens, 2–31 characters.',
  'create.slugTaken': 'That slug is already in use',
  'create.name': 'Library name',
  'create.nameHint': 'e.g. Katori City Library',
  'create.nameRequired': 'Enter the library’s name.',
  'create.nameTooLong': 'Use at most 100 characters.',
  'create.preset': 'Preset (loan rules, initial branches)',
  'create.presetDefault': 'Standard',
  'create.presetsFailed': 'The presets could not be loaded. The library will get the standard settings.',
  'create.submit': 'Create',
  'create.creating': 'Creating…',
  'create.cancel': 'Cancel',
  'create.created': '{name} was created.',
  'create.failed': 'The library could not be created.',

  'dashboard.title': 'Dashboard',
  'dashboard.branches': 'Libraries and bookmobiles',
  'dashboard.branchCount': '{count} service points',
  'dashboard.pickupPoints': 'Pickup points',
  'dashboard.pickupPointCount': '{count} places',
  'dashboard.bookmobile': 'Bookmobile',
  'dashboard.openOpac': 'Open the public catalogue (OPAC)',
  'dashboard.loadFailed': 'The library information could not be loaded.',
  'dashboard.quick': 'Frequent screens',
  'dashboard.holdShelf': 'On the hold shelf',
  'dashboard.pullList': 'To pull today',
  'dashboard.failedMail': 'Mail not delivered',
  'dashboard.items': '{count} items',
  'dashboard.mails': '{count} mails',
  'dashboard.expired': '{count} expired',

  'error.network': 'Cannot reach the server. Please check your network.',
  'error.unexpected': 'An unexpected error occurred.',
  'error.sessionExpired': 'Your session has expired. Please sign in again.',
  'error.close': 'Close',
};

const en: Messages = {
  ...baseEn,
  ...navEn,
  ...commonEn,
  ...platformEn,
  ...deskEn,
  ...patronsEn,
  ...catalogueEn,
  ...policyEn,
  ...placesEn,
  ...noticesEn,
  ...reportsEn,
  ...selfCheckEn,
  ...regionsEn,
  ...courierEn,
  ...agreementsEn,
  ...illEn,
};

export const MESSAGES: Record<Lang, Messages> = { ja, en };

/** Both languages of one key, e.g. for an error made in the browser (no API message). */
export function localizedOf(key: MessageKey): Localized {
  return { ja: MESSAGES.ja[key], en: MESSAGES.en[key] };
}

const STORAGE_KEY = 'shiori.admin.lang';

/**
 * The current language as a signal over this app's dictionary (the mechanics, storage and
 * `<html lang>` are @shiori/web-core's I18nBase): `t()` updates when the user switches language.
 */
@Injectable({ providedIn: 'root' })
export class I18n extends I18nBase<MessageKey> {
  constructor() {
    super(MESSAGES, STORAGE_KEY);
  }
}
