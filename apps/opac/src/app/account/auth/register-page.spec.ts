import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { presetInfo } from '../../testing/fixtures';
import { setUpOpac } from '../../testing/setup';
import { RegisterPage } from './register-page';

type City = Parameters<typeof presetInfo>[0];

describe('password registration form (exactly the city’s identity fields and terms)', () => {
  let http: HttpTestingController;

  async function render(city: City) {
    http = setUpOpac(presetInfo(city), [{ path: 'register', component: RegisterPage }]);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/register');
    await harness.fixture.whenStable();
    const el = harness.routeNativeElement!;
    const input = (name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    const type = async (name: string, value: string) => {
      const i = input(name)!;
      i.value = value;
      i.dispatchEvent(new Event('input'));
      await harness.fixture.whenStable();
    };
    return { harness, el, input, type };
  }

  afterEach(() => http.verify());

  const identityFields = (el: HTMLElement) =>
    [...el.querySelectorAll<HTMLInputElement>('fieldset:first-of-type input')].map((i) => i.name);

  it('Katori: card, katakana name and birth date with day 01 — no phone, no terms', async () => {
    const { el } = await render('katori');
    expect(identityFields(el)).toEqual(['card', 'nameKana', 'birthDate']);
    expect(el.textContent).toContain('日は必ず「01」と入力してください');
    expect(el.textContent).toContain('19710401');
    expect(el.querySelector('mat-checkbox[name="terms"]')).toBeNull();
    expect(el.textContent).toContain('7桁');
  });

  it('Koga: card, katakana name, birth date (full day) and phone', async () => {
    const { el } = await render('koga');
    expect(identityFields(el)).toEqual(['card', 'nameKana', 'birthDate', 'phone']);
    expect(el.textContent).not.toContain('日は必ず「01」');
    expect(el.textContent).toContain('「10」で始まります');
  });

  it('Kitakyushu: birth date and phone after consenting to the terms', async () => {
    const { el } = await render('kitakyushu');
    expect(identityFields(el)).toEqual(['card', 'birthDate', 'phone']);
    expect(el.querySelector('mat-checkbox[name="terms"]')).not.toBeNull();
    expect(el.textContent).toContain('利用規約に同意する');
  });

  it('Kushiro and city003: no online registration, the counter instead', async () => {
    for (const city of ['kushiro', 'city003'] as const) {
      const { el } = await render(city);
      expect(el.querySelector('form')).toBeNull();
      expect(el.textContent).toContain('カウンターで登録します');
      http.verify();
      TestBed.resetTestingModule();
    }
  });

  it('Katori: refuses a birth day other than 01 before sending, then sends the form as typed', async () => {
    const { el, type, harness } = await render('katori');
    await type('card', '０４４６４４３'); // full-width digits are folded by the policy
    await type('nameKana', 'カトリ タロウ');
    await type('birthDate', '19710416');
    await type('new-password', 'abcdefg1');
    await type('confirm-password', 'abcdefg1');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('生年月日の「日」は 01 と入力してください。');
    http.expectNone('/api/t/katori/auth/register-password');

    await type('birthDate', '19710401');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    http.expectOne('/api/csrf').flush({ token: null });
    const req = http.expectOne('/api/t/katori/auth/register-password');
    expect(req.request.body).toEqual({
      cardNumber: '０４４６４４３',
      password: 'abcdefg1',
      passwordConfirm: 'abcdefg1',
      identity: { nameKana: 'カトリ タロウ', birthDate: '19710401' },
      channel: 'web',
    });
    req.flush({ registered: true });
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
    expect(el.querySelector('.done')!.textContent).toContain('パスワードを登録しました');
  });

  it('Kitakyushu: the terms must be accepted', async () => {
    const { el, type, harness } = await render('kitakyushu');
    await type('card', '1234567890');
    await type('birthDate', '19800101');
    await type('phone', '093-000-0000');
    await type('new-password', 'abcdefg1');
    await type('confirm-password', 'abcdefg1');
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('利用規約への同意が必要です。');
    http.expectNone('/api/t/kitakyushu/auth/register-password');
  });
});
