import { AbstractControl, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { CardRules, normalizeCardNumber } from '@shiori/policy';
import type { StaffPatronView } from '@shiori/contracts';

/** Katakana (full- or half-width, folded by NFKC), the long-vowel mark, middle dot and spaces. */
const KATAKANA = /^[\u30A0-\u30FF\s\u3000]+$/u;

export const katakana: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const v = String(c.value ?? '').normalize('NFKC').trim();
  return !v || KATAKANA.test(v) ? null : { katakana: true };
};

/**
 * The card number as typed, checked by the city's own rules (`normalizeCardNumber` from
 * `@shiori/policy`, the function the API uses): length, digits, fixed prefix, check digit.
 * The error carries the library's message in both languages.
 */
export function cardNumberValidator(rules: () => CardRules | undefined): ValidatorFn {
  return (c: AbstractControl): ValidationErrors | null => {
    const card = rules();
    const typed = String(c.value ?? '');
    if (!card || !typed.trim()) return null;
    const r = normalizeCardNumber(typed, card);
    return r.ok ? null : { card: r.message };
  };
}

/** The fields a librarian edits on a patron (the card number is fixed once registered). */
export function patronDetailsGroup(p?: StaffPatronView) {
  return new FormGroup({
    name: new FormControl(p?.name ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    nameKana: new FormControl(p?.nameKana ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100), katakana] }),
    birthDate: new FormControl(p?.birthDate ?? '', { nonNullable: true }),
    phone: new FormControl(p?.phone ?? '', { nonNullable: true, validators: [Validators.maxLength(30)] }),
    email: new FormControl(p?.email ?? '', { nonNullable: true, validators: [Validators.email, Validators.maxLength(254)] }),
    category: new FormControl(p?.category ?? 'general', { nonNullable: true }),
    expiresAt: new FormControl(p?.expiresAt ?? '', { nonNullable: true }),
  });
}

export type PatronDetailsGroup = ReturnType<typeof patronDetailsGroup>;

/** Only what was filled in; empty optional fields are left out (create) or cleared (email, on edit). */
export function patronDetailsValue(g: PatronDetailsGroup, forEdit: boolean) {
  const v = g.getRawValue();
  const out: Record<string, string> = { name: v.name.trim(), nameKana: v.nameKana.normalize('NFKC').trim(), category: v.category };
  if (v.birthDate) out['birthDate'] = v.birthDate;
  if (v.phone.trim()) out['phone'] = v.phone.trim();
  if (v.email.trim() || forEdit) out['email'] = v.email.trim();
  if (v.expiresAt) out['expiresAt'] = v.expiresAt;
  return out;
}
