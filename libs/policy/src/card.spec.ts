import { cardRulesText, checkDigitFor, hasValidCheckDigit, normalizeCardNumber } from './card';
import { CardFormatReasons, Codes } from './codes';
import { CardRulesSchema } from './schema';

const rules = (over: object = {}) => CardRulesSchema.parse(over);

describe('normalizeCardNumber', () => {
  it('folds full-width digits, hyphens of every kind and spaces', () => {
    const card = rules();
    for (const typed of ['０１２３４５６７', '0123-4567', '0123－4567', '0123 4567', '0123　4567', '0123ー4567', '0123‐4567', ' 01234567 ']) {
      expect(normalizeCardNumber(typed, card)).toEqual({ ok: true, cardNumber: '01234567' });
    }
  });

  it('keeps leading zeros (a card number is not a number)', () => {
    expect(normalizeCardNumber('0007', rules())).toEqual({ ok: true, cardNumber: '0007' });
  });

  it('strips a legacy letter prefix, in either case, only when digits follow', () => {
    const card = rules({ strippedPrefixes: ['A'] });
    expect(normalizeCardNumber('A1234567', card)).toEqual({ ok: true, cardNumber: '1234567' });
    expect(normalizeCardNumber('ａ1234567', card)).toEqual({ ok: true, cardNumber: '1234567' });
    expect(normalizeCardNumber('1234567', card)).toEqual({ ok: true, cardNumber: '1234567' });
    expect(normalizeCardNumber('AB1234567', card)).toMatchObject({ ok: false, reason: CardFormatReasons.NOT_DIGITS });
    // Without the prefix rule a letter is simply not a digit.
    expect(normalizeCardNumber('A1234567', rules())).toMatchObject({ ok: false, reason: CardFormatReasons.NOT_DIGITS });
  });

  it.each([
    ['', CardFormatReasons.EMPTY],
    ['  - ', CardFormatReasons.EMPTY],
    ['12a4', CardFormatReasons.NOT_DIGITS],
    ['123', CardFormatReasons.TOO_SHORT],
    ['123456789012345', CardFormatReasons.TOO_LONG],
  ])('refuses %j with CARD_FORMAT / %s', (typed, reason) => {
    const r = normalizeCardNumber(typed, rules());
    expect(r).toMatchObject({ ok: false, code: Codes.CARD_FORMAT, reason });
    if (!r.ok) expect(r.message.ja).toMatch(/カード/);
  });

  it('checks a fixed prefix', () => {
    const card = rules({ minLength: 9, maxLength: 9, fixedPrefix: '10' });
    expect(normalizeCardNumber('101234567', card)).toEqual({ ok: true, cardNumber: '101234567' });
    const r = normalizeCardNumber('201234567', card);
    expect(r).toMatchObject({ ok: false, reason: CardFormatReasons.PREFIX });
    if (!r.ok) expect(r.message.ja).toContain('10');
  });

  it('checks the check digit', () => {
    const card = rules({ minLength: 8, maxLength: 8, checkDigit: 'mod10-weight21' });
    expect(normalizeCardNumber('01234567', card)).toEqual({ ok: true, cardNumber: '01234567' });
    expect(normalizeCardNumber('01234568', card)).toMatchObject({ ok: false, reason: CardFormatReasons.CHECK_DIGIT });
  });
});

describe('checkDigitFor', () => {
  it.each([
    // Luhn reference value: 7992739871 → 3 (ISO/IEC 7812 example).
    ['7992739871', 'mod10-luhn', '3'],
    // JAN/EAN-13 (weights 3·1 from the right): 4901234567894 and Wikipedia's 4006381333931.
    ['490123456789', 'mod10-weight31', '4'],
    ['400638133393', 'mod10-weight31', '1'],
    // Weights 2·1 with whole products: 6×2+5+4×2+3+2×2+1+0 = 33 → 7 (city003's printed example).
    ['0123456', 'mod10-weight21', '7'],
    ['0123456', 'mod10-luhn', '6'],
    ['0123456', 'mod10-weight31', '5'],
    // Mod 11 weights 2–7: 6·2+5·3+4·4+3·5+2·6+1·7 = 77 ≡ 0 → 11 → 0.
    ['0123456', 'mod11', '0'],
    // 1·2 = 2 → 11 − 2 = 9.
    ['1', 'mod11', '9'],
    ['0123456', 'none', ''],
  ] as const)('%s under %s → %j', (body, scheme, digit) => {
    expect(checkDigitFor(body, scheme)).toBe(digit);
  });

  it('generates numbers that validate, for every scheme', () => {
    for (const scheme of ['mod10-luhn', 'mod10-weight21', 'mod10-weight31', 'mod11'] as const) {
      for (const body of ['1', '000000', '1234567', '9876543210']) {
        const card = body + checkDigitFor(body, scheme);
        expect(hasValidCheckDigit(card, scheme)).toBe(true);
        const wrong = body + String((Number(card.slice(-1)) + 1) % 10);
        expect(hasValidCheckDigit(wrong, scheme)).toBe(false);
      }
    }
  });

  it('throws on a non-digit body', () => {
    expect(() => checkDigitFor('12a', 'mod10-luhn')).toThrow(RangeError);
  });
});

describe('cardRulesText', () => {
  it('states the length, the prefix, the example and the stripped letter', () => {
    const lines = cardRulesText(rules({ minLength: 8, maxLength: 8, example: '0123456-7', strippedPrefixes: ['A'], fixedPrefix: '01' }));
    const ja = lines.map((l) => l.ja).join('\n');
    const en = lines.map((l) => l.en).join('\n');
    expect(ja).toContain('8桁');
    expect(ja).toContain('「01」で始まります');
    expect(ja).toContain('0123456-7 は 01234567');
    expect(ja).toContain('「A」を除いた数字のみ');
    expect(en).toContain('8 digits');
  });
});
