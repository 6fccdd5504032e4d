import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MESSAGES as POLICY_MESSAGES } from '@shiori/policy';
import { of } from 'rxjs';
import { BASE, flushCsrf, flushLibrary, Harness, policyDocument, startLibrarianPage, typeInto } from '../../testing/librarian';
import { I18n } from '../core/i18n';
import { PolicyPage } from './policy-page';

jest.setTimeout(30000);

describe('PolicyPage (the policy editor)', () => {
  let h: Harness;
  let dialog: { open: jest.Mock };

  async function start(doc = policyDocument()) {
    dialog = { open: jest.fn(() => ({ afterClosed: () => of(true) })) };
    h = await startLibrarianPage(PolicyPage, '/policy', [], [{ provide: MatDialog, useValue: dialog }]);
    flushLibrary(h.http, doc);
    await h.stable();
  }

  afterEach(() => h.http.verify());

  const input = (path: string) => h.page.querySelector<HTMLInputElement>(`input[name="${path}"]`);
  /** The error text shown under a field (mat-error), or ''. */
  const errorOf = (path: string) => input(path)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? '';
  const submit = async () => {
    h.page.querySelector('form.policy')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
  };

  it('shows one section per area of the rules, filled with the current version', async () => {
    await start();
    const headings = [...h.page.querySelectorAll('section.section h2')].map((e) => e.textContent?.trim());
    expect(headings).toEqual([
      '利用者カード',
      'パスワードと登録',
      '貸出と延長',
      '予約',
      '予約棚（取置）',
      'カードの有効期限',
      '公開リスト',
      '利用者向けの機能',
      'ログイン失敗時の待ち時間',
      'お知らせメール',
    ]);
    expect(input('loans.periodDays')!.value).toBe('14');
    expect(input('card.minLength')!.value).toBe('7');
    expect(h.page.textContent).toContain('現在：第 3 版');
  });

  it('validates as it is typed with the same schema as the API (field and cross-field rules)', async () => {
    await start();
    typeInto(input('loans.periodDays'), '0');
    await h.stable();
    expect(errorOf('loans.periodDays')).toBe('1以上にしてください。');

    typeInto(input('loans.periodDays'), '400');
    await h.stable();
    expect(errorOf('loans.periodDays')).toBe('366以下にしてください。');

    typeInto(input('loans.periodDays'), '21');
    await h.stable();
    expect(errorOf('loans.periodDays')).toBe('');

    // min > max is a rule across two fields; the schema puts it on the maximum
    typeInto(input('card.minLength'), '10');
    await h.stable();
    expect(errorOf('card.maxLength')).toBe(POLICY_MESSAGES.POLICY_RANGE.ja);
    expect(h.page.querySelector('nav.toc .badge')?.textContent?.trim()).toBe('1');

    // and in English after the switch
    TestBed.inject(I18n).setLang('en');
    await h.stable();
    expect(errorOf('card.maxLength')).toBe(POLICY_MESSAGES.POLICY_RANGE.en);
  });

  it('puts a rule’s own problems under its row (a rule needs a condition and an effect)', async () => {
    await start();
    const add = [...h.page.querySelectorAll('admin-policy-rules button')].find((b) => b.textContent?.includes('規則を追加')) as HTMLButtonElement;
    add.click();
    await h.stable();
    const problems = h.page.querySelector('admin-policy-rules .row-problems')?.textContent ?? '';
    expect(problems).toContain('規則 1');
    expect(problems).toContain(POLICY_MESSAGES.POLICY_RULE_NO_CRITERIA.ja);
    expect(problems).toContain(POLICY_MESSAGES.POLICY_RULE_NO_EFFECT.ja);
  });

  it('does not send an invalid policy: lists the problems and focuses the first', async () => {
    await start();
    typeInto(input('lockout.maxFailures'), '0');
    await h.stable();
    await submit();
    await new Promise((r) => setTimeout(r));
    h.http.expectNone({ method: 'PUT' });
    const summary = h.page.querySelector('.summary')?.textContent ?? '';
    expect(summary).toContain('1 件の入力に問題があります。');
    expect(summary).toContain('待たずにやり直せる失敗回数');
    expect(document.activeElement).toBe(input('lockout.maxFailures'));
  });

  it('saves the whole policy as a new version after showing the changes', async () => {
    await start();
    typeInto(input('loans.periodDays'), '21');
    await h.stable();
    expect(h.page.textContent).toContain('1 件の変更（未保存）');
    await submit();
    expect(dialog.open).toHaveBeenCalled();
    const shown = dialog.open.mock.calls[0][1].data.changes;
    expect(shown).toEqual([{ label: '貸出期間', before: 14, after: 21 }]);

    flushCsrf(h.http);
    const put = h.http.expectOne({ method: 'PUT', url: `${BASE}/admin/policy` });
    expect(put.request.headers.get('X-CSRF-Token')).toBe('csrf');
    expect(put.request.body.loans.periodDays).toBe(21);
    expect(put.request.body.version).toBeUndefined(); // the schema refuses unknown keys
    expect(put.request.body.card.fixedPrefix).toBeNull();
    put.flush({ ...policyDocument((p) => (p.loans.periodDays = 21)), version: 4 });
    for (const r of h.http.match(`${BASE}/admin/policy`)) r.flush(policyDocument());
    await h.stable();
    expect(h.snackBar.open).toHaveBeenCalledWith('第 4 版として保存しました。次の貸出から適用されます。', '閉じる', expect.anything());
    expect(h.page.textContent).toContain('変更はありません。');
  });

  it('shows the API’s 422 errors[].path on the field they name', async () => {
    await start(
      policyDocument((p) => {
        p.loans.rules = [
          { id: 'av', note: '', materialType: 'av', patronCategory: null, branchCode: null, periodDays: 7, maxItems: 3, maxRenewals: null, renewalPeriodDays: null },
        ];
      }),
    );
    typeInto(input('loans.rules.0.periodDays'), '10');
    await h.stable();
    await submit();
    flushCsrf(h.http);
    h.http.expectOne({ method: 'PUT', url: `${BASE}/admin/policy` }).flush(
      {
        code: 'POLICY_INVALID',
        message: { ja: 'ルールの内容に誤りがあります。', en: 'The policy is invalid.' },
        errors: [{ path: 'loans.rules.0.materialType', code: 'POLICY_UNKNOWN_REFERENCE', message: { ja: '存在しないコードを参照しています。', en: 'Unknown code.' } }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await h.stable();
    const select = h.page.querySelector('[name="loans.rules.0.materialType"]');
    expect(select?.closest('mat-form-field')?.querySelector('mat-error')?.textContent).toContain('存在しないコードを参照しています。');
    expect(h.page.querySelector('.save-error')?.textContent).toContain('ルールの内容に誤りがあります。');
  });
});
