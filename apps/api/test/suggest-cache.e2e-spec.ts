import { quotedTenantSchema } from '@shiori/tenancy';
import { reverseKey } from '../src/modules/catalog/search/search-terms';
import { compactFold } from '../src/modules/catalog/search/text';
import { createTestApp, TestApp } from './support/app';
import { CatalogTenant, createRecord, twoCatalogTenants } from './support/catalog-factories';

/**
 * Suggestions as you type are kept per (city, folded prefix) by each API instance
 * (SuggestService.suggestJson) and serve only while the city's `terms_version` (0030, moved by
 * a trigger in every transaction that writes search_terms) is the one they were read at. Two
 * API instances on one database: a record catalogued through either one (or a term written
 * straight in the database) is suggested by the very next request to both, and the other
 * city's list of the same prefix is its own.
 */
describe('suggest: a kept list is exactly as fresh as the catalogue, on this instance and another', () => {
  let a: TestApp;
  let b: TestApp;
  let katori: CatalogTenant;
  let koga: CatalogTenant;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
    [katori, koga] = await twoCatalogTenants(a, 'katori', 'koga');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const labels = async (t: TestApp, c: CatalogTenant, q: string): Promise<string[]> => {
    const res = await t.http().get(`/api/t/${c.slug}/suggest`).query({ q }).expect(200);
    expect(res.body.q).toBe(q);
    return res.body.suggestions.map((s: { label: string }) => s.label);
  };
  /** The suggestions of `q` in `c` from both instances, which must agree. */
  const both = async (c: CatalogTenant, q: string) => {
    const [fromA, fromB] = [await labels(a, c, q), await labels(b, c, q)];
    expect(fromB).toEqual(fromA);
    return fromA;
  };

  it('a new record is suggested by the next request to either instance; another city keeps its own list', async () => {
    expect(await both(katori, 'しおりさじぇすと')).toEqual([]); // both instances now keep the empty list
    expect(await both(koga, 'しおりさじぇすと')).toEqual([]);

    await createRecord(a, katori, { title: '栞の提案術', titleReading: 'しおりさじぇすとじゅつ', authors: [{ name: '試験 太郎', reading: 'しけん たろう' }] });
    expect(await both(katori, 'しおりさじぇすと')).toEqual(['栞の提案術']);
    // typed differently, folded to the same key: the same kept list
    expect(await both(katori, 'シオリサジェスト')).toEqual(['栞の提案術']);

    await createRecord(b, katori, { title: '栞の提案術 続', titleReading: 'しおりさじぇすとじゅつ ぞく' });
    expect(await both(katori, 'しおりさじぇすと')).toEqual(expect.arrayContaining(['栞の提案術', '栞の提案術 続']));

    expect(await both(koga, 'しおりさじぇすと')).toEqual([]);
  });

  it('a term written straight in the database (an operator, a migration) is seen at once; the version, not the clock, decides', async () => {
    const schema = quotedTenantSchema(katori.slug);
    expect(await both(katori, 'ちょくせつ')).toEqual([]);
    const key = compactFold('ちょくせつのご'); // as the API writes keys (search-terms.ts)
    await a.ds.query(`INSERT INTO ${schema}.search_terms (kind, label, reading, key, rkey, records) VALUES ('title', '直接の語', 'ちょくせつのご', $1, $2, 3)`, [key, reverseKey(key)]);
    expect(await both(katori, 'ちょくせつ')).toEqual(['直接の語']);

    // a write whose version move is undone (the trigger's bump put back, as if it had not fired) is
    // not seen: the kept list serves (no DDL: Citus cannot switch a distributed table's trigger off)
    const [{ v }] = await a.ds.query(`SELECT version::text AS v FROM ${schema}.terms_version`);
    await a.ds.query(`UPDATE ${schema}.search_terms SET label = '直接の語 改' WHERE label = '直接の語'`);
    await a.ds.query(`UPDATE ${schema}.terms_version SET version = $1`, [v]);
    expect(await both(katori, 'ちょくせつ')).toEqual(['直接の語']);
    // ... until the version moves
    await a.ds.query(`UPDATE ${schema}.terms_version SET version = version + 1`);
    expect(await both(katori, 'ちょくせつ')).toEqual(['直接の語 改']);

    // a rolled-back write leaves the version and the list as they were
    const before = (await a.ds.query(`SELECT version::text AS v FROM ${schema}.terms_version`))[0].v;
    await a.ds.transaction(async (m) => {
      await m.query(`DELETE FROM ${schema}.search_terms WHERE label = '直接の語 改'`);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect((await a.ds.query(`SELECT version::text AS v FROM ${schema}.terms_version`))[0].v).toBe(before);
    expect(await both(katori, 'ちょくせつ')).toEqual(['直接の語 改']);
  });
});
