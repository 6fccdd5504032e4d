import { counterOf, DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES, Preset, PresetBranch, presetPolicy } from './types';

/**
 * The generic preset for a new tenant: the policy is nothing but the defaults of CITIES.md
 * "Where a guide is silent", with one main library to start from.
 */
const branches: PresetBranch[] = [{ code: 'main', name: { ja: '本館', en: 'Main Library' }, kind: 'library', askPickupPoint: false }];

export const defaultPreset: Preset = {
  slug: 'default',
  name: { ja: '新しい図書館', en: 'New library' },
  theme: { primary: '#3f51b5' },
  policy: presetPolicy('default', {}),
  branches,
  pickupPoints: branches.map(counterOf),
  categories: DEFAULT_CATEGORIES,
  materialTypes: DEFAULT_MATERIAL_TYPES,
};
