import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18n, MESSAGES } from './i18n';

describe('I18n', () => {
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
    expect(localStorage.getItem('shiori.opac.lang')).toBe('en');

    i18n.toggle();
    expect(i18n.lang()).toBe('ja');
  });

  // restoring and validating the stored choice is @shiori/web-core's (libs/web-core/src/lib/i18n.spec.ts)

  it('fills placeholders and picks the current side of an API text', () => {
    const i18n = TestBed.inject(I18n);
    expect(i18n.t('search.total', { q: 'こころ', total: 3 })).toBe('「こころ」の検索結果：3 件');
    const text = { ja: '見つかりません。', en: 'Not found.' };
    expect(i18n.pick(text)).toBe('見つかりません。');
    i18n.setLang('en');
    expect(i18n.pick(text)).toBe('Not found.');
  });

  it('has every key in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ja).sort());
    for (const text of Object.values(MESSAGES.en)) expect(text).not.toBe('');
  });
});
