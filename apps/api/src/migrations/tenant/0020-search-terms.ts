import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * search_terms: the titles, authors and series of the catalogue under their folded readings
 * and labels, for suggestions as you type and もしかして (catalog/search/search-terms.ts).
 * Keys are COLLATE "C" so that a prefix is a range of the B-tree (code point order); `rkey`
 * is the key reversed, for terms ending like a query. Filled for existing records by the
 * application (SuggestService.rebuildTerms) when the table is empty.
 */
export class SearchTerms0020 implements MigrationInterface {
  name = '0020-search-terms';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_terms (
        kind text NOT NULL,
        label text NOT NULL,
        reading text,
        key text COLLATE "C" NOT NULL,
        rkey text COLLATE "C" NOT NULL,
        records int NOT NULL DEFAULT 1,
        CONSTRAINT search_terms_pkey PRIMARY KEY (kind, label, key),
        CONSTRAINT search_terms_kind CHECK (kind IN ('title', 'author', 'series'))
      );
      CREATE INDEX search_terms_key ON search_terms (key);
      CREATE INDEX search_terms_rkey ON search_terms (rkey);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_terms`);
  }
}
