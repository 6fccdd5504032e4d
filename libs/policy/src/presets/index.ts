import { city003Preset } from './city003';
import { defaultPreset } from './default';
import { katoriPreset } from './katori';
import { kitakyushuPreset } from './kitakyushu';
import { kogaPreset } from './koga';
import { kushiroPreset } from './kushiro';
import { Preset, PresetBranch, PresetPickupPoint, PresetSlug } from './types';
import { Localized } from '../i18n';

export * from './types';
export { CITY003_CHECK_DIGIT } from './city003';

/** The five founding cities (CITIES.md), in seed order. */
export const CITY_PRESET_SLUGS = ['katori', 'kushiro', 'kitakyushu', 'city003', 'koga'] as const;
export type CityPresetSlug = (typeof CITY_PRESET_SLUGS)[number];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every preset by slug: the five cities and `default` for new tenants. Frozen, so one
 * tenant's setup can never change another's starting point; `getPreset` hands out copies.
 */
export const PRESETS: Readonly<Record<PresetSlug, Preset>> = deepFreeze({
  default: defaultPreset,
  katori: katoriPreset,
  kushiro: kushiroPreset,
  kitakyushu: kitakyushuPreset,
  city003: city003Preset,
  koga: kogaPreset,
});

/** Slugs and display names, for the "create tenant" form. */
export function presetNames(): { slug: PresetSlug; name: Localized }[] {
  return (Object.keys(PRESETS) as PresetSlug[]).map((slug) => ({ slug, name: { ...PRESETS[slug].name } }));
}

export function isPresetSlug(slug: string): slug is PresetSlug {
  return Object.prototype.hasOwnProperty.call(PRESETS, slug);
}

/** A mutable deep copy of a preset, or undefined for an unknown slug. */
export function getPreset(slug: string): Preset | undefined {
  return isPresetSlug(slug) ? structuredClone(PRESETS[slug]) : undefined;
}

/** The pickup points a patron may choose within a branch (hold form). */
export function pickupPointsOf(preset: Preset, branchCode: string): PresetPickupPoint[] {
  return preset.pickupPoints.filter((p) => p.branchCode === branchCode);
}

/**
 * Whether the hold form must ask for a pickup point after the branch (Kushiro: central
 * library and bookmobile only). Otherwise the branch's single counter is used.
 */
export function asksPickupPoint(preset: Preset, branchCode: string): boolean {
  const branch: PresetBranch | undefined = preset.branches.find((b) => b.code === branchCode);
  return !!branch?.askPickupPoint && pickupPointsOf(preset, branchCode).length > 1;
}
