import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n, MESSAGES, MessageKey } from './i18n';

/** Route `title`s are dictionary keys; the document title is "page | Shiori 管理" in the current language. */
@Injectable({ providedIn: 'root' })
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly key = signal<MessageKey | null>(null);

  constructor() {
    super();
    effect(() => {
      const key = this.key();
      const parts = [key ? this.i18n.t(key) : '', this.i18n.t('app.name')].filter(Boolean);
      this.title.setTitle(parts.join(' | '));
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    this.key.set(key && key in MESSAGES.ja ? (key as MessageKey) : null);
  }
}
