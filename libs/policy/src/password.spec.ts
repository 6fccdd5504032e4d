import { PasswordReasons } from './codes';
import { canonicalPassword, generateTemporaryPassword, passwordRulesText, passwordStrength, validatePassword } from './password';
import { PasswordRulesSchema } from './schema';

const rules = (over: object = {}) => PasswordRulesSchema.parse(over);
const codes = (pw: string, r = rules(), confirm?: string) =>
  validatePassword(pw, r, confirm === undefined ? {} : { confirm }).reasons.map((x) => x.code);

describe('validatePassword', () => {
  it('accepts a password within the rules', () => {
    const r = validatePassword('Tosho-2025', rules());
    expect(r).toMatchObject({ ok: true, reasons: [] });
    expect(r.code).toBeUndefined();
  });

  it('reports length both ways', () => {
    expect(codes('ab1')).toEqual([PasswordReasons.TOO_SHORT]);
    expect(codes('a'.repeat(33))).toEqual([PasswordReasons.TOO_LONG]);
    expect(codes('')).toEqual([PasswordReasons.EMPTY]);
  });

  it('reports characters outside the allowed classes and symbols', () => {
    const r = rules({ classes: ['letters', 'digits', 'symbols'], symbols: '+*!%&#' });
    expect(codes('abc+*!%&#1', r)).toEqual([]);
    const check = validatePassword('abc$12 x', r);
    expect(check.reasons.map((x) => x.code)).toEqual([PasswordReasons.CHARS]);
    expect(check.reasons[0].message.ja).toContain('$');
    expect(check.reasons[0].message.ja).toContain('␣');
    expect(check.code).toBe('PASSWORD_POLICY');
  });

  it('knows digits-only rules', () => {
    const r = rules({ minLength: 6, maxLength: 6, classes: ['digits'] });
    expect(codes('123456', r)).toEqual([]);
    expect(codes('12345a', r)).toEqual([PasswordReasons.CHARS]);
  });

  it('names half-width katakana and other full-width input separately', () => {
    expect(codes('ｱｲｳｴｵ12')).toEqual([PasswordReasons.HALFWIDTH_KATAKANA]);
    expect(codes('ａｂｃ１２３')).toEqual([PasswordReasons.FULLWIDTH]);
  });

  it('checks the confirmation when given', () => {
    expect(codes('secret12', rules(), 'secret12')).toEqual([]);
    expect(codes('secret12', rules(), 'Secret12')).toEqual([PasswordReasons.MISMATCH]);
  });

  it('lists every failing reason at once', () => {
    expect(codes('ｱ1', rules(), 'x')).toEqual([PasswordReasons.TOO_SHORT, PasswordReasons.HALFWIDTH_KATAKANA, PasswordReasons.MISMATCH]);
  });
});

describe('passwordStrength', () => {
  const r = rules({ symbols: '+*!%&#', maxLength: 15 });
  it.each([
    ['abc', 0], // shorter than the minimum
    ['123456', 0], // common
    ['aaaaaaaaaa', 0], // one character repeated
    ['abcdefgh', 0], // a straight run
    ['kt7x2q', 1],
    ['tanaka7', 2], // "ふつう"
    ['Tanaka7!', 3],
    ['Tan+aka7!Kat0ri', 4],
  ] as const)('%s → %i', (pw, expected) => {
    expect(passwordStrength(pw, r)).toBe(expected);
  });

  it('labels level 2 ふつう as on Katori’s form', () => {
    expect(validatePassword('tanaka7', r).strengthLabel).toEqual({ ja: 'ふつう', en: 'Fair' });
  });
});

describe('passwordRulesText', () => {
  it('describes a mixed rule set', () => {
    const text = passwordRulesText(rules({ minLength: 6, maxLength: 15, symbols: '+*!%&#' }));
    const ja = text.map((l) => l.ja).join('\n');
    expect(ja).toContain('6文字から15文字');
    expect(ja).toContain('+*!%&#');
    expect(ja).toContain('大文字と小文字は区別されます');
    expect(text.map((l) => l.en).join('\n')).toContain('6 to 15 characters');
  });

  it('describes a digits-only exact-length rule', () => {
    const ja = passwordRulesText(rules({ minLength: 6, maxLength: 6, classes: ['digits'] })).map((l) => l.ja).join('\n');
    expect(ja).toContain('6文字で入力');
    expect(ja).toContain('半角数字のみ');
    expect(ja).not.toContain('大文字');
  });
});

describe('canonicalPassword and generateTemporaryPassword', () => {
  it('folds case only when the city is not case-sensitive', () => {
    expect(canonicalPassword('AbC', rules())).toBe('AbC');
    expect(canonicalPassword('AbC', rules({ caseSensitive: false }))).toBe('abc');
  });

  it('generates temporary passwords that satisfy the rules', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const over of [{}, { minLength: 6, maxLength: 6, classes: ['digits'] }, { minLength: 4, maxLength: 8, classes: ['letters', 'digits'] }]) {
      const r = rules(over);
      for (let i = 0; i < 20; i++) expect(validatePassword(generateTemporaryPassword(r, random), r).ok).toBe(true);
    }
  });
});
