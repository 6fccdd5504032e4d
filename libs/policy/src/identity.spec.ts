import { Codes } from './codes';
import { BRANCH_PHONE, decidePasswordRegistration, halfWidthPhone, matchIdentity, normalizeBirthDate, normalizeKana, normalizePhone } from './identity';
import { parsePolicy } from './parse';
import { Policy, RegistrationSchema } from './schema';

const reg = (over: object) => RegistrationSchema.parse({ online: true, ...over });
const stored = { nameKana: 'ヤマダ タロウ', birthDate: '1990-01-15', phone: '092-123-4567' };

describe('normalizeKana', () => {
  it.each([
    ['ヤマダ タロウ', 'ヤマダタロウ'],
    ['ヤマダ　タロウ', 'ヤマダタロウ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダタロウ'],
    ['やまだ たろう', 'ヤマダタロウ'],
    ['スミス・ジョン', 'スミスジョン'],
  ])('%s → %s', (input, expected) => expect(normalizeKana(input)).toBe(expected));
});

describe('normalizePhone', () => {
  it.each([
    ['092-123-4567', '0921234567'],
    ['０９２－１２３－４５６７', '0921234567'],
    ['(092) 123 4567', '0921234567'],
    ['092ー123ー4567', '0921234567'],
    ['+81 92-123-4567', '0921234567'],
  ])('%s → %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));
});

describe('normalizeBirthDate', () => {
  it.each([
    ['19900115', '1990-01-15'],
    ['1990-01-15', '1990-01-15'],
    ['1990/01/15', '1990-01-15'],
    ['１９９００１１５', '1990-01-15'],
    ['19900230', null],
    ['900115', null],
  ])('%s → %s', (input, expected) => expect(normalizeBirthDate(input)).toBe(expected));
});

describe('matchIdentity', () => {
  const all = reg({ identityFields: ['nameKana', 'birthDate', 'phone'] });

  it('matches what the patron types in the usual variants', () => {
    expect(matchIdentity({ nameKana: 'ﾔﾏﾀﾞﾀﾛｳ', birthDate: '19900115', phone: '０９２１２３４５６７' }, stored, all)).toEqual({ ok: true });
    expect(matchIdentity({ nameKana: 'ヤマダ　タロウ', birthDate: '1990-01-15', phone: '092-123-4567' }, stored, all)).toEqual({ ok: true });
  });

  it('asks for missing fields one by one', () => {
    expect(matchIdentity({ nameKana: 'ヤマダ タロウ', birthDate: '19900115' }, stored, all)).toMatchObject({
      ok: false,
      code: Codes.IDENTITY_REQUIRED,
      field: 'phone',
    });
  });

  it('refuses malformed input with a format code', () => {
    expect(matchIdentity({ nameKana: 'ヤマダ', birthDate: '1990115', phone: '0921234567' }, stored, all)).toMatchObject({
      code: Codes.IDENTITY_FORMAT,
      field: 'birthDate',
    });
    expect(matchIdentity({ nameKana: 'ヤマダ', birthDate: '19900115', phone: '12' }, stored, all)).toMatchObject({
      code: Codes.IDENTITY_FORMAT,
      field: 'phone',
    });
  });

  it('answers every data mismatch with the same code and message, keeping the cause internal', () => {
    const results = [
      matchIdentity({ nameKana: 'ヤマダ ハナコ', birthDate: '19900115', phone: '0921234567' }, stored, all),
      matchIdentity({ nameKana: 'ヤマダ タロウ', birthDate: '19900116', phone: '0921234567' }, stored, all),
      matchIdentity({ nameKana: 'ヤマダ タロウ', birthDate: '19900115', phone: '0921234568' }, stored, all),
    ];
    expect(results.map((r) => (r.ok ? 'ok' : r.cause))).toEqual(['nameKana', 'birthDate', 'phone']);
    for (const r of results) {
      expect(r).toMatchObject({ ok: false, code: Codes.IDENTITY_MISMATCH });
      if (!r.ok) expect(r.message).toEqual((results[0] as { message: unknown }).message);
    }
  });

  it('checks only the fields the city asks for', () => {
    expect(matchIdentity({ birthDate: '19900115' }, stored, reg({ identityFields: ['birthDate'] }))).toEqual({ ok: true });
  });

  it('with month precision needs day 01 and compares year and month', () => {
    const month = reg({ identityFields: ['birthDate'], birthDatePrecision: 'month' });
    expect(matchIdentity({ birthDate: '19900101' }, stored, month)).toEqual({ ok: true });
    expect(matchIdentity({ birthDate: '19900115' }, stored, month)).toMatchObject({ code: Codes.BIRTH_DAY_MUST_BE_01 });
    expect(matchIdentity({ birthDate: '19900201' }, stored, month)).toMatchObject({ code: Codes.IDENTITY_MISMATCH });
  });

  it('refuses when the record has no phone, pointing to the counter where the city says so', () => {
    const noPhone = { ...stored, phone: null };
    const plain = matchIdentity({ phone: '0921234567' }, noPhone, reg({ identityFields: ['phone'] }));
    expect(plain).toMatchObject({ code: Codes.IDENTITY_MISMATCH, cause: 'no-phone-on-file' });
    const counter = matchIdentity({ phone: '0921234567' }, noPhone, reg({ identityFields: ['phone'], noPhoneOnFileGoesToCounter: true }));
    expect(counter).toMatchObject({ code: Codes.IDENTITY_MISMATCH, cause: 'no-phone-on-file' });
    if (!counter.ok && !plain.ok) {
      expect(counter.message.ja).toContain('仮パスワード');
      expect(plain.message.ja).not.toContain('仮パスワード');
    }
  });

  it('never matches an empty stored name', () => {
    expect(matchIdentity({ nameKana: 'ヤマダ' }, { nameKana: '' }, reg({ identityFields: ['nameKana'] }))).toMatchObject({
      code: Codes.IDENTITY_MISMATCH,
    });
  });
});

describe('decidePasswordRegistration', () => {
  const policyWith = (over: object): Policy => {
    const r = parsePolicy(over);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.policy;
  };
  const online = policyWith({ registration: { online: true, identityFields: ['birthDate'], termsRequired: true, channels: ['web'] } });
  const base = { typed: { birthDate: '19900115' }, stored, password: 'secret12', confirm: 'secret12', termsAccepted: true, channel: 'web' as const };

  it('registers when everything is in order', () => {
    expect(decidePasswordRegistration(online, base)).toMatchObject({ ok: true });
  });
  it.each([
    [{ registration: { online: false } }, {}, Codes.ONLINE_REGISTRATION_DISABLED],
    [{}, { channel: 'kiosk' as const }, Codes.REGISTRATION_CHANNEL_NOT_ALLOWED],
    [{}, { termsAccepted: false }, Codes.TERMS_REQUIRED],
    [{}, { password: 'x', confirm: 'x' }, Codes.PASSWORD_POLICY],
    [{}, { confirm: 'other' }, Codes.PASSWORD_POLICY],
    [{}, { typed: { birthDate: '19900116' } }, Codes.IDENTITY_MISMATCH],
  ])('refuses %j %j with %s', (policyOver, reqOver, code) => {
    const policy = Object.keys(policyOver).length ? policyWith(policyOver) : online;
    expect(decidePasswordRegistration(policy, { ...base, ...reqOver })).toMatchObject({ ok: false, code });
  });
});

describe('halfWidthPhone (a branch number typed with a Japanese keyboard)', () => {
  it.each([
    ['０４７８ー５４ー１２３４', '0478-54-1234'],
    ['（０４７８）５４‐１２３４', '(0478)54-1234'],
    ['0478–54—1234', '0478-54-1234'],
    ['  +81 478 54 1234 ', '+81 478 54 1234'],
    ['0478−54‑1234', '0478-54-1234'],
  ])('%s → %s', (typed, folded) => {
    expect(halfWidthPhone(typed)).toBe(folded);
    expect(BRANCH_PHONE.test(halfWidthPhone(typed))).toBe(true);
  });

  it('leaves what is not a number for the pattern to refuse', () => {
    expect(BRANCH_PHONE.test(halfWidthPhone('代表 0478'))).toBe(false);
    expect(BRANCH_PHONE.test(halfWidthPhone('0'.repeat(41)))).toBe(false);
  });
});
