import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';
import { fieldMessage } from './field-message';

/**
 * A field that may be left out but, when sent, must have a value: the PATCH fields of
 * columns that cannot be empty (a record's title, a copy's status). class-validator's
 * `@IsOptional()` lets `null` through as well, which then reached a NOT NULL column; use
 * this instead wherever `null` means nothing (and `@IsOptional()` where null clears).
 */
export function OptionalNotNull(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o, v) => v !== undefined),
    IsDefined(
      fieldMessage((field) => ({ ja: `${field} は省略できますが、null にはできません。`, en: `${field} may be left out, but not null.` }), {
        message: '$property may be left out, but not null',
      }),
    ),
  );
}
