import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { fieldErrors } from '../validation/field-message';
import { unsafeStrings } from '../validation/strings';
import { DomainError } from './domain-error';

/**
 * Validation of every body, query and path parameter: first the string rule (no NUL, no
 * lone surrogate, in any string or key, whatever the route declares), then the DTO's rules;
 * unknown fields refused. Errors are VALIDATION with the field list.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = unsafeStrings(value, metadata.data ?? '');
      if (unsafe.length) throw new DomainError('VALIDATION', undefined, unsafe);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainError('VALIDATION', undefined, fieldErrors(errors)),
  });
}
