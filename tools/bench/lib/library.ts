export { benchDatabase } from './bench-database';

/** A JSON POST to the API: the status and the parsed body (null when there is none). */
export function poster(apiUrl: string) {
  // `any` body: each caller reads the fields it expects
  return async (p: string, body: unknown, token?: string): Promise<{ status: number; body: any }> => {
    const r = await fetch(`${apiUrl}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

/** A new `katori` library for a benchmark, through the API as regional IT would make it, with a signed-in librarian. */
export async function benchLibrary(apiUrl: string, adminPassword: string, slugPrefix: string): Promise<{ slug: string; staff: string }> {
  const post = poster(apiUrl);
  const admin = (await post('/api/platform/login', { username: 'admin', password: adminPassword })).body.token;
  const slug = `${slugPrefix}${Date.now().toString(36)}`.slice(0, 30);
  const created = await post('/api/platform/tenants', { slug, name: 'ベンチ市立図書館', preset: 'katori' }, admin);
  if (created.status !== 201) throw new Error(`tenant: ${JSON.stringify(created.body)}`);
  await post(`/api/platform/tenants/${slug}/staff`, { username: 'bench-librarian', password: 'bench-librarian-1', role: 'librarian' }, admin);
  const staff = (await post(`/api/t/${slug}/staff/login`, { username: 'bench-librarian', password: 'bench-librarian-1' })).body.token;
  return { slug, staff };
}
