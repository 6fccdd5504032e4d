import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visitors (広域利用, issue #15): a patron of this city who lives in another city and was
 * registered at this city's desk under an agreement. `home_city` is the home city's tenant
 * slug, `home_patron_id` the patron's id there (so the home city's My page can list the
 * loans made here, one statement per city), `agreement_id` the platform agreement whose terms
 * the loans follow. Residents have all three null.
 */
export class Visitors0018 implements MigrationInterface {
  name = '0018-visitors';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE patrons
        ADD COLUMN home_city text,
        ADD COLUMN home_patron_id uuid,
        ADD COLUMN agreement_id uuid,
        ADD CONSTRAINT patrons_visitor_complete CHECK ((home_city IS NULL) = (home_patron_id IS NULL) AND (home_city IS NULL) = (agreement_id IS NULL))
    `);
    await q.query(`CREATE UNIQUE INDEX patrons_home_patron ON patrons (home_city, home_patron_id) WHERE home_city IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX patrons_home_patron`);
    await q.query(`ALTER TABLE patrons DROP CONSTRAINT patrons_visitor_complete, DROP COLUMN agreement_id, DROP COLUMN home_patron_id, DROP COLUMN home_city`);
  }
}
