import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n, MESSAGES, MessageKey } from './i18n';
import { Library } from './library';

/**
 * A page's own title in place of its route's (a record page: the book's title), so the tab,
 * a bookmark and a search engine that runs the app read the same title as the API's HTML.
 * Cleared at every navigation.
 */
@Injectable({ providedIn: 'root' })
export class PageTitle {
  readonly text = signal<string | null>(null);

  set(text: string | null): void {
    this.text.set(text);
  }
}

/**
 * Route `title`s are dictionary keys. The document title is "page | library name" and
 * follows both the language and the library's name once `/info` has arrived.
 */
@Injectable({ providedIn: 'root' })
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly page = inject(PageTitle);
  private readonly key = signal<MessageKey | null>(null);

  constructor() {
    super();
    effect(() => {
      const key = this.key();
      const parts = [this.page.text() ?? (key ? this.i18n.t(key) : ''), this.library.name()].filter(Boolean);
      this.title.setTitle(parts.length ? parts.join(' | ') : this.i18n.t('app.name'));
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    this.page.set(null);
    this.key.set(key && key in MESSAGES.ja ? (key as MessageKey) : null);
  }
}
