import { InteractivityChecker } from '@angular/cdk/a11y';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { BASE, flushCsrf, flushLibrary, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import { SelfCheckPage } from './self-check-page';

jest.setTimeout(30000);

const MACHINE = {
  id: '11111111-1111-4111-8111-111111111111',
  login: 'katori-sip',
  name: '佐原中央図書館 自動貸出機1',
  branchCode: 'sawara',
  permissions: { checkout: true, checkin: true, renew: true, patronInfo: true },
  charset: 'utf-8',
  enabled: true,
  lastLoginAt: '2026-05-01T01:30:00Z',
  lastLoginAddress: '192.0.2.10',
  createdAt: '2026-04-01T00:00:00Z',
  updatedAt: '2026-04-01T00:00:00Z',
};
const RETURNS = {
  ...MACHINE,
  id: '22222222-2222-4222-8222-222222222222',
  login: 'omigawa-return',
  name: '小見川 返却ポスト',
  branchCode: 'omigawa',
  permissions: { checkout: false, checkin: true, renew: false, patronInfo: false },
  charset: 'windows-31j',
  enabled: false,
  lastLoginAt: null,
  lastLoginAddress: null,
};

describe('SelfCheckPage (自動貸出機: machines and their SIP2 logins)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(SelfCheckPage, '/desk/self-check', [], [
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: InteractivityChecker, useValue: { isFocusable: () => true, isTabbable: () => true, isVisible: () => true, isDisabled: (e: HTMLElement) => e.hasAttribute('disabled') } },
    ]);
    flushLibrary(h.http);
    h.http.expectOne(`${BASE}/admin/self-check-machines`).flush([MACHINE, RETURNS]);
    h.http.expectOne(`${BASE}/admin/self-check-machines/connection`).flush({ port: 6001, tls: false, libraryId: 'katori' });
    await h.stable();
  });

  afterEach(() => {
    h.http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  const input = (name: string) => h.page.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const button = (label: string) => {
    const b = h.page.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
    if (!b) throw new Error(`no button "${label}"`);
    return b;
  };
  const dialogButton = (text: string) => [...document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')].find((b) => b.textContent?.trim() === text)!;
  const submit = async () => {
    h.page.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
    flushCsrf(h.http);
  };
  const choose = async (selectName: string, optionText: string) => {
    h.page.querySelector<HTMLElement>(`mat-select[name="${selectName}"] .mat-mdc-select-trigger`)!.click();
    await h.stable();
    [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === optionText)!.click();
    await h.stable();
  };
  const reloadList = async (list: unknown[]) => {
    await h.stable();
    for (const r of h.http.match(`${BASE}/admin/self-check-machines`)) r.flush(list);
    await h.stable();
  };

  it('lists each machine in the librarians’ words, and says what to type into a machine', () => {
    const row = h.page.querySelector('tr[data-machine="katori-sip"]')!;
    expect(row.textContent).toContain('佐原中央図書館 自動貸出機1');
    expect(row.textContent).toContain('佐原中央図書館');
    expect(row.textContent).toContain('貸出・返却・延長・利用者の照会');
    expect(row.textContent).toContain('UTF-8（標準）');
    expect(row.textContent).toContain('使用中');
    expect(row.textContent).toContain('192.0.2.10');
    const returns = h.page.querySelector('tr[data-machine="omigawa-return"]')!;
    expect(returns.textContent).toContain('返却');
    expect(returns.textContent).not.toContain('貸出・');
    expect(returns.textContent).toContain('Shift_JIS（Windows-31J）');
    expect(returns.textContent).toContain('利用停止');
    expect(returns.textContent).toContain('まだ接続していません');
    expect(h.page.querySelector('[data-connection]')?.textContent).toContain('図書館 ID katori・ポート 6001（暗号化なし）');
  });

  it('registers a machine and shows its password once, on the page, until dismissed', async () => {
    typeInto(input('name'), ' 佐原 自動貸出機2 ');
    typeInto(input('login'), 'sawara-sc2');
    await choose('branchCode', '佐原中央図書館');
    h.page.querySelector<HTMLInputElement>('mat-checkbox[name="perm-renew"] input')!.click();
    await submit();
    const req = h.http.expectOne({ method: 'POST', url: `${BASE}/admin/self-check-machines` });
    expect(req.request.body).toEqual({
      name: '佐原 自動貸出機2',
      login: 'sawara-sc2',
      branchCode: 'sawara',
      permissions: { checkout: true, checkin: true, renew: false, patronInfo: true },
      charset: 'utf-8',
    });
    req.flush({ machine: { ...MACHINE, id: '3', login: 'sawara-sc2', name: '佐原 自動貸出機2' }, password: 'k7qf-m2xr-9tbd-h4np' });
    await reloadList([MACHINE, RETURNS]);
    const shown = h.page.querySelector('[data-machine-password]')!;
    expect(shown.textContent).toBe('k7qf-m2xr-9tbd-h4np');
    expect(shown.closest('section')!.textContent).toContain('ログイン名 sawara-sc2、図書館 ID katori');
    [...h.page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('入力しました'))!.click();
    await h.stable();
    expect(h.page.querySelector('[data-machine-password]')).toBeNull();
  });

  it('checks the login and a typed password in the browser, and puts the API’s refusal on the field', async () => {
    typeInto(input('name'), '機器');
    typeInto(input('login'), 'a|b');
    typeInto(input('password'), 'short');
    await choose('branchCode', '小見川図書館');
    await submit();
    h.http.expectNone({ method: 'POST', url: `${BASE}/admin/self-check-machines` });
    expect(input('login')!.closest('mat-form-field')!.querySelector('mat-error')?.textContent).toContain('半角英数字と . _ - で3〜40文字');
    expect(input('password')!.closest('mat-form-field')!.querySelector('mat-error')?.textContent).toContain('10〜64文字');

    typeInto(input('login'), 'katori-sip');
    typeInto(input('password'), '');
    await submit();
    h.http
      .expectOne({ method: 'POST', url: `${BASE}/admin/self-check-machines` })
      .flush(
        {
          code: 'SELF_CHECK_LOGIN_TAKEN',
          status: 409,
          message: { ja: 'このログイン名は別の機器が使っています。', en: 'Another machine already uses this login name.' },
          errors: [{ path: 'login', message: { ja: 'このログイン名は別の機器が使っています。', en: 'Another machine already uses this login name.' } }],
        },
        { status: 409, statusText: 'Conflict' },
      );
    await h.stable();
    expect(input('login')!.closest('mat-form-field')!.querySelector('mat-error')?.textContent).toContain('このログイン名は別の機器が使っています。');
  });

  it('edits a machine (not its login), takes one out of use, and puts one back', async () => {
    button('「佐原中央図書館 自動貸出機1」を編集する').click();
    await h.stable();
    expect(input('login')!.disabled).toBe(true);
    expect(input('password')).toBeNull();
    await choose('charset', 'Shift_JIS（Windows-31J）');
    await submit();
    const edit = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/self-check-machines/${MACHINE.id}` });
    expect(edit.request.body).toEqual({ name: '佐原中央図書館 自動貸出機1', branchCode: 'sawara', permissions: MACHINE.permissions, charset: 'windows-31j', enabled: true });
    edit.flush({ ...MACHINE, charset: 'windows-31j' });
    await reloadList([MACHINE, RETURNS]);
    expect(h.snackBar.open).toHaveBeenCalledWith('「佐原中央図書館 自動貸出機1」を保存しました。', '閉じる', expect.anything());

    button('「佐原中央図書館 自動貸出機1」を利用停止にする').click();
    await h.stable();
    flushCsrf(h.http);
    const stop = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/self-check-machines/${MACHINE.id}` });
    expect(stop.request.body).toEqual({ enabled: false });
    stop.flush({ ...MACHINE, enabled: false });
    await reloadList([{ ...MACHINE, enabled: false }, RETURNS]);
    expect(h.snackBar.open).toHaveBeenCalledWith(expect.stringContaining('接続中の機器は次の操作から使えません'), '閉じる', expect.anything());

    button('「小見川 返却ポスト」の使用を再開する').click();
    await h.stable();
    flushCsrf(h.http);
    expect(h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/self-check-machines/${RETURNS.id}` }).request.body).toEqual({ enabled: true });
  });

  it('issues a new password after confirming, and deletes a machine after confirming', async () => {
    button('「佐原中央図書館 自動貸出機1」のパスワードを再発行する').click();
    await h.stable();
    dialogButton('パスワードを再発行').click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'POST', url: `${BASE}/admin/self-check-machines/${MACHINE.id}/password` }).flush({ machine: MACHINE, password: 'abcd-efgh-jkmn-pqrs' });
    await reloadList([MACHINE, RETURNS]);
    expect(h.page.querySelector('[data-machine-password]')?.textContent).toBe('abcd-efgh-jkmn-pqrs');

    button('「小見川 返却ポスト」を削除する').click();
    await h.stable();
    dialogButton('削除').click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/self-check-machines/${RETURNS.id}` }).flush(null);
    await reloadList([MACHINE]);
    expect(h.snackBar.open).toHaveBeenCalledWith('「小見川 返却ポスト」を削除しました。', '閉じる', expect.anything());
    expect(h.page.querySelector('tr[data-machine="omigawa-return"]')).toBeNull();
  });
});
