import { ValidationError, ValidationOptions } from 'class-validator';
import { FieldError } from '../errors/domain-error';

/** The Japanese and English message of a field error, given the field's path. */
export type FieldMessage = (field: string) => { ja: string; en: string };

/**
 * Validation options carrying a ja/en message for the field (class-validator's own
 * messages are English strings); `fieldErrors` puts it into the problem's `errors`.
 */
export function fieldMessage(message: FieldMessage, options?: ValidationOptions): ValidationOptions {
  return { ...options, context: { ...(options?.context as object | undefined), fieldMessage: message } };
}

/** class-validator's errors as the problem's field list: `path` (dotted), `code` (the constraint), message (ja/en where known). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, text] of Object.entries(e.constraints ?? {})) {
      const localized = (e.contexts?.[code] as { fieldMessage?: FieldMessage } | undefined)?.fieldMessage;
      out.push({ path, code, message: localized ? localized(path) : text });
    }
    if (e.children?.length) out.push(...fieldErrors(e.children, path));
  }
  return out;
}
