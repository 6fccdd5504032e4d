import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';
import { inTenant, waitForImport } from './support/catalog-factories';
import { tenantManager } from '@shiori/tenancy';
import { createPatron, patronLogin, temporaryPassword } from './support/patrons';

/**
 * A request must never hold its tenant transaction's connection while it waits for a second
 * one: with a pool of N, N such requests at once would each wait for ever. Patron sign-in
 * holds no request transaction (it counts failures in short transactions of its own, none
 * held during the password check), and staff sign-in works on platform tables without a
 * tenant transaction. Here a pool of 2 takes bursts of both at once.
 */
describe('sign-in bursts on a small pool', () => {
  let t: TestApp;
  let slug: string;
  let patronId: string;
  let card: string;
  let librarian: string;

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '2', RATE_LIMIT_PER_MINUTE: '100000' });
    const admin = await adminToken(t);
    slug = await createTenant(t, admin, 'katori');
    librarian = await librarianToken(t, admin, slug);
    card = '0001234';
    const p = await createPatron(t, slug, librarian, { cardNumber: card });
    patronId = p.id;
    await temporaryPassword(t, slug, librarian, patronId);
    // staff accounts for the burst
    for (let i = 0; i < 6; i++) {
      await t.http().post(`/api/platform/tenants/${slug}/staff`).set('Authorization', `Bearer ${admin}`)
        .send({ username: `burst${i}`, password: 'burst-password-1', role: 'librarian' }).expect(201);
    }
  });
  afterAll(() => t.close());

  // A request waiting for a second connection while it holds one would wait for ever (the pool
  // has no acquire timeout): the test's time limit (jest.config.js) catches that. How long the
  // answers take on a busy machine proves nothing and is not asserted.
  it('answers every request of a burst of failed patron sign-ins and staff sign-ins, and still counts the failures', async () => {
    const failed = Array.from({ length: 8 }, () => patronLogin(t, slug, card, 'wrong-password').then((r) => r.status));
    const staff = Array.from({ length: 6 }, (_, i) =>
      t.http().post(`/api/t/${slug}/staff/login`).send({ username: `burst${i}`, password: 'burst-password-1' }).then((r) => r.status),
    );
    const statuses = await Promise.all([...failed, ...staff]);
    // wrong password, or refused by the per-IP sign-in limit
    for (const s of statuses.slice(0, 8)) expect([401, 429]).toContain(s);
    expect(statuses.slice(8)).toEqual([200, 200, 200, 200, 200, 200]);
    // every wrong password was counted, from this address and from everywhere
    const rows = await inTenant(t, slug, () =>
      tenantManager().query(`SELECT source, failures FROM sign_in_failures WHERE account_key = $1 ORDER BY source`, [`login:${card}`]),
    );
    const counted = statuses.slice(0, 8).filter((s) => s === 401).length;
    expect(counted).toBeGreaterThan(0);
    expect(rows.map((r: { failures: number }) => r.failures)).toEqual([counted, counted]);
  });

  it('takes catalogue uploads, more at once than the pool has connections, and imports each', async () => {
    // an upload takes its import's lock inside its request's tenant transaction (ImportLock):
    // on a connection of its own, or four uploads on a pool of two would wait on each other
    const uploads = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.http().post(`/api/t/${slug}/admin/imports`).set('Authorization', `Bearer ${librarian}`)
          .attach('file', Buffer.from(`title,author,isbn\n一斉取込 ${i} の本,著者 ${i},\n`), `burst-${i}.csv`),
      ),
    );
    expect(uploads.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const c = { slug, token: librarian, branches: [] };
    for (const u of uploads) expect(await waitForImport(t, c, u.body.id)).toMatchObject({ status: 'done', created: 1, rejected: [] });
    const [row] = await inTenant(t, slug, () => tenantManager().query(`SELECT count(*)::int AS n FROM records WHERE title LIKE '一斉取込 %'`));
    expect(row.n).toBe(4);
  });
});
