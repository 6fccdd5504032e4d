import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { StaffNameDialog, StaffPasswordDialog } from './staff-dialogs';

describe('staff dialogs', () => {
  let close: jest.Mock;

  function setup(data: unknown) {
    localStorage.clear();
    close = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
  }

  describe('StaffNameDialog', () => {
    async function render() {
      setup({ name: '田中 花子', displayName: '田中 花子' });
      const fixture = TestBed.createComponent(StaffNameDialog);
      await fixture.whenStable();
      return { fixture, el: fixture.nativeElement as HTMLElement };
    }

    it('is titled with the account and has a labelled field holding the current name, focused first', async () => {
      const { el } = await render();
      expect(el.querySelector('h2')?.textContent).toContain('田中 花子 の表示名を変更');
      const input = el.querySelector<HTMLInputElement>('input[name=displayName]')!;
      expect(input.value).toBe('田中 花子');
      expect(input.hasAttribute('cdkFocusInitial')).toBe(true);
      expect(el.querySelector('mat-label')?.textContent).toContain('表示名');
    });

    it('closes with the trimmed name on submit, and with nothing on cancel', async () => {
      const { el } = await render();
      const input = el.querySelector<HTMLInputElement>('input[name=displayName]')!;
      input.value = '  田中 はな ';
      input.dispatchEvent(new Event('input'));
      el.querySelector('form')!.dispatchEvent(new Event('submit'));
      expect(close).toHaveBeenCalledWith('田中 はな');
      el.querySelector<HTMLButtonElement>('button[type=button]')!.click();
      expect(close).toHaveBeenLastCalledWith(undefined);
    });

    it('refuses more than 100 characters', async () => {
      const { fixture, el } = await render();
      const input = el.querySelector<HTMLInputElement>('input[name=displayName]')!;
      input.value = 'あ'.repeat(101);
      input.dispatchEvent(new Event('input'));
      el.querySelector('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      expect(close).not.toHaveBeenCalled();
      expect(el.querySelector('mat-error')?.textContent).toContain('100 文字以内');
    });
  });

  describe('StaffPasswordDialog', () => {
    it('shows the temporary password once, warns, and copies it', async () => {
      setup({ name: '田中 花子', temporaryPassword: 'abcd-efgh-jkmn' });
      const writeText = jest.fn(() => Promise.resolve());
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
      const fixture = TestBed.createComponent(StaffPasswordDialog);
      await fixture.whenStable();
      const el = fixture.nativeElement as HTMLElement;
      expect(el.querySelector('h2')?.textContent).toContain('田中 花子 の仮パスワード');
      expect(el.querySelector('[data-temporary-password]')?.textContent?.trim()).toBe('abcd-efgh-jkmn');
      expect(el.querySelector('.warn-box[role=note]')?.textContent).toContain('今回しか表示されません');
      el.querySelector<HTMLButtonElement>('button.copy')!.click();
      await Promise.resolve();
      await fixture.whenStable();
      expect(writeText).toHaveBeenCalledWith('abcd-efgh-jkmn');
      expect(el.querySelector('button.copy')?.textContent).toContain('コピーしました');
    });
  });
});
