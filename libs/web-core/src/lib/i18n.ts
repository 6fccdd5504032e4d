import { DOCUMENT, inject, signal, Signal, WritableSignal } from '@angular/core';

/** Japanese first, English second (STYLE.md). */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/** A text the API sends in both languages (problem+json `message`, preset names). */
export interface Localized {
  ja: string;
  en: string;
}

/** The keys every app's dictionary must have: the shared error display reads them. */
export type CoreMessageKey = 'error.network' | 'error.unexpected' | 'error.close';

/** What the shared services (Api, ErrorNotifier) need from an app's I18n. */
export interface CoreI18n {
  readonly lang: Signal<Lang>;
  t(key: CoreMessageKey, params?: Record<string, string | number>): string;
  pick(text: Localized): string;
  localized(key: CoreMessageKey): Localized;
}

/**
 * The current language as a signal, over one app's typed dictionaries. `t()` reads it, so
 * templates and `computed`s that call `t()` update when the reader switches language. The
 * choice is kept in localStorage under `storageKey` and mirrored to `<html lang>` (screen
 * readers pick their voice from it).
 *
 * Each app subclasses it with its own dictionaries and storage key, as a root service:
 * `@Injectable({ providedIn: 'root' }) class I18n extends I18nBase<MessageKey> { constructor() { super(MESSAGES, 'shiori.opac.lang'); } }`.
 */
export abstract class I18nBase<K extends string> {
  private readonly document = inject(DOCUMENT);
  private readonly current: WritableSignal<Lang>;
  readonly lang: Signal<Lang>;

  // assigned in the constructor body (not as parameter properties or field initialisers), so the
  // order does not depend on how the compiler emits class fields
  private readonly messages: Record<Lang, Record<K, string>>;
  private readonly storageKey: string;

  protected constructor(messages: Record<Lang, Record<K, string>>, storageKey: string) {
    this.messages = messages;
    this.storageKey = storageKey;
    this.current = signal<Lang>(this.stored() ?? 'ja');
    this.lang = this.current.asReadonly();
    this.document.documentElement.lang = this.current();
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    this.document.documentElement.lang = lang;
    try {
      this.document.defaultView?.localStorage.setItem(this.storageKey, lang);
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
  readonly t = (key: K, params?: Record<string, string | number>): string => {
    const text = this.messages[this.current()][key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };

  /** The current language's side of a text the API sent in both languages. */
  readonly pick = (text: Localized): string => text[this.current()] || text.ja;

  /** Both languages of one key, e.g. for an error made in the browser (no API message). */
  readonly localized = (key: K): Localized => ({ ja: this.messages.ja[key], en: this.messages.en[key] });

  private stored(): Lang | null {
    try {
      const v = this.document.defaultView?.localStorage.getItem(this.storageKey);
      return LANGS.includes(v as Lang) ? (v as Lang) : null;
    } catch {
      return null;
    }
  }
}
