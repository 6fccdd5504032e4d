import type { Browser, Page } from 'playwright-core';
import { Library, api, platformToken, provisionLibrary, signInRegionalIt } from './support/admin-setup';
import { japanesePage, launchBrowser } from './support/browser';
import { startServer } from './support/server';

interface StaffAccountRow {
  id: string;
  username: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

/** The message every failed staff sign-in gets, whatever the cause (unknown, wrong password, disabled). */
const LOGIN_FAILED = '利用者番号（またはID）かパスワードが違います。続けて間違えたときは、数分待ってからもう一度お試しください。';

/**
 * Staff account management by the regional admin, in Chromium against the real API: a
 * temporary password shown once, the forced change at the next sign-in, and disabling.
 * The library is a fresh Katori tenant of this test's own.
 */
describe('admin console: staff accounts in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let lib: Library;
  let adminToken: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    lib = await provisionLibrary(server.url);
    adminToken = await platformToken(server.url);
    await api(server.url, `/platform/tenants/${lib.slug}/staff`, {
      token: adminToken,
      body: { username: 'okada', password: 'okada-initial-password', role: 'librarian', displayName: '岡田 次郎' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = () => japanesePage(browser);
  const staffList = () => api<StaffAccountRow[]>(server.url, `/platform/tenants/${lib.slug}/staff`, { token: adminToken });
  const policyUrl = () => `${server.url}/api/t/${lib.slug}/admin/policy`;
  const okadaAccount = async () => {
    const account = (await staffList()).find((s) => s.username === 'okada');
    if (!account) throw new Error(`staff account "okada" is missing from ${lib.slug}`);
    return account;
  };

  /** Fills the librarian form of the console's login page and presses ログイン (no waiting for the result). */
  async function submitLibrarianLogin(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('heading', { name: 'Shiori 管理画面へのログイン' }).waitFor();
    await page.getByLabel(/図書館コード/).fill(lib.slug);
    await page.getByLabel(/ユーザー名/).fill(username);
    await page.getByLabel(/パスワード/).first().fill(password);
    await page.getByRole('button', { name: /^ログイン$/ }).click();
  }

  it('resets a librarian’s password to a temporary one shown once; the librarian must change it, then reaches the console; once disabled, sign-in fails like any other', async () => {
    // the regional admin opens the library from the list
    const admin = await newPage();
    await signInRegionalIt(admin, server.url);
    await admin.getByRole('cell', { name: lib.slug }).getByRole('link').click();
    await admin.getByRole('heading', { name: lib.name, level: 1 }).waitFor();
    await admin.getByRole('heading', { name: '職員アカウント', exact: true }).waitFor();
    const row = admin.locator('tr[data-staff="okada"]');
    await row.getByText('有効', { exact: true }).waitFor();

    // reset: asked first, then the temporary password, once
    await row.getByRole('button', { name: '岡田 次郎 のパスワードをリセット' }).click();
    const confirm = admin.getByRole('dialog').filter({ has: admin.getByRole('heading', { name: '岡田 次郎 のパスワードをリセットしますか？' }) });
    await confirm.getByRole('button', { name: 'リセットする' }).click();
    const shown = admin.getByRole('dialog').filter({ has: admin.getByRole('heading', { name: '岡田 次郎 の仮パスワード' }) });
    await shown.getByText('この仮パスワードは今回しか表示されません。', { exact: false }).waitFor();
    const temporary = ((await shown.locator('[data-temporary-password]').textContent()) ?? '').trim();
    expect(temporary).toMatch(/^\S{10,}$/);
    await shown.getByRole('button', { name: '閉じる' }).click();
    await shown.waitFor({ state: 'detached' });
    await row.getByText('仮パスワード発行中').waitFor();
    // kept nowhere: not on the page any more, not in the API's list
    expect(await admin.locator('body').innerText()).not.toContain(temporary);
    const listed = await staffList();
    expect(JSON.stringify(listed)).not.toContain(temporary);
    expect(listed.find((s) => s.username === 'okada')).toMatchObject({ mustChangePassword: true, disabled: false });

    // the librarian signs in with it and is sent to the change-password screen, and only there
    const librarian = await newPage();
    await submitLibrarianLogin(librarian, 'okada', temporary);
    await librarian.getByRole('heading', { name: '新しいパスワードの設定' }).waitFor();
    await librarian.getByText('仮パスワードでログインしました。続けるには、新しいパスワードを設定してください。').waitFor();
    await librarian.goto(`${server.url}/admin/dashboard`);
    await librarian.getByRole('heading', { name: '新しいパスワードの設定' }).waitFor();
    // the API, with this browser's session cookie, refuses the rest until then
    const blocked = await librarian.context().request.get(policyUrl());
    expect({ status: blocked.status(), code: (await blocked.json()).code }).toEqual({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });

    await librarian.getByLabel('仮パスワード（いまのパスワード）').fill(temporary);
    await librarian.getByLabel('新しいパスワード', { exact: true }).fill('okada-own-password-2026');
    await librarian.getByLabel('新しいパスワード（確認）').fill('okada-own-password-2026');
    await librarian.getByRole('button', { name: 'パスワードを変更', exact: true }).click();
    await librarian.getByText('パスワードを変更しました。').waitFor();
    await librarian.getByRole('heading', { name: lib.name }).waitFor(); // the console's dashboard
    await librarian.getByRole('navigation', { name: /管理メニュー/ }).getByRole('link', { name: '予約受付', exact: true }).waitFor();
    expect(await okadaAccount()).toMatchObject({ mustChangePassword: false, disabled: false });
    await admin.reload();
    await row.getByText('有効', { exact: true }).waitFor();
    expect(await row.getByText('仮パスワード発行中').count()).toBe(0);

    // the regional admin disables the account (asked first)
    await row.getByRole('button', { name: '岡田 次郎 を無効にする' }).click();
    const disable = admin.getByRole('dialog').filter({ has: admin.getByRole('heading', { name: '岡田 次郎 を無効にしますか？' }) });
    await disable.getByRole('button', { name: '無効にする' }).click();
    await disable.waitFor({ state: 'detached' });
    await admin.getByText('岡田 次郎 を無効にしました。').waitFor();
    await row.getByText('無効', { exact: true }).waitFor();
    await row.getByRole('button', { name: '岡田 次郎 を有効にする' }).waitFor();
    expect(await okadaAccount()).toMatchObject({ disabled: true });

    // the librarian's open session ends at once
    const revoked = await librarian.context().request.get(policyUrl());
    expect(revoked.status()).toBe(401);
    await librarian.reload();
    await librarian.getByRole('heading', { name: 'Shiori 管理画面へのログイン' }).waitFor();
    await librarian.getByText('ログインの有効期限が切れました。もう一度ログインしてください。').waitFor();
    await librarian.close();

    // and the next sign-in, with the right password, fails with the same words as a wrong password
    const again = await newPage();
    await submitLibrarianLogin(again, 'okada', 'okada-own-password-2026');
    await again.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }).waitFor();
    await again.getByRole('heading', { name: 'Shiori 管理画面へのログイン' }).waitFor();
    await submitLibrarianLogin(again, lib.librarian.username, 'not-the-password');
    await again.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }).waitFor();
    await submitLibrarianLogin(again, 'nobody-here', 'not-the-password');
    await again.getByRole('alert').getByText(LOGIN_FAILED, { exact: true }).waitFor();
    await again.close();
    await admin.close();
  });
});
