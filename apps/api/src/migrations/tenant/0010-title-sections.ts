import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each record's title section as a token of its `search` tsvector (`o<n>`, see
 * search/title-sections.ts), so a broad search sorted by title reads its matches section by
 * section instead of all of them. New and edited records get it from buildSearchDocument();
 * this adds it to the records already stored.
 *
 * The section is computed here with the migration's own literals (a migration means the
 * same thing forever); a test holds TITLE_SECTION_SQL_0010 to titleSection().
 */
export const TITLE_SECTION_SQL_0010 = (expr: string) => `(CASE WHEN ascii(${expr}) < 12353 THEN 0
        WHEN ascii(${expr}) <= 12438 THEN ascii(${expr}) - 12352
        WHEN ascii(${expr}) < 19968 THEN 87
        WHEN ascii(${expr}) <= 40959 THEN 88 + (ascii(${expr}) - 19968) / 1024
        ELSE 109 END)`;

export class TitleSections0010 implements MigrationInterface {
  name = '0010-title-sections';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE records SET search = search || ('o' || ${TITLE_SECTION_SQL_0010('title_sort')})::tsvector`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE records SET search = ts_delete(search, ARRAY(SELECT l FROM unnest(tsvector_to_array(search)) l WHERE l ~ '^o[0-9]+$'))`);
  }
}
