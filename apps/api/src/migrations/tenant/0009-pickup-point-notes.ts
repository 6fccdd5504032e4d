import type { MigrationInterface, QueryRunner } from 'typeorm';
import { getPreset } from '@shiori/policy';

/**
 * A note for each pickup point, shown to the patron under the hold form's pickup choice:
 * Kushiro's central counter 「予約本受取窓口は4階です。」, its hold locker room (card and web
 * password needed, seeds/001_…txt:109, 125-127). `{ ja, en? }`, or NULL for none; the API
 * keeps `ja` non-blank and each language within 500 characters, the constraint keeps the shape.
 * Presets define no branch notes (PresetBranch has none), so branches get no column.
 *
 * Back-fill: a tenant created from a preset before this migration had the preset's notes
 * dropped at provisioning. Provisioning records the preset in the tenant's own
 * `settings.city.preset` (PresetService.apply), which this migration can read inside the
 * tenant schema, so the notes are filled here, once, for the points whose code is still the
 * preset's and whose note is empty. Points the library renamed keep their code and get the
 * note; points it created itself have codes the preset does not know and stay empty. A note
 * a librarian later clears stays cleared: the back-fill never runs again for that tenant.
 * New tenants run this before their preset is applied (no settings row yet), and the preset
 * writes the notes itself.
 */
export class PickupPointNotes0009 implements MigrationInterface {
  name = '0009-pickup-point-notes';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pickup_points ADD COLUMN IF NOT EXISTS note jsonb;
      ALTER TABLE pickup_points DROP CONSTRAINT IF EXISTS pickup_points_note;
      ALTER TABLE pickup_points ADD CONSTRAINT pickup_points_note CHECK (
        note IS NULL OR (
          jsonb_typeof(note) = 'object'
          AND coalesce(jsonb_typeof(note->'ja'), '') = 'string' AND btrim(note->>'ja') <> ''
          AND coalesce(jsonb_typeof(note->'en'), 'string') = 'string'
        )
      );
    `);
    const [city]: { preset: string | null }[] = await q.query(`SELECT value->>'preset' AS preset FROM settings WHERE key = 'city'`);
    const preset = city?.preset ? getPreset(city.preset) : undefined;
    for (const p of preset?.pickupPoints ?? []) {
      if (!p.note?.ja) continue;
      await q.query(`UPDATE pickup_points SET note = $2 WHERE code = $1 AND note IS NULL`, [
        p.code,
        JSON.stringify(p.note.en ? { ja: p.note.ja, en: p.note.en } : { ja: p.note.ja }),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pickup_points DROP CONSTRAINT IF EXISTS pickup_points_note;
      ALTER TABLE pickup_points DROP COLUMN IF EXISTS note;
    `);
  }
}
