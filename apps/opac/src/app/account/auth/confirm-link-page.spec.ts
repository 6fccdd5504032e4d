import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../../testing/fixtures';
import { setUpOpac } from '../../testing/setup';
import { ConfirmLinkPage } from './confirm-link-page';

describe('the page a confirmation mail links to', () => {
  let http: HttpTestingController;

  async function open(url: string) {
    http = setUpOpac(presetInfo('koga'), [
      { path: 'confirm-email', data: { link: 'email' }, component: ConfirmLinkPage },
      { path: 'confirm-password', data: { link: 'password' }, component: ConfirmLinkPage },
    ]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return harness;
  }
  const settle = async (harness: RouterTestingHarness) => {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  };

  afterEach(() => http.verify());

  it('confirm-password: sends the token and says the new password is valid now, with the way to sign in', async () => {
    const harness = await open('/confirm-password?token=abc123');
    http.expectOne('/api/csrf').flush({ token: null });
    const req = http.expectOne('/api/t/koga/auth/confirm-password');
    expect(req.request.body).toEqual({ token: 'abc123' });
    req.flush({ confirmed: true });
    await settle(harness);
    const el = harness.routeNativeElement!;
    expect(el.querySelector('h1')!.textContent).toContain('パスワード登録の確認');
    expect(el.querySelector('.done')!.textContent).toContain('新しいパスワードが有効になりました');
    expect(el.querySelector('a[href="/login"]')).not.toBeNull();
  });

  it('confirm-password: an expired or used link says so in the API’s words', async () => {
    const harness = await open('/confirm-password?token=old');
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/t/koga/auth/confirm-password').flush(
      { code: 'TOKEN_INVALID', status: 400, message: { ja: 'リンクが無効か、期限が切れています。もう一度お手続きください。', en: 'The link is invalid or has expired.' } },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle(harness);
    expect(harness.routeNativeElement!.querySelector('[role=alert]')!.textContent).toContain('期限が切れています');
  });

  it('confirm-email: the address counts once its link is opened', async () => {
    const harness = await open('/confirm-email?token=t1');
    http.expectOne('/api/csrf').flush({ token: null });
    http.expectOne('/api/t/koga/auth/confirm-email').flush({ email: 'hanako@example.jp', confirmed: true });
    await settle(harness);
    expect(harness.routeNativeElement!.querySelector('.done')!.textContent).toContain('hanako@example.jp を確認しました');
  });
});
