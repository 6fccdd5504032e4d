import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { getPreset, isPresetSlug, Localized, presetNames } from '@shiori/policy';
import type { PresetSummary } from '@shiori/contracts';

/** A preset's pickup-point note as the `note` column stores it: `{ ja, en? }`, or NULL. */
function presetNote(note: Localized | undefined): string | null {
  if (!note?.ja) return null;
  return JSON.stringify(note.en ? { ja: note.ja, en: note.en } : { ja: note.ja });
}

/**
 * Applies a preset (a city's policy, branches and pickup points as data) to a freshly
 * provisioned tenant schema, inside the provisioning transaction.
 */
@Injectable()
export class PresetService {
  exists(name: string): boolean {
    return isPresetSlug(name);
  }

  list(): PresetSummary[] {
    return presetNames();
  }

  async apply(m: EntityManager, name: string, tenantName: string): Promise<void> {
    const preset = getPreset(name);
    if (!preset) throw new Error(`Unknown preset ${name}`);
    await m.query(`INSERT INTO policy_versions (version, policy, changed_by, note) VALUES (1, $1, 'system', $2)`, [
      JSON.stringify(preset.policy),
      `preset:${name}`,
    ]);
    await m.query(`INSERT INTO settings (key, value) VALUES ('city', $1), ('categories', $2), ('materialTypes', $3)`, [
      JSON.stringify({ name: tenantName, preset: name, presetName: preset.name, theme: preset.theme ?? null }),
      JSON.stringify(preset.categories),
      JSON.stringify(preset.materialTypes),
    ]);
    let sort = 0;
    for (const b of preset.branches) {
      await m.query(
        `INSERT INTO branches (code, name, name_en, ask_pickup_point, is_bookmobile, sort) VALUES ($1,$2,$3,$4,$5,$6)`,
        [b.code, b.name.ja, b.name.en, b.askPickupPoint, b.kind === 'bookmobile', sort++],
      );
    }
    sort = 0;
    for (const p of preset.pickupPoints) {
      await m.query(
        `INSERT INTO pickup_points (code, name, name_en, kind, branch_code, timetable, note, sort) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [p.code, p.name.ja, p.name.en, p.kind, p.branchCode, JSON.stringify(p.timetable ?? []), presetNote(p.note), sort++],
      );
    }
  }
}
