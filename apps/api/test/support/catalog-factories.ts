import type { SearchResult } from '@shiori/contracts';
import { runInTenant, tenantManager } from '@shiori/tenancy';
import { TenantRegistry } from '../../src/engine/tenancy/tenant-registry.service';
import { buildSearchDocument } from '../../src/modules/catalog/search/document';
import { adminToken, createTenant, librarianToken, TestApp } from './app';

export interface CatalogTenant {
  slug: string;
  token: string;
  /** branch codes of the tenant's preset, in display order */
  branches: string[];
}

/** Two tenants (two presets) with a librarian each: every catalogue suite shows isolation. */
export async function twoCatalogTenants(t: TestApp, presetA = 'katori', presetB = 'koga'): Promise<[CatalogTenant, CatalogTenant]> {
  const admin = await adminToken(t);
  const out: CatalogTenant[] = [];
  for (const preset of [presetA, presetB]) {
    const slug = await createTenant(t, admin, preset);
    const token = await librarianToken(t, admin, slug);
    const branches = await inTenant(t, slug, async () =>
      (await tenantManager().query(`SELECT code FROM branches ORDER BY sort, code`)).map((b: { code: string }) => b.code),
    );
    out.push({ slug, token, branches });
  }
  return out as [CatalogTenant, CatalogTenant];
}

/** Runs `fn` inside the tenant's schema (for setting up loans, holds and other rows the desk would make). */
export async function inTenant<T>(t: TestApp, slug: string, fn: () => Promise<T>): Promise<T> {
  const tenant = await t.app.get(TenantRegistry).findBySlug(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  return runInTenant(t.ds, tenant, fn);
}

export interface RecordInput {
  title: string;
  titleReading?: string;
  subtitle?: string;
  authors?: { name: string; reading?: string }[];
  publisher?: string;
  publishedYear?: number;
  isbn?: string;
  materialType?: string;
  series?: string;
  volume?: string;
  ndc?: string;
  controlNumber?: string;
  receivedAt?: string;
  items?: { barcode: string; branchCode: string; loanable?: boolean; shelfLocation?: string; callNumber?: string }[];
}

let barcodeSeq = 0;
/** A barcode no other test in this process uses. */
export function barcode(prefix = 'T'): string {
  barcodeSeq++;
  return `${prefix}${process.pid}${String(barcodeSeq).padStart(6, '0')}`;
}

/** Catalogues a record through the librarians' API; returns the created record. */
export async function createRecord(t: TestApp, c: CatalogTenant, r: RecordInput) {
  const res = await t.http().post(`/api/t/${c.slug}/admin/records`).set('Authorization', `Bearer ${c.token}`).send(r);
  if (res.status !== 201) throw new Error(`createRecord ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; title: string; items: { barcode: string; status: string }[]; availability: { total: number; available: number; onLoan: number; status: string } };
}

/** GET search with a query object; returns the body. */
export async function search(t: TestApp, slug: string, query: Record<string, string | number | boolean>) {
  const res = await t.http().get(`/api/t/${slug}/search`).query(query);
  if (res.status !== 200) throw new Error(`search ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SearchResult;
}

export function titles(body: { hits: { title: string }[] }): string[] {
  return body.hits.map((h) => h.title);
}

/** Sets copy statuses as the circulation desk would leave them (e.g. on loan). */
export async function setItemStatus(t: TestApp, slug: string, barcodeValue: string, status: string): Promise<void> {
  await inTenant(t, slug, () => tenantManager().query(`UPDATE items SET status = $2 WHERE barcode = $1`, [barcodeValue, status]));
}

let cardSeq = 0;
/** A patron row for loans and holds made directly in the schema (card number unique per run). */
export async function insertPatron(t: TestApp, slug: string, card = `9${process.pid}${String(++cardSeq).padStart(4, '0')}`): Promise<string> {
  return inTenant(t, slug, async () => {
    const rows = await tenantManager().query(
      `INSERT INTO patrons (card_number, name, name_kana) VALUES ($1, '図書 太郎', 'トショ タロウ') RETURNING id`,
      [card],
    );
    return rows[0].id as string;
  });
}

/** A loan of a copy at a given time (returned at once, so the copy stays on the shelf), as the desk records it. */
export async function insertLoan(t: TestApp, slug: string, patronId: string, itemBarcode: string, loanedAt: string): Promise<void> {
  await inTenant(t, slug, () =>
    tenantManager().query(
      `INSERT INTO loans (item_id, patron_id, branch_code, loaned_at, due_date, returned_at, policy_version)
       SELECT i.id, $2, i.branch_code, $3::timestamptz, ($3::timestamptz + interval '14 days')::date, $3::timestamptz + interval '1 day', 1
         FROM items i WHERE i.barcode = $1`,
      [itemBarcode, patronId, loanedAt],
    ),
  );
}

/** A hold placed at a given time, at the library's first pickup point or at `pickupPointCode`. */
export async function insertHold(t: TestApp, slug: string, patronId: string, recordId: string, placedAt: string, status = 'waiting', pickupPointCode?: string): Promise<void> {
  await inTenant(t, slug, () =>
    tenantManager().query(
      `INSERT INTO holds (patron_id, record_id, status, pickup_point_code, placed_at, policy_version)
       SELECT $1, $2, $4, code, $3::timestamptz, 1 FROM pickup_points WHERE $5::text IS NULL OR code = $5 ORDER BY sort LIMIT 1`,
      [patronId, recordId, placedAt, status, pickupPointCode ?? null],
    ),
  );
}

/**
 * Many records at once, straight into the schema with the same search columns the API
 * writes (for result sets larger than the search's match cap).
 */
export async function bulkRecords(
  t: TestApp,
  slug: string,
  n: number,
  make: (i: number) => { title: string; titleReading?: string; receivedAt: string; publishedYear?: number },
): Promise<void> {
  await inTenant(t, slug, async () => {
    const rows = Array.from({ length: n }, (_, i) => {
      const r = make(i);
      return { ...r, doc: buildSearchDocument({ title: r.title, titleReading: r.titleReading }) };
    });
    await tenantManager().query(
      `INSERT INTO records (title, title_reading, received_at, published_year, search, search_text, title_sort)
       SELECT title, reading, received::date, year, search::tsvector, search_text, title_sort
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS x(title, reading, received, year, search, search_text, title_sort)`,
      [
        rows.map((r) => r.title),
        rows.map((r) => r.titleReading ?? null),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.publishedYear ?? null),
        rows.map((r) => r.doc.search),
        rows.map((r) => r.doc.searchText),
        rows.map((r) => r.doc.titleSort),
      ],
    );
  });
}

/** Polls an import until it leaves `running`. */
export async function waitForImport(t: TestApp, c: CatalogTenant, id: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/t/${c.slug}/admin/imports/${id}`).set('Authorization', `Bearer ${c.token}`).expect(200);
    if (res.body.status !== 'running') return res.body as { status: string; total: number; processed: number; created: number; updated: number; rejected: { index: number; reason: string }[]; warnings: unknown[]; format: string; error: string | null };
    if (Date.now() > until) throw new Error(`import ${id} still running: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
