import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** The largest value of each PostgreSQL integer column type an id may live in. */
const MAX = { int: 2_147_483_647n, bigint: 9_223_372_036_854_775_807n } as const;

/**
 * An integer id or version in a path or query parameter: decimal digits only (no sign,
 * exponent, fraction or spaces), from 1 to the largest value of its column type, so that
 * `closed-days/99999999999999999999` or `?from=1e308` is refused here and never reaches
 * PostgreSQL. Answers the number (`int`) or the digits as a string (`bigint`, which a
 * JavaScript number cannot hold exactly). A parameter declared `number` arrives already
 * made a number by the validation pipe: then it must be a whole number within range.
 */
@Injectable()
export class IntIdPipe implements PipeTransform<unknown, number | string> {
  constructor(private readonly column: keyof typeof MAX = 'bigint') {}

  transform(value: unknown, metadata: ArgumentMetadata): number | string {
    const digits = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof digits === 'string' && /^[1-9]\d{0,18}$/.test(digits) && BigInt(digits) <= MAX[this.column]) {
      return this.column === 'int' ? Number(digits) : digits;
    }
    const field = metadata.data ?? 'id';
    const max = MAX[this.column].toLocaleString('en');
    throw new DomainError('VALIDATION', undefined, [
      {
        path: field,
        code: 'INTEGER_ID',
        message: { ja: `${field} は 1 から ${max} までの整数にしてください。`, en: `${field} must be a whole number from 1 to ${max}.` },
      },
    ]);
  }
}
