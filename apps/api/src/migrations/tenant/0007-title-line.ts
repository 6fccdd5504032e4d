import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on each record's title as search stores it (the first line of search_text:
 * `A<TAB><folded title>`), so a search can find the records whose title is exactly what
 * was typed without reading every match: relevance ranks them first even when it ranks
 * only a sample of a broad query's matches (search-query.ts). Exact readings use
 * records_title_sort (0002).
 */
export class TitleLine0007 implements MigrationInterface {
  name = '0007-title-line';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS records_title_line ON records ((split_part(search_text, E'\\n', 1))) WHERE withdrawn_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS records_title_line`);
  }
}
