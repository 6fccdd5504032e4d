import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { getPreset, patronFacingPolicy, PasswordRules } from '@shiori/policy';
import { NewPasswordFields } from './new-password-fields';

@Component({
  imports: [NewPasswordFields],
  template: `<opac-new-password-fields [rules]="rules()" [(password)]="password" [(confirm)]="confirm" />`,
})
class Host {
  readonly rules = signal<PasswordRules & { hint?: { ja: string; en: string }[] }>(patronFacingPolicy(getPreset('katori')!.policy).password);
  readonly password = signal('');
  readonly confirm = signal('');
}

describe('new password fields (live rules, strength meter, 一致)', () => {
  beforeEach(() => localStorage.clear());

  async function render(city: 'katori' | 'city003' | 'koga' = 'katori') {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.rules.set(patronFacingPolicy(getPreset(city)!.policy).password);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const [pw, confirm] = [...el.querySelectorAll<HTMLInputElement>('input')];
    const type = async (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { fixture, el, pw, confirm, type };
  }

  it('shows the city’s rules as hints (Katori: 6–15, letters, digits, +*!%&#)', async () => {
    const { el } = await render('katori');
    const hints = el.querySelector('.hints')!.textContent!;
    expect(hints).toContain('6文字から15文字');
    expect(hints).toContain('記号（+*!%&#）');
    expect(hints).toContain('大文字と小文字は区別されます');
  });

  it('rates the password live with the library’s words (ふつう) and fills the meter', async () => {
    const { el, pw, type } = await render('katori');
    expect(el.querySelector('.strength-text')!.textContent).toBe('—');
    await type(pw, 'abcdefg1');
    expect(el.querySelector('.strength-text')!.textContent).toBe('ふつう');
    expect(el.querySelector('meter')!.value).toBe(2);
    await type(pw, 'Ab3+kLm9#xQ');
    expect(el.querySelector('.strength-text')!.textContent).toBe('とても強い');
    expect(el.querySelector('meter')!.value).toBe(4);
  });

  it('lists what is still wrong as the patron types, with the same reasons as the API', async () => {
    const { el, pw, type } = await render('katori');
    await type(pw, 'ab$');
    const problems = el.querySelector('.problems')!.textContent!;
    expect(problems).toContain('パスワードは6文字から15文字で入力してください。');
    expect(problems).toContain('使用できない文字が含まれています：$');
    expect(pw.getAttribute('aria-invalid')).toBe('true');
    await type(pw, 'ａｂｃｄｅｆ１'); // full-width: never silently folded
    expect(el.querySelector('.problems')!.textContent).toContain('全角文字は使用できません');
    await type(pw, 'abcdef+1');
    expect(el.querySelector('.problems')!.textContent!.trim()).toBe('');
  });

  it('shows 一致 when the confirmation matches and 不一致 when it does not', async () => {
    const { el, pw, confirm, type, fixture } = await render('katori');
    expect(el.querySelector('.match')!.textContent!.trim()).toBe('');
    await type(pw, 'abcdefg1');
    await type(confirm, 'abcdefg');
    expect(el.querySelector('.match')!.textContent).toContain('不一致');
    await type(confirm, 'abcdefg1');
    expect(el.querySelector('.match .ok')!.textContent).toContain('一致');
    expect(fixture.componentInstance.password()).toBe('abcdefg1');
    expect(fixture.componentInstance.confirm()).toBe('abcdefg1');
  });

  it('city003: exactly 6 digits, with a numeric keypad', async () => {
    const { el, pw, type } = await render('city003');
    expect(el.querySelector('.hints')!.textContent).toContain('6文字で入力してください');
    expect(el.querySelector('.hints')!.textContent).toContain('半角数字のみ');
    expect(pw.getAttribute('inputmode')).toBe('numeric');
    await type(pw, '12a456');
    expect(el.querySelector('.problems')!.textContent).toContain('使用できない文字が含まれています：a');
    await type(pw, '1234567');
    expect(el.querySelector('.problems')!.textContent).toContain('パスワードは6文字で入力してください。');
  });

  it('Koga: 4–8 letters and digits, no symbols', async () => {
    const { el, pw, type } = await render('koga');
    expect(el.querySelector('.hints')!.textContent).toContain('4文字から8文字');
    await type(pw, 'ab+1');
    expect(el.querySelector('.problems')!.textContent).toContain('使用できない文字が含まれています：+');
  });
});
