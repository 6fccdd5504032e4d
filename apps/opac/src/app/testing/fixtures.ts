import { getPreset, patronFacingPolicy } from '@shiori/policy';
import type { LibraryInfo } from '@shiori/contracts';

/**
 * `/info` as the API serves it for a city preset: the same pure functions build it
 * (libs/policy), so specs test the OPAC against each city's real rules.
 */
export function presetInfo(slug: 'katori' | 'kushiro' | 'kitakyushu' | 'city003' | 'koga' | 'default'): LibraryInfo {
  const preset = getPreset(slug)!;
  return {
    slug,
    name: preset.name.ja,
    theme: preset.theme ?? null,
    branches: preset.branches.map((b) => ({
      code: b.code,
      name: b.name.ja,
      nameEn: b.name.en,
      askPickupPoint: b.askPickupPoint,
      isBookmobile: b.kind === 'bookmobile',
      address: null,
      phone: null,
      hours: null,
      weeklyClosed: [],
    })),
    pickupPoints: preset.pickupPoints.map((p) => ({ code: p.code, name: p.name.ja, nameEn: p.name.en, kind: p.kind, branchCode: p.branchCode, timetable: [], note: p.note ?? null })),
    policy: patronFacingPolicy(preset.policy),
  };
}

export const katoriInfo = () => presetInfo('katori');
