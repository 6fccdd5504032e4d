import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 請求記号 and covers for the record page (#20):
 *   records.call_number  the record's call number as catalogued (MARC 090 / 852), the default of its copies;
 *   records.cover_url    the record's own cover image, when it has one (else the OPAC draws one);
 *   items.call_number    a copy's own call number, when it differs (a large-print copy, a 郷土 shelf).
 * A copy with neither shows the call number made from the record (NDC + author mark + volume,
 * catalog/records/call-number.ts).
 */
export class CallNumbersCovers0021 implements MigrationInterface {
  name = '0021-call-numbers-covers';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE records ADD COLUMN call_number text;
      ALTER TABLE records ADD COLUMN cover_url text;
      ALTER TABLE items ADD COLUMN call_number text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE items DROP COLUMN call_number;
      ALTER TABLE records DROP COLUMN cover_url;
      ALTER TABLE records DROP COLUMN call_number;
    `);
  }
}
