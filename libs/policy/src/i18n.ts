/**
 * Every sentence a patron or librarian reads comes as `{ ja, en }`, Japanese first:
 * the service is Japanese by default and English is the second language.
 */
export interface Localized {
  ja: string;
  en: string;
}

/** Builds a localized text; a tiny helper so call sites read `t('…', '…')`. */
export function t(ja: string, en: string): Localized {
  return { ja, en };
}

/** Joins several localized texts, each language on its own. */
export function joinLocalized(parts: Localized[], sepJa = '', sepEn = ' '): Localized {
  return { ja: parts.map((p) => p.ja).join(sepJa), en: parts.map((p) => p.en).join(sepEn) };
}
