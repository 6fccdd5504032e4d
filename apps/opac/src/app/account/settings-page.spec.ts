import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Session } from '../core/session';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { SettingsPage } from './settings-page';

const ME = {
  id: 'p1',
  cardNumber: '100000001',
  name: '古賀 花子',
  email: 'old@example.jp',
  lastLoginAt: null,
  lastUseAt: null,
  cardExpiresAt: null,
  counts: { loans: 0, overdue: 0, holds: 1, readyHolds: 0, alerts: 0, cart: 0 },
  messages: [],
  mustChangePassword: false,
};

describe('settings page: Koga’s two choices when the e-mail address changes (004:73-74)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SettingsPage>;
  let el: HTMLElement;

  async function render() {
    const info = presetInfo('koga');
    http = setUpOpac(info);
    const loaded = TestBed.inject(Session).ensureLoaded();
    http.expectOne(`/api/t/koga/me`).flush(ME);
    await loaded;
    fixture = TestBed.createComponent(SettingsPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }
  const box = (cls: string) => el.querySelector<HTMLInputElement>(`mat-checkbox.${cls} input`)!;
  async function typeAndSubmit(address: string) {
    const input = el.querySelector<HTMLInputElement>('input[name="email"]')!;
    input.value = address;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    input.closest('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('offers both: the contact from now on, and the holds already placed; the second depends on the first', async () => {
    await render();
    expect(box('use-for-future').checked).toBe(true);
    expect(box('apply-to-holds').checked).toBe(true);
    expect(el.textContent).toContain('今後の連絡先はこのアドレスに変更する');
    expect(el.textContent).toContain('登録済み予約の連絡先もこのアドレスに変更する');

    box('use-for-future').click();
    await fixture.whenStable();
    expect(box('apply-to-holds').disabled).toBe(true);
    await typeAndSubmit('new@example.jp');
    expect(el.querySelector('[aria-labelledby="email-heading"] [role="alert"]')!.textContent).toContain('今後の連絡先はこのアドレスに変更する');
    http.expectNone(`/api/t/koga/me/email`);

    box('use-for-future').click();
    await fixture.whenStable();
    box('apply-to-holds').click(); // only the contact from now on
    await fixture.whenStable();
    await typeAndSubmit('new@example.jp');
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' }); // before the first write
    await fixture.whenStable();
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    const req = http.expectOne(`/api/t/koga/me/email`);
    expect(req.request.body).toEqual({ email: 'new@example.jp', applyToExistingHolds: false });
    req.flush({ email: 'old@example.jp', pendingEmail: 'new@example.jp', confirmationRequired: true });
    await fixture.whenStable();
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r));
    http.match(`/api/t/koga/me`).forEach((r) => r.flush(ME));
  });
});
