import { DOCUMENT, Injectable } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nBase, Lang } from './i18n';

const MESSAGES: Record<Lang, Record<'home.branches' | 'search.total', string>> = {
  ja: { 'home.branches': '館一覧', 'search.total': '「{q}」の検索結果：{total} 件' },
  en: { 'home.branches': 'Libraries', 'search.total': '{total} results for “{q}”' },
};

@Injectable({ providedIn: 'root' })
class I18n extends I18nBase<keyof (typeof MESSAGES)['ja']> {
  constructor() {
    super(MESSAGES, 'shiori.test.lang');
  }
}

describe('I18nBase', () => {
  beforeEach(() => localStorage.clear());

  it('starts in Japanese and sets <html lang>', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.lang()).toBe('ja');
    expect(i18n.t('home.branches')).toBe('館一覧');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('ja');
  });

  it('switches to English, updates <html lang> and remembers the choice', () => {
    const i18n = TestBed.inject(I18n);
    i18n.setLang('en');
    expect(i18n.t('home.branches')).toBe('Libraries');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem('shiori.test.lang')).toBe('en');

    i18n.toggle();
    expect(i18n.lang()).toBe('ja');
  });

  it('restores the stored language on the next visit', () => {
    localStorage.setItem('shiori.test.lang', 'en');
    expect(TestBed.inject(I18n).lang()).toBe('en');
  });

  it('ignores a stored value that is not a language', () => {
    localStorage.setItem('shiori.test.lang', 'fr');
    expect(TestBed.inject(I18n).lang()).toBe('ja');
  });

  it('fills placeholders and picks the current side of an API text', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.t('search.total', { q: 'こころ', total: 3 })).toBe('「こころ」の検索結果：3 件');
    const text = { ja: '見つかりません。', en: 'Not found.' };
    expect(i18n.pick(text)).toBe('見つかりません。');
    i18n.setLang('en');
    expect(i18n.pick(text)).toBe('Not found.');
  });

  it('gives both languages of a key', () => {
    expect(TestBed.inject(I18n).localized('home.branches')).toEqual({ ja: '館一覧', en: 'Libraries' });
  });
});
