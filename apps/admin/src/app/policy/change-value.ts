import { Localized } from '../core/i18n';
import { ENUM_LABELS, RULE_FIELDS } from './policy-fields';

const YES: Localized = { ja: 'オン', en: 'On' };
const NO: Localized = { ja: 'オフ', en: 'Off' };
const UNSET: Localized = { ja: '（なし）', en: '(none)' };

/** A policy value as words for the change list: on/off, enum labels, lists joined. */
export function changeValue(value: unknown, pick: (l: Localized) => string): string {
  if (value === undefined || value === null || value === '') return pick(UNSET);
  if (typeof value === 'boolean') return pick(value ? YES : NO);
  if (Array.isArray(value)) return value.length ? value.map((v) => changeValue(v, pick)).join(', ') : pick(UNSET);
  if (typeof value === 'string') {
    for (const labels of Object.values(ENUM_LABELS) as Record<string, Localized>[]) if (labels[value]) return pick(labels[value]);
    return value;
  }
  if (typeof value === 'object') {
    // a whole loan rule (added or removed): its set values as "label=value"
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== '' && v !== undefined)
      .map(([k, v]) => {
        const meta = RULE_FIELDS[k];
        const unit = meta?.unit && typeof v === 'number' ? pick(meta.unit) : '';
        return `${meta ? pick(meta.label) : k}=${typeof v === 'number' ? v + unit : changeValue(v, pick)}`;
      })
      .join(', ');
  }
  return String(value);
}
