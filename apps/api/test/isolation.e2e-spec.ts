import { adminToken, createTenant, createTestApp, librarianToken, TestApp } from './support/app';

/**
 * Two tenants, hundreds of interleaved concurrent requests on the one shared pool: every
 * write lands in its own tenant's schema and every read sees only its own tenant's rows.
 */
describe('tenant isolation under interleaved load', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  let libA: string;
  let libB: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await adminToken(t);
    a = await createTenant(t, admin, 'katori');
    b = await createTenant(t, admin, 'koga');
    libA = await librarianToken(t, admin, a);
    libB = await librarianToken(t, admin, b);
  });
  afterAll(() => t.close());

  it('never lets one tenant see or write the other tenant’s rows', async () => {
    const N = 150;
    const ops: Promise<void>[] = [];
    const seen: { tenant: string; codes: string[] }[] = [];
    for (let i = 0; i < N; i++) {
      for (const [slug, token, label] of [
        [a, libA, 'A'],
        [b, libB, 'B'],
      ] as const) {
        ops.push(
          t
            .http()
            .post(`/api/t/${slug}/admin/branches`)
            .set('Authorization', `Bearer ${token}`)
            .send({ code: `${label}-${i}`, name: `${slug} 分館 ${i}` })
            .expect(201)
            .then(() => undefined),
        );
        ops.push(
          t
            .http()
            .get(`/api/t/${slug}/admin/branches`)
            .set('Authorization', `Bearer ${token}`)
            .expect(200)
            .then((res) => {
              seen.push({ tenant: slug, codes: res.body.map((x: { code: string }) => x.code) });
            }),
        );
      }
    }
    // shuffle so the two tenants' requests interleave on the pool
    await Promise.all(ops.sort(() => Math.random() - 0.5));
    expect(seen.length).toBe(2 * N);
    for (const s of seen) {
      const other = s.tenant === a ? 'B-' : 'A-';
      expect(s.codes.filter((c) => c.startsWith(other))).toEqual([]);
    }
    const finalA = await t.http().get(`/api/t/${a}/admin/branches`).set('Authorization', `Bearer ${libA}`).expect(200);
    const finalB = await t.http().get(`/api/t/${b}/admin/branches`).set('Authorization', `Bearer ${libB}`).expect(200);
    expect(finalA.body.filter((x: { code: string }) => x.code.startsWith('A-'))).toHaveLength(N);
    expect(finalB.body.filter((x: { code: string }) => x.code.startsWith('B-'))).toHaveLength(N);
    expect(finalA.body.some((x: { code: string }) => x.code.startsWith('B-'))).toBe(false);
  });

  it('rolls back a failed request: nothing half-written', async () => {
    // a pickup point for a branch that does not exist is refused; no row remains
    const res = await t
      .http()
      .post(`/api/t/${a}/admin/pickup-points`)
      .set('Authorization', `Bearer ${libA}`)
      .send({ code: 'ghost', name: 'ghost', kind: 'locker', branchCode: 'nowhere' })
      .expect(422);
    expect(res.body.code).toBe('BRANCH_NOT_FOUND');
    const list = await t.http().get(`/api/t/${a}/admin/pickup-points`).set('Authorization', `Bearer ${libA}`).expect(200);
    expect(list.body.map((p: { code: string }) => p.code)).not.toContain('ghost');
  });
});
