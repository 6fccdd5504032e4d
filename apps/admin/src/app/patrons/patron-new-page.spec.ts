import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Component } from '@angular/core';
import { BASE, flushCsrf, flushLibrary, Harness, policyDocument, startLibrarianPage, typeInto } from '../../testing/librarian';
import { PatronNewPage } from './patron-new-page';

@Component({ template: 'detail' })
class Detail {}

/** city003's cards: 8 digits printed 0123456-7, the last a check digit (mod10-weight21). */
const city003 = () =>
  policyDocument((p) => {
    p.card = { ...p.card, minLength: 8, maxLength: 8, checkDigit: 'mod10-weight21', example: '0123456-7' };
  });

describe('PatronNewPage (registration at the counter)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(PatronNewPage, '/patrons/new', [{ path: 'patrons/:id', component: Detail }]);
    flushLibrary(h.http, city003());
    await h.stable();
  });

  afterEach(() => h.http.verify());

  const field = (name: string) => h.page.querySelector<HTMLInputElement>(`input[name=${name}]`);
  const cardError = () => field('cardNumber')?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? '';
  const cardHint = () => field('cardNumber')?.closest('mat-form-field')?.querySelector('mat-hint')?.textContent?.trim() ?? '';

  it('checks the card number as it is typed, by this library’s card rules', async () => {
    expect(cardHint()).toBe('この図書館のカード：8桁の数字、最後の 1 桁はチェックディジット、例：0123456-7');
    typeInto(field('cardNumber'), '0123456');
    await h.stable();
    expect(cardError()).toBe('利用者カードの番号は8桁です。');
    typeInto(field('cardNumber'), '0123456-8');
    await h.stable();
    expect(cardError()).toBe('利用者カードの番号に誤りがあります。カードの番号をもう一度ご確認ください。');
    typeInto(field('cardNumber'), '０１２３４５６－７'); // full-width, as an IME may type it
    await h.stable();
    expect(cardError()).toBe('');
    expect(cardHint()).toBe('登録される番号：01234567');
  });

  it('registers with the normalised number and opens the patron', async () => {
    typeInto(field('cardNumber'), '0123456-7');
    typeInto(field('name'), '図書 花子');
    typeInto(field('nameKana'), 'トショ ハナコ');
    await h.stable();
    h.page.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
    flushCsrf(h.http);
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/patrons` });
    expect(req.request.body).toEqual({ cardNumber: '01234567', name: '図書 花子', nameKana: 'トショ ハナコ', category: 'general' });
    req.flush({ id: 'p-1', name: '図書 花子', cardNumber: '01234567' });
    await h.stable();
    expect(TestBed.inject(Router).url).toBe('/patrons/p-1');
  });

  it('says so on the field when the card is already registered', async () => {
    typeInto(field('cardNumber'), '01234567');
    typeInto(field('name'), '図書 花子');
    typeInto(field('nameKana'), 'トショ ハナコ');
    await h.stable();
    h.page.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
    flushCsrf(h.http);
    h.http
      .expectOne({ method: 'POST', url: `${BASE}/admin/patrons` })
      .flush({ code: 'CARD_EXISTS', message: { ja: '登録済みです。', en: 'Exists.' } }, { status: 409, statusText: 'Conflict' });
    await h.stable();
    expect(cardError()).toBe('この番号の利用者は既に登録されています。');
  });

  it('asks for katakana in the reading', async () => {
    typeInto(field('nameKana'), 'としょ');
    await h.stable();
    expect(field('nameKana')?.closest('mat-form-field')?.querySelector('mat-error')?.textContent).toContain('カタカナで入力してください。');
  });
});
