import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from './server';

/** A JSON call to the API with a bearer token (no CSRF needed); throws with the body on failure. */
export async function api<T = unknown>(base: string, path: string, opts: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${opts.method ?? 'GET'} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Library {
  slug: string;
  name: string;
  librarian: { username: string; password: string };
  /** The librarian's bearer token, for setting data up through the API. */
  token: string;
}

/** A fresh library from a preset, with one librarian account. */
export async function provisionLibrary(base: string, preset = 'katori', name = '香取市立図書館'): Promise<Library> {
  const admin = await platformToken(base);
  const slug = `${preset}${Date.now().toString(36)}`.slice(0, 30);
  await api(base, '/platform/tenants', { token: admin, body: { slug, name, preset } });
  const librarian = { username: 'librarian1', password: 'e2e-librarian-password' };
  await api(base, `/platform/tenants/${slug}/staff`, { token: admin, body: { ...librarian, role: 'librarian', displayName: '図書 花子' } });
  const login = await api<{ token: string }>(base, `/t/${slug}/staff/login`, { body: librarian });
  return { slug, name, librarian, token: login.token };
}

export async function createPatron(base: string, lib: Library, cardNumber: string, name: string, nameKana: string): Promise<{ id: string }> {
  return api(base, `/t/${lib.slug}/admin/patrons`, { token: lib.token, body: { cardNumber, name, nameKana, birthDate: '1980-04-01' } });
}

export async function createRecord(base: string, lib: Library, title: string, barcode: string, branchCode = 'sawara', loanable = true): Promise<{ id: string }> {
  return api(base, `/t/${lib.slug}/admin/records`, {
    token: lib.token,
    body: { title, authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }], publishedYear: 1906, items: [{ barcode, branchCode, loanable }] },
  });
}

/**
 * Gives a patron a password of their own, as the desk and the patron would: a temporary one
 * from the counter, changed at the first sign-in when the policy asks. Returns the password
 * the patron now signs in with.
 */
export async function patronPassword(base: string, lib: Library, patronId: string, cardNumber: string): Promise<string> {
  const { temporaryPassword } = await api<{ temporaryPassword: string }>(base, `/t/${lib.slug}/admin/patrons/${patronId}/temporary-password`, { token: lib.token, body: {} });
  const first = await api<{ token: string; mustChangePassword: boolean }>(base, `/t/${lib.slug}/auth/login`, { body: { cardNumber, password: temporaryPassword } });
  if (!first.mustChangePassword) return temporaryPassword;
  const password = 'Hold+2026';
  await api(base, `/t/${lib.slug}/me/password`, { method: 'PUT', token: first.token, body: { currentPassword: temporaryPassword, newPassword: password } });
  return password;
}

/** A patron with a password of their own, signed in: the temporary password is changed as the policy asks. */
export async function patronToken(base: string, lib: Library, patronId: string, cardNumber: string): Promise<string> {
  const password = await patronPassword(base, lib, patronId, cardNumber);
  const login = await api<{ token: string }>(base, `/t/${lib.slug}/auth/login`, { body: { cardNumber, password } });
  return login.token;
}

/** The regional admin's bearer token, for setting data up through the platform API. */
export async function platformToken(base: string): Promise<string> {
  const admin = await api<{ token: string }>(base, '/platform/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  return admin.token;
}

/** Signs a librarian in through the console's login page and waits for the dashboard. */
export async function signInLibrarian(page: Page, base: string, lib: Library): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel(/図書館コード/).fill(lib.slug);
  await page.getByLabel(/ユーザー名/).fill(lib.librarian.username);
  await page.getByLabel(/パスワード/).first().fill(lib.librarian.password);
  await page.getByRole('button', { name: /^ログイン$/ }).click();
  await page.getByRole('heading', { name: lib.name }).waitFor();
}

/** Signs regional IT (広域管理者, the platform's admin) in through the console's login page. */
export async function signInRegionalIt(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByText('広域管理者').first().click();
  await page.getByLabel(/ユーザー名/).first().fill('admin');
  await page.getByLabel(/パスワード/).first().fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: /^ログイン$/ }).click();
  await page.getByRole('heading', { name: '図書館一覧' }).waitFor();
}

/** Today in Japan (the library day) plus `days`, as YYYY-MM-DD. */
export function tokyoDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Follows a link of the admin console's side navigation (its label in the page's language). */
export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /管理メニュー|Admin menu/ }).getByRole('link', { name, exact: true }).click();
