import { tenantManager } from '@shiori/tenancy';
import { createTestApp, TestApp } from './support/app';
import { barcode, CatalogTenant, createRecord, inTenant, RecordInput, search, titles, twoCatalogTenants } from './support/catalog-factories';
import { changePolicy } from './support/notices-factories';

/**
 * 予約可 and the city's `holds.ownedOnly` (libs/policy: only copies owned by the city's
 * libraries may be reserved on the web; Kitakyushu 002:44). Katori has not the rule: a copy
 * the city does not own (a long-term loan from the prefecture, say) makes a record
 * reservable there; in Kitakyushu it does not. The search filter agrees with the record
 * page's hold button (reservableForDisplay) for every record, also once the city reserves
 * only copies that are out; and the 予約可 count (facets.reservable) agrees with the filter.
 */
describe('catalogue search: 予約可 honours holds.ownedOnly', () => {
  let t: TestApp;
  let katori: CatalogTenant; // no ownedOnly
  let kita: CatalogTenant; // ownedOnly (北九州)

  /** Copies of each record: [owned, status]; all loanable. */
  const SHAPES: Record<string, [boolean, string][]> = {
    '草枕 自館': [[true, 'on-shelf']],
    '草枕 他館': [[false, 'on-shelf']],
    '草枕 他館貸出中': [[false, 'on-loan']],
    '草枕 混在': [[false, 'on-shelf'], [true, 'on-loan']],
    '草枕 自館不明': [[true, 'missing'], [false, 'on-shelf']],
  };
  const ids: Record<string, Record<string, string>> = {};

  async function catalogue(c: CatalogTenant) {
    ids[c.slug] = {};
    for (const [title, copies] of Object.entries(SHAPES)) {
      const codes = copies.map(() => barcode('O'));
      const input: RecordInput = { title, authors: [{ name: '夏目 漱石' }], items: codes.map((code) => ({ barcode: code, branchCode: c.branches[0] })) };
      ids[c.slug][title] = (await createRecord(t, c, input)).id;
      await inTenant(t, c.slug, async () => {
        for (const [i, [owned, status]] of copies.entries()) {
          await tenantManager().query(`UPDATE items SET owned = $2, status = $3 WHERE barcode = $1`, [codes[i], owned, status]);
        }
      });
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    [katori, kita] = await twoCatalogTenants(t, 'katori', 'kitakyushu');
    await catalogue(katori);
    await catalogue(kita);
  });
  afterAll(() => t.close());

  const reservable = async (c: CatalogTenant, value: boolean) => titles(await search(t, c.slug, { q: '草枕', reservable: value, size: 50 })).sort();
  /** The 予約可 count of the unfiltered search (facets.reservable): the filter's own condition. */
  const counted = async (c: CatalogTenant) => (await search(t, c.slug, { q: '草枕', size: 50 })).facets.reservable;
  /** The titles whose record page offers the hold button. */
  const pageSays = async (c: CatalogTenant) => {
    const out: string[] = [];
    for (const [title, id] of Object.entries(ids[c.slug])) {
      const page = await t.http().get(`/api/t/${c.slug}/records/${id}`).expect(200);
      if (page.body.reservable.ok) out.push(title);
    }
    return out.sort();
  };

  it('a city without the rule: any loanable copy, owned or not', async () => {
    expect(await reservable(katori, true)).toEqual(Object.keys(SHAPES).sort());
    expect(await reservable(katori, false)).toEqual([]);
    expect(await reservable(katori, true)).toEqual(await pageSays(katori));
    expect(await counted(katori)).toBe(Object.keys(SHAPES).length);
  });

  it('a city with the rule: only records with a loanable copy of its own (not missing)', async () => {
    expect(await reservable(kita, true)).toEqual(['草枕 混在', '草枕 自館'].sort());
    expect(await reservable(kita, false)).toEqual(['草枕 他館', '草枕 他館貸出中', '草枕 自館不明'].sort());
    expect(await reservable(kita, true)).toEqual(await pageSays(kita));
    // the count agrees with the filter, where the availability counts would say 5
    expect(await counted(kita)).toBe(2);
  });

  it('with the rule and only copies that are out: its own copies decide, a copy it does not own on the shelf does not', async () => {
    await changePolicy(t, kita.slug, kita.token, (policy) => {
      policy.holds.reservable = 'only-on-loan';
    });
    try {
      expect(await reservable(kita, true)).toEqual(['草枕 混在']);
      expect(await counted(kita)).toBe(1);
      expect(await reservable(kita, true)).toEqual(await pageSays(kita));
      expect(await reservable(kita, false)).toEqual(Object.keys(SHAPES).filter((x) => x !== '草枕 混在').sort());
    } finally {
      await changePolicy(t, kita.slug, kita.token, (policy) => {
        policy.holds.reservable = 'any-loanable';
      });
    }
  });
});
