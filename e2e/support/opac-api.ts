import { ADMIN_PASSWORD } from './server';

/**
 * Test data for the OPAC browser tests, made through the public API as the desk and the
 * regional office would: a tenant from a city preset, a librarian, records, patrons, loans.
 */
export class OpacFixture {
  private staffToken = '';

  private constructor(
    readonly url: string,
    readonly slug: string,
  ) {}

  static async create(url: string, preset: string): Promise<OpacFixture> {
    const platform = await call<{ token: string }>(url, 'POST', '/api/platform/login', { username: 'admin', password: ADMIN_PASSWORD });
    const slug = `${preset.replace(/\d/g, '')}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.slice(0, 30);
    await call(url, 'POST', '/api/platform/tenants', { slug, name: `${preset} e2e`, preset }, platform.token);
    await call(url, 'POST', `/api/platform/tenants/${slug}/staff`, { username: 'librarian', password: 'librarian-pass-1', role: 'librarian' }, platform.token);
    const f = new OpacFixture(url, slug);
    const staff = await call<{ token: string }>(url, 'POST', `/api/t/${slug}/staff/login`, { username: 'librarian', password: 'librarian-pass-1' });
    f.staffToken = staff.token;
    return f;
  }

  /** `/opac/{slug}/…` */
  page(path = ''): string {
    return `${this.url}/opac/${this.slug}/${path.replace(/^\//, '')}`;
  }

  staff<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(this.url, method, `/api/t/${this.slug}${path}`, body, this.staffToken);
  }

  async record(input: { title: string; titleReading?: string; author?: string; branchCode: string; barcodes: string[]; loanable?: boolean; volume?: string }): Promise<{ id: string }> {
    return this.staff('POST', '/admin/records', {
      title: input.title,
      titleReading: input.titleReading,
      volume: input.volume,
      authors: input.author ? [{ name: input.author }] : [],
      publisher: 'e2e出版',
      publishedYear: 2024,
      materialType: 'book',
      ndc: '913.6',
      items: input.barcodes.map((barcode) => ({ barcode, branchCode: input.branchCode, loanable: input.loanable ?? true })),
    });
  }

  async patron(input: { cardNumber: string; name: string; nameKana: string; birthDate: string; phone?: string; email?: string }): Promise<{ id: string }> {
    return this.staff('POST', '/admin/patrons', input);
  }

  async temporaryPassword(patronId: string): Promise<string> {
    const r = await this.staff<{ temporaryPassword: string }>('POST', `/admin/patrons/${patronId}/temporary-password`);
    return r.temporaryPassword;
  }

  /** Online registration as the patron would do it (cities that offer it). */
  async registerPassword(cardNumber: string, password: string, identity: Record<string, string>, termsAccepted?: boolean): Promise<void> {
    await call(this.url, 'POST', `/api/t/${this.slug}/auth/register-password`, { cardNumber, password, passwordConfirm: password, identity, termsAccepted });
  }

  checkout(cardNumber: string, itemBarcode: string): Promise<{ id: string; dueDate: string }> {
    return this.staff('POST', '/desk/checkouts', { cardNumber, itemBarcode });
  }

  /** A patron's own call with a bearer token (no CSRF needed). */
  async asPatron(cardNumber: string, password: string): Promise<<T = unknown>(method: string, path: string, body?: unknown) => Promise<T>> {
    const login = await call<{ token: string }>(this.url, 'POST', `/api/t/${this.slug}/auth/login`, { cardNumber, password });
    return <T>(method: string, path: string, body?: unknown) => call<T>(this.url, method, `/api/t/${this.slug}${path}`, body, login.token);
  }

  async updatePolicy(change: (policy: Record<string, any>) => void): Promise<void> {
    const policy = await this.staff<Record<string, any>>('GET', '/admin/policy');
    change(policy);
    await this.staff('PUT', '/admin/policy', policy);
  }
}

async function call<T = unknown>(url: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
