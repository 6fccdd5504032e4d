import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, msg] of Object.entries(e.constraints ?? {})) {
      out.push({ path, code, message: msg });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

/** Body validation everywhere: unknown fields refused, errors as VALIDATION with a field list. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainError('VALIDATION', undefined, flatten(errors)),
  });
}
