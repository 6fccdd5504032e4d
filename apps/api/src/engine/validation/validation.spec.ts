import { ArgumentMetadata } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from '../errors/validation';
import { EARLIEST_DATE, isCalendarDate, isInstant, LATEST_DATE } from './dates';
import { fieldErrors } from './field-message';
import { IntIdPipe } from './int-id.pipe';
import { OptionalNotNull } from './optional-not-null';
import { unsafeStrings } from './strings';

describe('input rules', () => {
  describe('calendar dates', () => {
    it('takes real days in the service range only', () => {
      for (const ok of ['2026-02-28', '2024-02-29', EARLIEST_DATE, LATEST_DATE, '1971-04-16']) expect(isCalendarDate(ok)).toBe(true);
      for (const bad of ['2026-02-30', '2025-02-29', '0000-00-00', '0000-01-01', '275760-09-13', '+275760-09-13', '1799-12-31', '2200-01-01', '2026-13-01', '2026-1-01', '20260101', 'x', '', 20260101, null]) {
        expect(isCalendarDate(bad)).toBe(false);
      }
    });

    it('takes date-times with a time zone whose parts are in range', () => {
      for (const ok of ['2026-05-01T10:30:00+09:00', '2026-05-01T10:30+0900', '2026-05-01T23:59:59.123Z', '2026-05-01T00:00:00-14:00']) expect(isInstant(ok)).toBe(true);
      for (const bad of ['2026-05-01T10:30:00', '2026-02-30T10:00:00Z', '0000-01-01T00:00:00+09:00', '2026-05-01T24:00:00Z', '2026-05-01T10:60:00Z', '2026-05-01T10:00:61Z', '2026-05-01T10:00:00+15:00', '2026-05-01', 'now']) {
        expect(isInstant(bad)).toBe(false);
      }
    });
  });

  describe('strings', () => {
    it('finds NUL and lone surrogates in values and keys at any depth, naming the field', () => {
      const body = { title: 'ok 😀', authors: [{ name: 'a\u0000b' }, { reading: '\ud800' }], ['k\u0000']: 1, note: 'x\udc00' };
      expect(unsafeStrings(body).map((e) => [e.path, e.code])).toEqual([
        ['authors.0.name', 'NUL_CHARACTER'],
        ['authors.1.reading', 'LONE_SURROGATE'],
        ['k\u0000', 'NUL_CHARACTER'],
        ['note', 'LONE_SURROGATE'],
      ]);
      expect(unsafeStrings('a\u0000', 'username')[0]).toMatchObject({ path: 'username', message: { ja: expect.stringContaining('NUL'), en: expect.stringContaining('NUL') } });
      expect(unsafeStrings({ ok: ['ア', '\ud83d\ude00', 1, null, true] })).toEqual([]);
    });

    it('walks deep nesting without recursion', () => {
      let deep: unknown = 'a\u0000';
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(unsafeStrings(deep)).toHaveLength(1);
    });

    it('is applied by the validation pipe to bodies, queries and path parameters before the DTO', async () => {
      const pipe = createValidationPipe();
      const refused = async (value: unknown, metadata: ArgumentMetadata) => {
        try {
          await pipe.transform(value, metadata);
        } catch (e) {
          return e as DomainError;
        }
        throw new Error('not refused');
      };
      expect((await refused({ username: 'ad\u0000min' }, { type: 'body' })).errors).toEqual([expect.objectContaining({ path: 'username', code: 'NUL_CHARACTER' })]);
      expect((await refused('x\u0000', { type: 'param', data: 'code' })).errors![0].path).toBe('code');
      expect((await refused({ from: 'x\u0000' }, { type: 'query' })).code).toBe('VALIDATION');
      expect(await pipe.transform('plain', { type: 'param', data: 'code', metatype: String })).toBe('plain');
    });
  });

  describe('integer ids', () => {
    const meta: ArgumentMetadata = { type: 'param', data: 'id' };
    it('takes 1 to the column maximum, digits only', () => {
      expect(new IntIdPipe('int').transform('2147483647', meta)).toBe(2147483647);
      expect(new IntIdPipe('bigint').transform('9223372036854775807', meta)).toBe('9223372036854775807');
      for (const bad of ['0', '-1', '2147483648', '1e308', '1.5', ' 1', '01', 'x', '', '99999999999999999999']) {
        expect(() => new IntIdPipe('int').transform(bad, meta)).toThrow(DomainError);
      }
      expect(() => new IntIdPipe('bigint').transform('9223372036854775808', meta)).toThrow(DomainError);
      // a parameter declared `number` comes already converted by the validation pipe
      expect(new IntIdPipe('int').transform(7, meta)).toBe(7);
      for (const bad of [0, -1, 1.5, 1e308, 2147483648, Number.NaN]) expect(() => new IntIdPipe('int').transform(bad, meta)).toThrow(DomainError);
      try {
        new IntIdPipe('bigint').transform('99999999999999999999', { type: 'param', data: 'id' });
      } catch (e) {
        expect((e as DomainError).errors).toEqual([expect.objectContaining({ path: 'id', code: 'INTEGER_ID' })]);
      }
    });
  });

  describe('optional but not null', () => {
    class Patch {
      @OptionalNotNull() @IsString() title?: string;
    }
    const errorsOf = (plain: object) => fieldErrors(validateSync(plainToInstance(Patch, plain)));

    it('lets the field be left out, refuses null with the field named', () => {
      expect(errorsOf({})).toEqual([]);
      expect(errorsOf({ title: 'こころ' })).toEqual([]);
      const errors = errorsOf({ title: null });
      expect(errors.map((e) => e.path)).toContain('title');
      expect(errors.find((e) => e.code === 'isDefined')?.message).toEqual({ ja: 'title は省略できますが、null にはできません。', en: 'title may be left out, but not null.' });
    });
  });
});
