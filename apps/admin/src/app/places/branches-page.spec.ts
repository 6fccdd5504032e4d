import { InteractivityChecker } from '@angular/cdk/a11y';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { BASE, flushCsrf, Harness, policyDocument, startLibrarianPage, typeInto } from '../../testing/librarian';
import { I18n } from '../core/i18n';
import { BranchesPage } from './branches-page';

jest.setTimeout(30000);

const SAWARA_HOURS = { ja: '火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00', en: 'Tue–Fri 9:30–19:00\nSat, Sun, holidays 9:30–17:00' };
const BRANCHES = [
  {
    code: 'sawara',
    name: '佐原中央図書館',
    nameEn: 'Sawara Central Library',
    askPickupPoint: false,
    isBookmobile: false,
    active: true,
    sort: 0,
    address: '千葉県香取市佐原イ1812',
    phone: '0478-54-1234',
    hours: SAWARA_HOURS,
    weeklyClosed: [1],
  },
  { code: 'omigawa', name: '小見川図書館', nameEn: null, askPickupPoint: false, isBookmobile: false, active: true, sort: 1, address: null, phone: null, hours: null, weeklyClosed: [] },
  // as an API from before the branch guide sends it: no address, phone, hours or weeklyClosed
  { code: 'bm', name: '移動図書館', nameEn: 'Bookmobile', askPickupPoint: true, isBookmobile: true, active: true, sort: 2 },
];
const COUNTER = { code: 'sawara-counter', name: '佐原中央図書館 窓口', nameEn: 'Sawara counter', kind: 'counter', branchCode: 'sawara', timetable: [], active: true, sort: 0 };
// as the API sends jsonb back: keys in its own order, not the order they were written in
const STATION = { code: 'bm-park', name: '中央公園', nameEn: null, kind: 'bookmobile-station', branchCode: 'bm', timetable: [{ time: '10:00-10:30', weeks: [1, 3], weekday: 2 }], active: true, sort: 1 };
const LOCKER = {
  code: 'sawara-locker',
  name: '佐原 予約取置室',
  nameEn: null,
  kind: 'locker',
  branchCode: 'sawara',
  timetable: [],
  note: { ja: '4階。利用者カードとパスワードが必要です。', en: '4th floor. Bring your card and password.' },
  active: true,
  sort: 1,
};
const POINTS = [COUNTER, LOCKER, STATION];

describe('BranchesPage (branches and pickup points: edit every field, delete pickup points and branches)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(BranchesPage, '/branches', [], [
      // dialogs close at once (jsdom runs no CSS transitions) and may focus their buttons (jsdom has no layout)
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: InteractivityChecker, useValue: { isFocusable: () => true, isTabbable: () => true, isVisible: () => true, isDisabled: (e: HTMLElement) => e.hasAttribute('disabled') } },
    ]);
    flushPlaces();
    await h.stable();
  });

  afterEach(() => {
    h.http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  function flushPlaces(branches: unknown[] = BRANCHES, points: unknown[] = POINTS): void {
    for (const r of h.http.match(`${BASE}/admin/policy`)) r.flush(policyDocument());
    for (const r of h.http.match(`${BASE}/admin/branches`)) r.flush(branches);
    for (const r of h.http.match(`${BASE}/admin/pickup-points`)) r.flush(points);
  }

  const button = (label: string, root: ParentNode = h.page) => {
    const b = root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
    if (!b) throw new Error(`no button "${label}"`);
    return b;
  };
  const buttonByText = (text: string, root: ParentNode = document) => {
    const b = [...root.querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent?.trim() === text);
    if (!b) throw new Error(`no button with text "${text}"`);
    return b;
  };
  const input = (name: string) => h.page.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const submit = async (selector: string) => {
    h.page.querySelector(selector)!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
    flushCsrf(h.http);
  };
  /** Opens a mat-select of the page and picks the option with this text. */
  const choose = async (selectName: string, optionText: string) => {
    h.page.querySelector<HTMLElement>(`mat-select[name="${selectName}"] .mat-mdc-select-trigger`)!.click();
    await h.stable();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.trim() === optionText);
    if (!option) throw new Error(`no option "${optionText}"`);
    option.click();
    await h.stable();
  };
  const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
  const reloaded = async () => {
    await h.stable();
    flushPlaces();
    await h.stable();
  };
  /** Shows the page again with other branches (the refresh button, as a librarian would). */
  const reloadWith = async (branches: unknown[]) => {
    buttonByText('refresh最新の情報にする', h.page).click();
    await h.stable();
    flushPlaces(branches);
    await h.stable();
  };

  it('lists each pickup point with edit and delete actions named after it', () => {
    const row = h.page.querySelector('tr[data-point="bm-park"]')!;
    expect(row.textContent).toContain('中央公園');
    expect(row.textContent).toContain('第1・3週 火 10:00-10:30');
    expect(button('中央公園 を編集', row)).toBeTruthy();
    expect(button('中央公園 を削除', row)).toBeTruthy();
    expect(h.page.querySelector('table th[scope="col"]:last-child')?.textContent).toContain('操作');
  });

  it('edits every field of a branch but its code: name, English name (cleared), display order and bookmobile', async () => {
    button('佐原中央図書館 を編集').click();
    await h.stable();
    expect(input('branchName')!.value).toBe('佐原中央図書館');
    expect(input('branchSort')!.value).toBe('0');
    typeInto(input('branchName'), '  佐原図書館 ');
    typeInto(input('branchNameEn'), '');
    typeInto(input('branchSort'), '5');
    h.page.querySelector<HTMLInputElement>('mat-checkbox[name="branchIsBookmobile"] input')!.click();
    await submit('form.edit-form');
    const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/sawara` });
    expect(req.request.body).toEqual({ name: '佐原図書館', nameEn: null, sort: 5, isBookmobile: true });
    req.flush({ ...BRANCHES[0], name: '佐原図書館', nameEn: null, sort: 5, isBookmobile: true });
    await reloaded();
    expect(h.snackBar.open).toHaveBeenCalledWith('佐原図書館 を保存しました。', '閉じる', expect.anything());
    expect(input('branchName')).toBeNull(); // the form closed
  });

  it('refuses a bad display order in the browser and shows the API’s field errors', async () => {
    button('小見川図書館 を編集').click();
    await h.stable();
    typeInto(input('branchSort'), '-3');
    await submit('form.edit-form');
    expect(h.page.querySelector('form.edit-form mat-error')?.textContent).toContain('0 以上 100000 以下の整数');

    typeInto(input('branchSort'), '4');
    typeInto(input('branchName'), '小見川');
    await submit('form.edit-form');
    h.http
      .expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/omigawa` })
      .flush(
        { code: 'VALIDATION', status: 400, message: { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' }, errors: [{ path: 'name', message: { ja: '名称が不正です。', en: 'Bad name.' } }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await h.stable();
    expect(input('branchName')!.closest('mat-form-field')!.querySelector('mat-error')?.textContent).toContain('名称が不正です。');
  });

  it('edits every field of a pickup point but its code, sending only what changed', async () => {
    button('佐原中央図書館 窓口 を編集').click();
    await h.stable();
    expect(input('pointName')!.value).toBe('佐原中央図書館 窓口');
    typeInto(input('pointName'), '佐原 予約受取棚');
    typeInto(input('pointNameEn'), '');
    await choose('pointKind', '予約受取棚（ロッカー）');
    await choose('pointBranch', '小見川図書館');
    typeInto(input('pointSort'), '3');
    h.page.querySelector<HTMLInputElement>('mat-checkbox[name="pointActive"] input')!.click();
    await submit('tr.edit-row form');
    const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-counter` });
    expect(req.request.body).toEqual({ name: '佐原 予約受取棚', nameEn: null, kind: 'locker', branchCode: 'omigawa', sort: 3, active: false });
    req.flush({ ...COUNTER, name: '佐原 予約受取棚', nameEn: null, kind: 'locker', branchCode: 'omigawa', sort: 3, active: false });
    await reloaded();
    expect(h.snackBar.open).toHaveBeenCalledWith('佐原 予約受取棚 を保存しました。', '閉じる', expect.anything());
  });

  it('edits a bookmobile station’s timetable in the same form; an unchanged timetable is not sent', async () => {
    button('中央公園 を編集').click();
    await h.stable();
    const form = h.page.querySelector('tr.edit-row form')!;
    expect(form.querySelector<HTMLElement>('.timetable-field')!.hidden).toBe(false);
    typeInto(input('pointNameEn'), 'Central Park');
    await submit('tr.edit-row form');
    const first = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/bm-park` });
    expect(first.request.body).toEqual({ nameEn: 'Central Park' });
    first.flush({ ...STATION, nameEn: 'Central Park' });
    await reloaded();

    button('中央公園 を編集').click();
    await h.stable();
    buttonByText('add時刻を追加', h.page.querySelector('tr.edit-row')!).click();
    await h.stable();
    const times = h.page.querySelectorAll<HTMLInputElement>('tr.edit-row input[formcontrolname="time"]');
    typeInto(times[1], '14:00');
    await submit('tr.edit-row form');
    const second = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/bm-park` });
    expect(second.request.body).toEqual({ timetable: [{ weekday: 2, weeks: [1, 3], time: '10:00-10:30' }, { weekday: 1, time: '14:00' }] });
    second.flush(STATION);
    await reloaded();
  });

  it('shows the API’s refusal under the branch when holds in transit or on the shelf keep a pickup point where it is', async () => {
    button('佐原中央図書館 窓口 を編集').click();
    await h.stable();
    await choose('pointBranch', '小見川図書館');
    await submit('tr.edit-row form');
    h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-counter` }).flush(
      {
        code: 'PICKUP_POINT_BRANCH_IN_USE',
        status: 409,
        holds: 2,
        message: { ja: '回送中または取置中の予約が2件あるため、所属する館を変更できません。', en: '2 holds are in transit to this pickup point or on its shelf.' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await h.stable();
    const field = h.page.querySelector('mat-select[name="pointBranch"]')!.closest('mat-form-field')!;
    expect(field.querySelector('mat-error')?.textContent).toContain('予約が2件あるため');
    expect(h.page.querySelector('tr.edit-row')).not.toBeNull(); // still open to fix
  });

  it('deletes an unused pickup point after a confirmation (Cancel first)', async () => {
    button('佐原中央図書館 窓口 を削除').click();
    await h.stable();
    const d = dialog()!;
    expect(d.getAttribute('role')).toBe('dialog');
    expect(d.querySelector('h2')?.textContent).toContain('受取場所「佐原中央図書館 窓口」を削除しますか？');
    expect(d.getAttribute('aria-labelledby')).toBe(d.querySelector('h2')!.id);
    expect(document.activeElement?.textContent?.trim()).toBe('キャンセル'); // the safe choice has the focus
    // Cancel does nothing
    buttonByText('キャンセル', d).click();
    await h.stable();

    button('佐原中央図書館 窓口 を削除').click();
    await h.stable();
    buttonByText('削除する', dialog()!).click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/pickup-points/sawara-counter` }).flush({ outcome: 'deleted', finishedHolds: 0, pickupPoint: COUNTER });
    await reloaded();
    expect(h.snackBar.open).toHaveBeenCalledWith('佐原中央図書館 窓口 を削除しました。', '閉じる', expect.anything());
  });

  it('says so when past holds keep the point as history and it was taken out of use instead', async () => {
    button('中央公園 を削除').click();
    await h.stable();
    buttonByText('削除する', dialog()!).click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/pickup-points/bm-park` }).flush({ outcome: 'deactivated', finishedHolds: 4, pickupPoint: { ...STATION, active: false } });
    await reloaded();
    expect(h.snackBar.open).toHaveBeenCalledWith('中央公園 は過去の予約の記録に残っているため、削除せずに使用停止にしました。', '閉じる', expect.anything());
  });

  it('shows the refusal in the dialog while holds use the point, focused and announced, and offers to take it out of use', async () => {
    button('中央公園 を削除').click();
    await h.stable();
    buttonByText('削除する', dialog()!).click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/pickup-points/bm-park` }).flush(
      {
        code: 'PICKUP_POINT_IN_USE',
        status: 409,
        activeHolds: 2,
        message: {
          ja: 'この受取場所（中央公園）は2件の予約で使われているため削除できません。受け取りか取り消しが済んでから削除するか、使用を停止してください。',
          en: '2 holds still use this pickup point (中央公園), so it cannot be deleted.',
        },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await h.stable();
    const d = dialog()!;
    const alert = d.querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.querySelector('strong')?.textContent).toContain('削除できません');
    const [ja, en] = [...alert.querySelectorAll('p')];
    expect(ja.getAttribute('lang')).toBe('ja');
    expect(ja.textContent).toBe('この受取場所（中央公園）は2件の予約で使われているため削除できません。受け取りか取り消しが済んでから削除するか、使用を停止してください。');
    expect(en.getAttribute('lang')).toBe('en');
    expect(en.textContent).toBe('2 holds still use this pickup point (中央公園), so it cannot be deleted.');
    expect(document.activeElement).toBe(alert);
    expect([...d.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(['閉じる', '代わりに使用を停止する']);
    expect(h.snackBar.open).not.toHaveBeenCalled();

    buttonByText('代わりに使用を停止する', d).click();
    await h.stable();
    const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/bm-park` });
    expect(req.request.body).toEqual({ active: false });
    req.flush({ ...STATION, active: false });
    await reloaded();
    expect(dialog()).toBeNull();
    expect(h.snackBar.open).toHaveBeenCalledWith('中央公園 は過去の予約の記録に残っているため、削除せずに使用停止にしました。', '閉じる', expect.anything());
  });

  it('in English, the dialog is in English and the refusal reads Japanese first, then English', async () => {
    TestBed.inject(I18n).setLang('en');
    await h.stable();
    button('Delete 中央公園').click();
    await h.stable();
    expect(dialog()!.querySelector('h2')?.textContent).toContain('Delete the pickup point “中央公園”?');
    buttonByText('Delete', dialog()!).click();
    await h.stable();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/pickup-points/bm-park` }).flush(
      { code: 'PICKUP_POINT_IN_USE', status: 409, activeHolds: 1, message: { ja: '1件の予約で使われているため削除できません。', en: '1 hold still uses this pickup point (中央公園), so it cannot be deleted.' } },
      { status: 409, statusText: 'Conflict' },
    );
    await h.stable();
    const alert = dialog()!.querySelector('[role="alert"]')!;
    expect(alert.querySelector('strong')?.textContent).toContain('Cannot be deleted');
    expect([...alert.querySelectorAll('p')].map((p) => [p.getAttribute('lang'), p.textContent])).toEqual([
      ['ja', '1件の予約で使われているため削除できません。'],
      ['en', '1 hold still uses this pickup point (中央公園), so it cannot be deleted.'],
    ]);
    buttonByText('Close', dialog()!).click();
    await h.stable();
    TestBed.inject(I18n).setLang('ja');
  });

  describe('deleting a branch', () => {
    const BRANCH_IN_USE = {
      type: 'https://shiori.example.jp/problems/branch-in-use',
      code: 'BRANCH_IN_USE',
      status: 409,
      copies: 12,
      openLoans: 1,
      activeHolds: 0,
      lastActiveBranch: false,
      message: {
        ja: 'この館（小見川図書館）には除籍されていない資料が12点、貸出中の資料が1件あるため削除できません。',
        en: 'This branch (小見川図書館) still has 12 copies not withdrawn and 1 open loan, so it cannot be deleted.',
      },
    };
    const confirmDelete = async (name: string) => {
      button(`${name} を削除`).click();
      await h.stable();
      buttonByText('削除する', dialog()!).click();
      await h.stable();
      flushCsrf(h.http);
    };

    it('offers a delete action named after each branch, beside its edit action', () => {
      for (const b of BRANCHES) {
        const del = button(`${b.name} を削除`);
        expect(del.textContent).toContain('削除');
        expect(del.closest('section')?.getAttribute('aria-labelledby')).toBe(`branch-${b.code}`);
      }
    });

    it('asks first with Cancel focused; Cancel sends nothing and changes nothing', async () => {
      button('小見川図書館 を削除').click();
      await h.stable();
      const d = dialog()!;
      expect(d.getAttribute('role')).toBe('dialog');
      expect(d.querySelector('h2')?.textContent).toContain('館「小見川図書館」を削除しますか？');
      expect(d.getAttribute('aria-labelledby')).toBe(d.querySelector('h2')!.id);
      expect(d.textContent).toContain('受取場所とともに使用停止にします');
      expect(document.activeElement?.textContent?.trim()).toBe('キャンセル'); // the safe choice has the focus
      buttonByText('キャンセル', d).click();
      await h.stable();
      flushCsrf(h.http);
      expect(dialog()).toBeNull();
      h.http.expectNone({ method: 'DELETE' });
      h.http.expectNone({ method: 'PATCH' });
      expect(h.snackBar.open).not.toHaveBeenCalled();
      expect(h.page.querySelector('section[aria-labelledby="branch-omigawa"]')).not.toBeNull();
    });

    it('deletes an unused branch after the confirmation and announces it', async () => {
      await confirmDelete('小見川図書館');
      h.http
        .expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/omigawa` })
        .flush({ outcome: 'deleted', history: { withdrawnCopies: 0, loans: 0, holds: 0, pastClosedDays: 0, news: 0, policyVersions: 0 }, branch: BRANCHES[1], pickupPoints: [] });
      await h.stable();
      expect(dialog()).toBeNull();
      flushPlaces(BRANCHES.filter((b) => b.code !== 'omigawa'));
      await h.stable();
      expect(h.snackBar.open).toHaveBeenCalledWith('小見川図書館 を削除しました。', '閉じる', expect.anything());
      expect(h.page.querySelector('section[aria-labelledby="branch-omigawa"]')).toBeNull();
    });

    it('says so when records keep the branch and it was taken out of use with its pickup points instead', async () => {
      await confirmDelete('移動図書館');
      h.http
        .expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/bm` })
        .flush({ outcome: 'deactivated', history: { withdrawnCopies: 0, loans: 30, holds: 4, pastClosedDays: 0, news: 0, policyVersions: 0 }, branch: { ...BRANCHES[2], active: false }, pickupPoints: [{ ...STATION, active: false }] });
      await reloaded();
      expect(h.snackBar.open).toHaveBeenCalledWith('移動図書館 は貸出・予約などの記録に残っているため、削除せずに受取場所とともに使用停止にしました。', '閉じる', expect.anything());
    });

    it('shows the API’s refusal in the dialog, Japanese then English, focused and announced; Close sends nothing more', async () => {
      await confirmDelete('小見川図書館');
      h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/omigawa` }).flush(BRANCH_IN_USE, { status: 409, statusText: 'Conflict' });
      await h.stable();
      const d = dialog()!;
      const alert = d.querySelector<HTMLElement>('[role="alert"]')!;
      expect(alert.querySelector('strong')?.textContent).toContain('削除できません');
      const [ja, en] = [...alert.querySelectorAll('p')];
      expect(ja.getAttribute('lang')).toBe('ja');
      expect(ja.textContent).toBe(BRANCH_IN_USE.message.ja);
      expect(en.getAttribute('lang')).toBe('en');
      expect(en.textContent).toBe(BRANCH_IN_USE.message.en);
      expect(document.activeElement).toBe(alert);
      expect([...d.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(['閉じる', '代わりに使用を停止する']);
      expect(h.snackBar.open).not.toHaveBeenCalled();

      buttonByText('閉じる', d).click();
      await h.stable();
      expect(dialog()).toBeNull();
      h.http.expectNone({ method: 'DELETE' });
      h.http.expectNone({ method: 'PATCH' });
      expect(h.snackBar.open).not.toHaveBeenCalled();
    });

    it('after a refusal, takes the branch out of use instead when asked', async () => {
      await confirmDelete('小見川図書館');
      h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/omigawa` }).flush(BRANCH_IN_USE, { status: 409, statusText: 'Conflict' });
      await h.stable();
      buttonByText('代わりに使用を停止する', dialog()!).click();
      await h.stable();
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/omigawa` });
      expect(req.request.body).toEqual({ active: false });
      req.flush({ ...BRANCHES[1], active: false });
      await reloaded();
      expect(dialog()).toBeNull();
      expect(h.snackBar.open).toHaveBeenCalledWith('小見川図書館 を使用停止にしました。', '閉じる', expect.anything());
    });

    it('offers no “out of use instead” for the last branch in use', async () => {
      await reloadWith(BRANCHES.map((b) => ({ ...b, active: b.code === 'sawara' })));
      await confirmDelete('佐原中央図書館');
      h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/sawara` }).flush(
        {
          ...BRANCH_IN_USE,
          copies: 0,
          openLoans: 0,
          lastActiveBranch: true,
          message: { ja: 'この館（佐原中央図書館）は使用中の最後の館のため削除できません。', en: 'This branch (Sawara Central Library) is the last branch in use, so it cannot be deleted.' },
        },
        { status: 409, statusText: 'Conflict' },
      );
      await h.stable();
      const d = dialog()!;
      expect(d.querySelector('[role="alert"]')?.textContent).toContain('使用中の最後の館');
      expect([...d.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(['閉じる']);
      buttonByText('閉じる', d).click();
      await h.stable();
    });

    it('in English, the dialog is in English and the refusal still reads Japanese first, then English', async () => {
      TestBed.inject(I18n).setLang('en');
      await h.stable();
      button('Delete 小見川図書館').click();
      await h.stable();
      expect(dialog()!.querySelector('h2')?.textContent).toContain('Delete the branch “小見川図書館”?');
      expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
      buttonByText('Delete', dialog()!).click();
      await h.stable();
      flushCsrf(h.http);
      h.http.expectOne({ method: 'DELETE', url: `${BASE}/admin/branches/omigawa` }).flush(BRANCH_IN_USE, { status: 409, statusText: 'Conflict' });
      await h.stable();
      const alert = dialog()!.querySelector('[role="alert"]')!;
      expect(alert.querySelector('strong')?.textContent).toContain('Cannot be deleted');
      expect([...alert.querySelectorAll('p')].map((p) => p.getAttribute('lang'))).toEqual(['ja', 'en']);
      buttonByText('Close', dialog()!).click();
      await h.stable();
      TestBed.inject(I18n).setLang('ja');
    });
  });

  describe('the note patrons read under the pickup choice (ja / en)', () => {
    const textarea = (name: string) => h.page.querySelector<HTMLTextAreaElement>(`textarea[name="${name}"]`);
    const fieldOf = (name: string) => textarea(name)!.closest('mat-form-field')!;
    const typeNote = (name: string, value: string) => {
      const ta = textarea(name)!;
      ta.value = value;
      ta.dispatchEvent(new Event('input'));
    };
    const openLocker = async () => {
      button('佐原 予約取置室 を編集').click();
      await h.stable();
    };

    it('shows each point’s note in the list, in both languages', () => {
      const row = h.page.querySelector('tr[data-point="sawara-locker"]')!;
      expect(row.querySelector('.point-note')?.textContent).toContain('4階。利用者カードとパスワードが必要です。');
      expect(row.querySelector('.point-note')?.textContent).toContain('4th floor. Bring your card and password.');
      expect(h.page.querySelector('tr[data-point="sawara-counter"] .point-note')).toBeNull();
    });

    it('edits the note in two labelled textareas, their hints read with them, and sends only the note', async () => {
      await openLocker();
      expect(textarea('pointNoteJa')!.value).toBe('4階。利用者カードとパスワードが必要です。');
      expect(textarea('pointNoteEn')!.value).toBe('4th floor. Bring your card and password.');
      const legend = h.page.querySelector('tr.edit-row fieldset.note-fields legend');
      expect(legend?.textContent).toContain('利用者への案内');
      for (const name of ['pointNoteJa', 'pointNoteEn']) {
        const ta = textarea(name)!;
        const label = h.page.querySelector(`label[for="${ta.id}"]`);
        expect(label?.textContent).toContain(name === 'pointNoteJa' ? '利用者への案内（日本語）' : '利用者への案内（英語・任意）');
        const hint = fieldOf(name).querySelector('mat-hint')!;
        expect(ta.getAttribute('aria-describedby')?.split(' ')).toContain(hint.id);
        expect(ta.getAttribute('maxlength')).toBe('500');
      }
      expect(textarea('pointNoteJa')!.getAttribute('lang')).toBe('ja');
      expect(textarea('pointNoteEn')!.getAttribute('lang')).toBe('en');

      typeNote('pointNoteJa', ' 予約取置室は4階です。 ');
      typeNote('pointNoteEn', 'The hold locker room is on the 4th floor.');
      await submit('tr.edit-row form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-locker` });
      expect(req.request.body).toEqual({ note: { ja: '予約取置室は4階です。', en: 'The hold locker room is on the 4th floor.' } });
      req.flush({ ...LOCKER, note: req.request.body.note });
      await reloaded();
      expect(h.snackBar.open).toHaveBeenCalledWith('佐原 予約取置室 を保存しました。', '閉じる', expect.anything());
    });

    it('leaves the English out when it is emptied, and clears the note when both are emptied', async () => {
      await openLocker();
      typeNote('pointNoteEn', '   ');
      await submit('tr.edit-row form');
      const first = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-locker` });
      expect(first.request.body).toEqual({ note: { ja: '4階。利用者カードとパスワードが必要です。' } });
      first.flush({ ...LOCKER, note: { ja: '4階。利用者カードとパスワードが必要です。' } });
      await reloaded();

      await openLocker();
      typeNote('pointNoteJa', '');
      typeNote('pointNoteEn', '');
      await submit('tr.edit-row form');
      const second = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-locker` });
      expect(second.request.body).toEqual({ note: null });
      second.flush({ ...LOCKER, note: null });
      await reloaded();
    });

    it('adds a note to a point without one; an untouched note is not sent with other changes', async () => {
      button('佐原中央図書館 窓口 を編集').click();
      await h.stable();
      expect(textarea('pointNoteJa')!.value).toBe('');
      typeNote('pointNoteJa', '予約本受取窓口は2階です。');
      await submit('tr.edit-row form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-counter` });
      expect(req.request.body).toEqual({ note: { ja: '予約本受取窓口は2階です。' } });
      req.flush({ ...COUNTER, note: { ja: '予約本受取窓口は2階です。' } });
      await reloaded();

      await openLocker();
      typeInto(input('pointNameEn'), 'Sawara hold locker room');
      await submit('tr.edit-row form');
      const other = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-locker` });
      expect(other.request.body).toEqual({ nameEn: 'Sawara hold locker room' });
      other.flush({ ...LOCKER, nameEn: 'Sawara hold locker room' });
      await reloaded();
    });

    it('asks for the Japanese note when only an English one is written, and sends nothing', async () => {
      await openLocker();
      typeNote('pointNoteJa', '');
      await submit('tr.edit-row form');
      expect(fieldOf('pointNoteJa').querySelector('mat-error')?.textContent).toContain('日本語の案内も入れてください');
      h.http.expectNone({ method: 'PATCH' });
      // emptying the English too makes it a valid "clear"
      typeNote('pointNoteEn', '');
      await h.stable();
      expect(fieldOf('pointNoteJa').querySelector('mat-error')).toBeNull();
    });

    it('refuses a note over 500 characters in the browser', async () => {
      await openLocker();
      typeNote('pointNoteEn', 'x'.repeat(501));
      await submit('tr.edit-row form');
      expect(fieldOf('pointNoteEn').querySelector('mat-error')?.textContent).toContain('500 文字以内');
      h.http.expectNone({ method: 'PATCH' });
    });

    it('shows the API’s field errors (note.ja, note.en) under the textareas', async () => {
      await openLocker();
      typeNote('pointNoteJa', '予約取置室は4階です。');
      await submit('tr.edit-row form');
      h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/pickup-points/sawara-locker` }).flush(
        {
          code: 'VALIDATION',
          status: 400,
          message: { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
          errors: [
            { path: 'note.ja', code: 'matches', message: 'note.ja must not be blank' },
            { path: 'note.en', code: 'maxLength', message: 'en must be shorter than or equal to 500 characters' },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await h.stable();
      expect(fieldOf('pointNoteJa').querySelector('mat-error')?.textContent).toContain('note.ja must not be blank');
      expect(fieldOf('pointNoteEn').querySelector('mat-error')?.textContent).toContain('shorter than or equal to 500');
      expect(h.page.querySelector('tr.edit-row')).not.toBeNull(); // still open to fix
    });

    it('labels the note fields in English', async () => {
      TestBed.inject(I18n).setLang('en');
      await h.stable();
      button('Edit 佐原 予約取置室').click();
      await h.stable();
      expect(h.page.querySelector('tr.edit-row fieldset.note-fields legend')?.textContent).toContain('Note for patrons');
      expect(fieldOf('pointNoteEn').querySelector('mat-label')?.textContent).toContain('Note for patrons (English, optional)');
      TestBed.inject(I18n).setLang('ja');
    });
  });

  describe('what patrons read about a branch: address, telephone, opening hours, weekly closing days', () => {
    const VALIDATION = { code: 'VALIDATION', status: 400, message: { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' } };
    const section = (code: string) => h.page.querySelector<HTMLElement>(`section[aria-labelledby="branch-${code}"]`)!;
    /** The list's 定休日 / 住所 / 電話番号 / 開館時間 as [term, description] pairs. */
    const guideOf = (code: string) => [...section(code).querySelectorAll('.branch-guide > div')].map((d) => [d.querySelector('dt')?.textContent?.trim(), d.querySelector('dd')?.textContent?.trim()]);
    const textarea = (name: string) => h.page.querySelector<HTMLTextAreaElement>(`textarea[name="${name}"]`);
    const fieldOf = (el: Element | null) => el!.closest('mat-form-field')!;
    const typeText = (name: string, value: string) => {
      const ta = textarea(name);
      if (!ta) throw new Error(`no textarea "${name}"`);
      ta.value = value;
      ta.dispatchEvent(new Event('input'));
    };
    /** The weekday checkbox named (for screen readers) after the full weekday. */
    const day = (longName: string) => {
      const box = h.page.querySelector<HTMLInputElement>(`fieldset.weekday-fields input[type="checkbox"][aria-label="${longName}"]`);
      if (!box) throw new Error(`no checkbox "${longName}"`);
      return box;
    };
    const edit = async (name: string) => {
      button(`${name} を編集`).click();
      await h.stable();
    };

    it('shows each branch’s closing days, address, telephone and opening hours in the list, as patrons will read them', () => {
      expect(guideOf('sawara')).toEqual([
        ['定休日', '月曜日'],
        ['住所', '千葉県香取市佐原イ1812'],
        ['電話番号', '0478-54-1234'],
        ['開館時間', expect.stringContaining('火〜金 9:30〜19:00\n土・日・祝 9:30〜17:00')],
      ]);
      const hours = section('sawara').querySelector('.branch-guide .hours dd')!;
      expect(hours.querySelector('[lang="ja"]')?.textContent).toBe(SAWARA_HOURS.ja);
      expect(hours.querySelector('[lang="en"]')?.textContent).toBe(SAWARA_HOURS.en);
      expect(section('sawara').querySelector('.guide-none')).toBeNull();
      // nothing entered yet (or an API that does not send them): no closing day, and it says what is missing
      for (const code of ['omigawa', 'bm']) {
        expect(guideOf(code)).toEqual([['定休日', 'なし']]);
        expect(section(code).querySelector('.guide-none')?.textContent).toContain('住所・電話番号・開館時間は未登録です。');
      }
    });

    it('lists several closing days in weekday order', async () => {
      await reloadWith(BRANCHES.map((b) => (b.code === 'omigawa' ? { ...b, weeklyClosed: [4, 1] } : b)));
      expect(guideOf('omigawa')[0]).toEqual(['定休日', '月曜日・木曜日']);
    });

    it('edits them in labelled fields; the closing days are a fieldset of weekday checkboxes named in full, with the due-date hint', async () => {
      await edit('佐原中央図書館');
      expect(input('branchAddress')!.value).toBe('千葉県香取市佐原イ1812');
      expect(input('branchPhone')!.value).toBe('0478-54-1234');
      expect(input('branchPhone')!.type).toBe('tel');
      expect(textarea('branchHoursJa')!.value).toBe(SAWARA_HOURS.ja);
      expect(textarea('branchHoursEn')!.value).toBe(SAWARA_HOURS.en);
      for (const [el, label] of [
        [input('branchAddress'), '住所'],
        [input('branchPhone'), '電話番号'],
        [textarea('branchHoursJa'), '開館時間（日本語）'],
        [textarea('branchHoursEn'), '開館時間（英語・任意）'],
      ] as const) {
        expect(h.page.querySelector(`label[for="${el!.id}"]`)?.textContent).toContain(label);
        expect(el!.getAttribute('aria-describedby')?.split(' ')).toContain(fieldOf(el).querySelector('mat-hint')!.id);
      }
      expect(textarea('branchHoursJa')!.getAttribute('lang')).toBe('ja');
      expect(textarea('branchHoursEn')!.getAttribute('lang')).toBe('en');

      const fieldset = h.page.querySelector<HTMLFieldSetElement>('form.edit-form fieldset.weekday-fields')!;
      expect(fieldset.querySelector('legend')?.textContent).toContain('定休日');
      const boxes = [...fieldset.querySelectorAll('mat-checkbox')];
      expect(boxes.map((b) => b.textContent?.trim())).toEqual(['日', '月', '火', '水', '木', '金', '土']);
      expect(boxes.map((b) => b.querySelector('input')!.getAttribute('aria-label'))).toEqual(['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日']);
      expect(boxes.map((b) => b.querySelector('input')!.checked)).toEqual([false, true, false, false, false, false, false]);
      const hint = fieldset.querySelector('.hint')!;
      expect(hint.textContent).toContain('定休日は返却期限・取置期限の計算で休館日として扱われます');
      expect(fieldset.getAttribute('aria-describedby')?.split(' ')).toContain(hint.id);
      // the list line gives way to the form
      expect(section('sawara').querySelector('.branch-guide')).toBeNull();
    });

    it('sends what was entered, trimmed, with the closing days in weekday order, and nothing else', async () => {
      await edit('小見川図書館');
      expect(input('branchAddress')!.value).toBe('');
      expect(day('月曜日').checked).toBe(false);
      typeInto(input('branchAddress'), ' 千葉県香取市羽根川38 ');
      typeInto(input('branchPhone'), '0478-82-3000 ');
      typeText('branchHoursJa', '9:30〜18:00\n(土日は17:00まで)\n');
      day('木曜日').click();
      day('月曜日').click();
      await submit('form.edit-form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/omigawa` });
      expect(req.request.body).toEqual({
        address: '千葉県香取市羽根川38',
        phone: '0478-82-3000',
        hours: { ja: '9:30〜18:00\n(土日は17:00まで)' },
        weeklyClosed: [1, 4],
      });
      req.flush({ ...BRANCHES[1], ...req.request.body });
      await reloaded();
      expect(h.snackBar.open).toHaveBeenCalledWith('小見川図書館 を保存しました。', '閉じる', expect.anything());
      expect(input('branchAddress')).toBeNull(); // the form closed
    });

    it('clears them: emptied address and telephone as null, both opening hours emptied as hours: null, no day checked as []', async () => {
      await edit('佐原中央図書館');
      typeInto(input('branchAddress'), '  ');
      typeInto(input('branchPhone'), '');
      typeText('branchHoursJa', '');
      typeText('branchHoursEn', ' ');
      day('月曜日').click();
      await submit('form.edit-form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/sawara` });
      expect(req.request.body).toEqual({ address: null, phone: null, hours: null, weeklyClosed: [] });
      req.flush({ ...BRANCHES[0], address: null, phone: null, hours: null, weeklyClosed: [] });
      await reloaded();
    });

    it('drops only the English opening hours when they are emptied', async () => {
      await edit('佐原中央図書館');
      typeText('branchHoursEn', '');
      await submit('form.edit-form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/sawara` });
      expect(req.request.body).toEqual({ hours: { ja: SAWARA_HOURS.ja } });
      req.flush({ ...BRANCHES[0], hours: { ja: SAWARA_HOURS.ja } });
      await reloaded();
    });

    it('refuses a malformed telephone number and English-only opening hours in the browser, and sends nothing', async () => {
      await edit('佐原中央図書館');
      typeInto(input('branchPhone'), '０４７８-54-1234 内線2');
      typeText('branchHoursJa', '');
      await submit('form.edit-form');
      expect(fieldOf(input('branchPhone')).querySelector('mat-error')?.textContent).toContain('数字・空白・+ ( ) - だけで 40 文字以内');
      expect(fieldOf(textarea('branchHoursJa')).querySelector('mat-error')?.textContent).toContain('日本語の開館時間も入れてください');
      h.http.expectNone({ method: 'PATCH' });

      // typed with a Japanese keyboard: full-width digits and brackets, the IME's long dash; sent half-width
      typeInto(input('branchPhone'), '＋８１ （４７８） ５４ー１２３４');
      typeText('branchHoursEn', '');
      await submit('form.edit-form');
      const req = h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/sawara` });
      expect(req.request.body).toEqual({ phone: '+81 (478) 54-1234', hours: null });
      req.flush({ ...BRANCHES[0], phone: '+81 (478) 54-1234', hours: null });
      await reloaded();
    });

    it('refuses an address over 200 characters in the browser', async () => {
      await edit('小見川図書館');
      expect(input('branchAddress')!.getAttribute('maxlength')).toBe('200');
      typeInto(input('branchAddress'), 'あ'.repeat(201));
      await submit('form.edit-form');
      expect(fieldOf(input('branchAddress')).querySelector('mat-error')?.textContent).toContain('200 文字以内');
      h.http.expectNone({ method: 'PATCH' });
    });

    it('shows the API’s field errors under the address, telephone, opening hours and closing days, and keeps the form open', async () => {
      await edit('小見川図書館');
      typeInto(input('branchAddress'), '千葉県香取市羽根川38');
      typeInto(input('branchPhone'), '0478-82-3000');
      typeText('branchHoursJa', '9:30〜18:00');
      typeText('branchHoursEn', '9:30–18:00');
      day('火曜日').click();
      await submit('form.edit-form');
      h.http.expectOne({ method: 'PATCH', url: `${BASE}/admin/branches/omigawa` }).flush(
        {
          ...VALIDATION,
          errors: [
            { path: 'address', code: 'maxLength', message: 'address must be shorter than or equal to 200 characters' },
            { path: 'phone', code: 'matches', message: { ja: '電話番号の形式が違います。', en: 'Bad telephone number.' } },
            { path: 'hours.ja', code: 'matches', message: 'hours.ja must not be blank' },
            { path: 'hours.en', code: 'maxLength', message: 'en must be shorter than or equal to 500 characters' },
            { path: 'weeklyClosed', code: 'arrayUnique', message: 'weeklyClosed: each weekday once' },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await h.stable();
      expect(fieldOf(input('branchAddress')).querySelector('mat-error')?.textContent).toContain('shorter than or equal to 200');
      expect(fieldOf(input('branchPhone')).querySelector('mat-error')?.textContent).toContain('電話番号の形式が違います。');
      expect(fieldOf(textarea('branchHoursJa')).querySelector('mat-error')?.textContent).toContain('hours.ja must not be blank');
      expect(fieldOf(textarea('branchHoursEn')).querySelector('mat-error')?.textContent).toContain('shorter than or equal to 500');
      const fieldset = h.page.querySelector('form.edit-form fieldset.weekday-fields')!;
      const error = fieldset.querySelector('.field-error')!;
      expect(error.textContent).toContain('weeklyClosed: each weekday once');
      expect(fieldset.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
      expect(h.snackBar.open).not.toHaveBeenCalled();

      // changing the days takes the API's complaint away
      day('火曜日').click();
      await h.stable();
      expect(fieldset.querySelector('.field-error')).toBeNull();
    });

    it('reads in English: the list, the legend, the hint and the weekday names', async () => {
      TestBed.inject(I18n).setLang('en');
      await reloadWith(BRANCHES.map((b) => (b.code === 'omigawa' ? { ...b, weeklyClosed: [0, 6] } : b)));
      expect(guideOf('omigawa')[0]).toEqual(['Closed every week', 'Sunday, Saturday']);
      expect(guideOf('sawara').map(([term]) => term)).toEqual(['Closed every week', 'Address', 'Telephone', 'Opening hours']);
      button('Edit 小見川図書館').click();
      await h.stable();
      const fieldset = h.page.querySelector('form.edit-form fieldset.weekday-fields')!;
      expect(fieldset.querySelector('legend')?.textContent).toContain('Closed every week');
      expect(fieldset.querySelector('.hint')?.textContent).toContain('count as closed days for due dates and hold-shelf days');
      expect([...fieldset.querySelectorAll('mat-checkbox')].map((b) => [b.textContent?.trim(), b.querySelector('input')!.getAttribute('aria-label'), b.querySelector('input')!.checked])).toEqual([
        ['Sun', 'Sunday', true],
        ['Mon', 'Monday', false],
        ['Tue', 'Tuesday', false],
        ['Wed', 'Wednesday', false],
        ['Thu', 'Thursday', false],
        ['Fri', 'Friday', false],
        ['Sat', 'Saturday', true],
      ]);
      TestBed.inject(I18n).setLang('ja');
    });
  });
});
