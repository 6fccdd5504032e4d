import { EmailWarnings } from './codes';
import { checkEmailAddress } from './email';

const warnings = (s: string) => checkEmailAddress(s).warnings.map((w) => w.code);

describe('checkEmailAddress', () => {
  it('accepts an ordinary address', () => {
    expect(checkEmailAddress('taro.yamada@example.jp')).toEqual({ ok: true, warnings: [] });
  });
  it('warns on consecutive dots and a dot before @, which carriers refuse', () => {
    expect(checkEmailAddress('taro..yamada@example.jp')).toMatchObject({ ok: true });
    expect(warnings('taro..yamada@example.jp')).toEqual([EmailWarnings.CONSECUTIVE_DOTS]);
    expect(warnings('taro.@example.jp')).toEqual([EmailWarnings.DOT_BEFORE_AT]);
  });
  it('warns on full-width characters', () => {
    expect(warnings('ｔａｒｏ@example.jp')).toContain(EmailWarnings.FULLWIDTH);
  });
  it('refuses text that is not an address', () => {
    for (const s of ['taro', 'taro@', '@example.jp', 'taro@example', 'a@b@c.jp', 'ta ro@example.jp']) {
      expect(checkEmailAddress(s)).toMatchObject({ ok: false });
      expect(warnings(s)).toContain(EmailWarnings.FORMAT);
    }
  });
});
