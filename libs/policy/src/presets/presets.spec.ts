import { defaultPolicy, parsePolicy } from '../parse';
import { checkPolicyReferences } from '../references';
import { asksPickupPoint, CITY_PRESET_SLUGS, getPreset, isPresetSlug, PRESETS, presetNames } from './index';

describe('presets', () => {
  const slugs = Object.keys(PRESETS) as (keyof typeof PRESETS)[];

  it('has the five founding cities and a default', () => {
    expect(slugs).toEqual(['default', ...CITY_PRESET_SLUGS]);
    expect(presetNames().map((p) => p.slug)).toEqual(slugs);
    for (const p of presetNames()) expect(p.name.ja.length).toBeGreaterThan(0);
  });

  it('the default preset is exactly the default policy', () => {
    expect(PRESETS.default.policy).toEqual(defaultPolicy());
  });

  describe.each(slugs)('%s', (slug) => {
    const preset = PRESETS[slug];

    it('has a policy that survives a round trip through parsePolicy', () => {
      expect(parsePolicy(JSON.parse(JSON.stringify(preset.policy)))).toEqual({ ok: true, policy: preset.policy });
    });

    it('has a slug, names in ja and en and a hex theme colour', () => {
      expect(preset.slug).toBe(slug);
      expect(preset.name.ja && preset.name.en).toBeTruthy();
      expect(preset.theme.primary).toMatch(/^#[0-9a-f]{6}$/i);
    });

    it('gives every library branch a counter pickup point and the bookmobile its stations', () => {
      for (const b of preset.branches) {
        const kinds = preset.pickupPoints.filter((p) => p.branchCode === b.code).map((p) => p.kind);
        if (b.kind === 'library') expect(kinds).toContain('counter');
        else expect(kinds.length > 0 && kinds.every((k) => k === 'bookmobile-station')).toBe(true);
      }
    });

    it('uses unique codes and only known branches', () => {
      const branchCodes = preset.branches.map((b) => b.code);
      const pointCodes = preset.pickupPoints.map((p) => p.code);
      expect(new Set(branchCodes).size).toBe(branchCodes.length);
      expect(new Set(pointCodes).size).toBe(pointCodes.length);
      for (const p of preset.pickupPoints) expect(branchCodes).toContain(p.branchCode);
      expect(checkPolicyReferences(preset.policy, preset)).toEqual([]);
    });

    it('asks for a pickup point only where a branch has several', () => {
      for (const b of preset.branches) {
        if (asksPickupPoint(preset, b.code)) expect(preset.pickupPoints.filter((p) => p.branchCode === b.code).length).toBeGreaterThan(1);
      }
    });

    it('has patron categories and material types', () => {
      expect(preset.categories.map((c) => c.code)).toEqual(expect.arrayContaining(['general', 'child']));
      expect(preset.materialTypes.map((m) => m.code)).toEqual(expect.arrayContaining(['book']));
    });
  });

  it('is frozen; getPreset hands out independent copies', () => {
    expect(Object.isFrozen(PRESETS.koga.policy.holds)).toBe(true);
    expect(() => {
      (PRESETS.koga.policy.holds as { maxActive: number }).maxActive = 99;
    }).toThrow(TypeError);
    const copy = getPreset('koga')!;
    copy.policy.holds.maxActive = 3;
    expect(getPreset('koga')!.policy.holds.maxActive).toBe(10);
    expect(getPreset('nowhere')).toBeUndefined();
    expect(getPreset('toString')).toBeUndefined();
    expect(isPresetSlug('kushiro')).toBe(true);
  });
});
