import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

/**
 * Every string a patron reads, Japanese first. The English dictionary is typed against the
 * Japanese one, so a key missing in either language is a compile error.
 */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/** A text the API sends in both languages (problem+json `message`, preset names). */
export interface Localized {
  ja: string;
  en: string;
}

const ja = {
  'app.name': '蔵書検索',
  'app.skipToMain': '本文へスキップ',
  'app.home': 'ホーム',
  'app.switchLanguage': 'English',
  'app.switchLanguageLabel': 'Switch to English',
  'app.loading': '読み込み中…',
  'app.noTenant': '図書館が指定されていません。URL をご確認ください（/opac/図書館名/）。',

  'footer.creditBefore': '書誌データの一部は青空文庫（',
  'footer.creditAfter': '）による',

  'home.heading': '本をさがす',
  'home.intro': 'タイトル・著者名・キーワードで、図書館の本をさがせます。',
  'home.branches': '館一覧',
  'home.bookmobile': '移動図書館',
  'home.pickupPoints': '受取場所 {count} か所',
  'home.noBranches': '登録されている館はありません。',
  'home.loadFailed': '図書館の情報を読み込めませんでした。',
  'home.retry': '再読み込み',

  'search.title': '検索結果',
  'search.label': '検索語',
  'search.placeholder': '例：夏目漱石、こころ',
  'search.submit': '検索',
  'search.total': '「{q}」の検索結果：{total} 件',
  'search.empty': '「{q}」に一致する資料は見つかりませんでした。ことばを変えて、もう一度おためしください。',
  'search.prompt': '検索語を入れてください。',
  'search.failed': '検索できませんでした。',
  'search.searching': '検索しています…',
  'search.results': '検索結果一覧',

  'error.network': 'サーバーに接続できません。ネットワークをご確認ください。',
  'error.unexpected': '予期しないエラーが発生しました。',
  'error.close': '閉じる',
} as const;

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.name': 'Library catalogue',
  'app.skipToMain': 'Skip to main content',
  'app.home': 'Home',
  'app.switchLanguage': '日本語',
  'app.switchLanguageLabel': '日本語に切り替える',
  'app.loading': 'Loading…',
  'app.noTenant': 'No library is selected. Please check the address (/opac/library-name/).',

  'footer.creditBefore': 'Some bibliographic data is from Aozora Bunko (',
  'footer.creditAfter': ')',

  'home.heading': 'Find a book',
  'home.intro': 'Search the library by title, author or keyword.',
  'home.branches': 'Libraries',
  'home.bookmobile': 'Bookmobile',
  'home.pickupPoints': '{count} pickup points',
  'home.noBranches': 'No libraries are registered yet.',
  'home.loadFailed': 'The library information could not be loaded.',
  'home.retry': 'Reload',

  'search.title': 'Search results',
  'search.label': 'Search terms',
  'search.placeholder': 'e.g. Natsume Soseki, Kokoro',
  'search.submit': 'Search',
  'search.total': '{total} results for “{q}”',
  'search.empty': 'Nothing matched “{q}”. Please try other words.',
  'search.prompt': 'Please enter search terms.',
  'search.failed': 'The search could not be run.',
  'search.searching': 'Searching…',
  'search.results': 'Results',

  'error.network': 'Cannot reach the server. Please check your network.',
  'error.unexpected': 'An unexpected error occurred.',
  'error.close': 'Close',
};

export const MESSAGES: Record<Lang, Messages> = { ja, en };

/** Both languages of one key, e.g. for an error made in the browser (no API message). */
export function localizedOf(key: MessageKey): Localized {
  return { ja: MESSAGES.ja[key], en: MESSAGES.en[key] };
}

const STORAGE_KEY = 'shiori.opac.lang';

/**
 * The current language as a signal. `t()` reads it, so templates and `computed`s that call
 * `t()` update when the patron switches language. The choice is kept in localStorage and
 * mirrored to `<html lang>` (screen readers pick their voice from it).
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>(this.stored() ?? 'ja');
  readonly lang = this.current.asReadonly();

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // storage may be disabled (private mode, kiosk policy): the choice then lasts this page only
    }
  }

  toggle(): void {
    this.setLang(this.current() === 'ja' ? 'en' : 'ja');
  }

  /**
   * The text of `key` in the current language; `{name}` placeholders are filled from
   * `params`. An arrow function, so components can take it as `protected readonly t = inject(I18n).t`.
   */
  readonly t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const text = MESSAGES[this.current()][key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };

  /** The current language's side of a text the API sent in both languages. */
  readonly pick = (text: Localized): string => text[this.current()] || text.ja;

  /**
   * A date for reading: `YYYY-MM-DD` as a calendar day (no time zone shift), an ISO time in
   * Japan time. 2026年5月1日(金) in Japanese, Fri 1 May 2026 in English.
   */
  readonly date = (value: string | null | undefined, opts: { time?: boolean; weekday?: boolean } = {}): string => {
    if (!value) return '';
    const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const d = new Date(dayOnly ? value + 'T00:00:00Z' : value);
    if (Number.isNaN(d.getTime())) return value;
    const locale = this.current() === 'ja' ? 'ja-JP' : 'en-GB';
    return new Intl.DateTimeFormat(locale, {
      timeZone: dayOnly ? 'UTC' : 'Asia/Tokyo',
      year: 'numeric',
      month: this.current() === 'ja' ? 'long' : 'short',
      day: 'numeric',
      ...(opts.weekday ? { weekday: 'short' } : {}),
      ...(opts.time && !dayOnly ? { hour: '2-digit', minute: '2-digit' } : {}),
    }).format(d);
  };

  private stored(): Lang | null {
    try {
      const v = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return LANGS.includes(v as Lang) ? (v as Lang) : null;
    } catch {
      return null;
    }
  }
}
