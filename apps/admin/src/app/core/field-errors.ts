import { AbstractControl } from '@angular/forms';
import { FieldError } from './api';
import { Localized } from './i18n';

/** The API's message for one field, as sent (a plain string or both languages). */
export function fieldMessage(message: FieldError['message'], pick: (l: Localized) => string): string {
  return typeof message === 'string' ? message : pick(message);
}

/**
 * Puts the API's field errors (400/422 `errors[].path`) on the controls they name, as
 * `{server: message}`; returns the paths it could place, first first.
 */
export function applyFieldErrors(root: AbstractControl, errors: readonly FieldError[]): string[] {
  const placed: string[] = [];
  for (const err of errors) {
    const control = root.get(err.path);
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), server: err.message });
    control.markAsDirty();
    control.markAsTouched();
    placed.push(err.path);
  }
  return placed;
}

/** The text of a control's `server` error in the current language, or ''. */
export function serverError(control: AbstractControl | null, pick: (l: Localized) => string): string {
  const m = control?.getError('server') as FieldError['message'] | undefined;
  return m ? fieldMessage(m, pick) : '';
}
