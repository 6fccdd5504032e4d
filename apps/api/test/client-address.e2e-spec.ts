import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './support/app';
import { postFrom, startReverseProxy } from './support/reverse-proxy';

/** The per-address limit of `POST /api/platform/login` (PlatformController). */
const LOGIN_LIMIT = 30;

/**
 * Issue #22, item 3: per-address limits must count the real client, whatever it writes in
 * X-Forwarded-For. TRUST_PROXY believes only the configured proxy hops or proxy addresses.
 */
describe('client address: X-Forwarded-For is believed from configured proxies only', () => {
  const wrong = (i: number) => ({ username: `nobody-${i}`, password: 'wrong-password' });

  describe('behind one reverse proxy (TRUST_PROXY=1, as docker/compose.yaml)', () => {
    let t: TestApp;
    let proxy: Awaited<ReturnType<typeof startReverseProxy>>;

    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '1' });
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      proxy = await startReverseProxy(`http://127.0.0.1:${port}`);
    });
    afterAll(async () => {
      await proxy.close();
      await t.close();
    });

    it('a client rotating X-Forwarded-For through the proxy is still one address: the sign-in limit holds, and only for it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_LIMIT; i++) {
        const spoofed = `198.51.100.${i + 1}`;
        const res = await postFrom('127.0.0.2', `${proxy.url}/api/platform/login`, wrong(i), { 'X-Forwarded-For': spoofed });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, LOGIN_LIMIT)).toEqual(Array(LOGIN_LIMIT).fill(401));
      expect(statuses[LOGIN_LIMIT]).toBe(429);
      const more = await postFrom('127.0.0.2', `${proxy.url}/api/platform/login`, wrong(99), { 'X-Forwarded-For': '203.0.113.77' });
      expect(more).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
      expect(more.body.retryAfterSeconds).toBeGreaterThan(0);
      // another client behind the same proxy is counted on its own
      const other = await postFrom('127.0.0.3', `${proxy.url}/api/platform/login`, wrong(100));
      expect(other).toMatchObject({ status: 401, body: { code: 'LOGIN_FAILED' } });
    });
  });

  describe('the API port reached directly, TRUST_PROXY naming the proxy’s address', () => {
    let t: TestApp;

    beforeAll(async () => {
      // the test client (127.0.0.1) is not the proxy, so its X-Forwarded-For means nothing
      t = await createTestApp({ TRUST_PROXY: '192.0.2.10' });
    });
    afterAll(() => t.close());

    it('ignores the X-Forwarded-For a client sends itself: 30 rotating values, then 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_LIMIT; i++) {
        const res = await t.http().post('/api/platform/login').set('X-Forwarded-For', `198.51.100.${i + 1}`).send(wrong(i));
        statuses.push(res.status);
      }
      expect(statuses.slice(0, LOGIN_LIMIT)).toEqual(Array(LOGIN_LIMIT).fill(401));
      expect(statuses[LOGIN_LIMIT]).toBe(429);
    });
  });
});
