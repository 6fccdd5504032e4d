import type { EntityManager } from 'typeorm';
import { quotedTenantSchema } from '@shiori/tenancy';
import { buildSearchDocument } from '../../src/modules/catalog/search/document';
import { TestApp } from './app';
import { createPatron, PatronInput, patronLogin, temporaryPassword } from './patrons';

/**
 * SQL factories for the notice suites: records, copies and loans written straight into a
 * tenant schema (as the desk would leave them), so a notice job has something to find on
 * the day the test chooses.
 */
let seq = 0;

/** Runs SQL the way the app does: one transaction bound to the tenant's schema (triggers resolve their tables there too). */
export function inTenant<T>(t: TestApp, slug: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  return t.ds.transaction(async (m) => {
    await m.query(`SET LOCAL search_path TO ${quotedTenantSchema(slug)}, platform`);
    return fn(m);
  });
}

const unique = () => `${Date.now().toString(36)}${process.pid.toString(36)}${++seq}`;

export interface RecordInput {
  title: string;
  titleReading?: string;
  authors?: { name: string; reading?: string }[];
  publisher?: string;
  volume?: string;
  materialType?: string;
  /** How long ago the record entered the catalogue, as a PostgreSQL interval ('1 hour'). */
  createdAgo?: string;
}

export async function insertRecord(t: TestApp, slug: string, r: RecordInput): Promise<string> {
  const doc = buildSearchDocument({ title: r.title, titleReading: r.titleReading, authors: r.authors, publisher: r.publisher });
  const [row] = await inTenant(t, slug, (m) => m.query(
    `INSERT INTO records (title, title_reading, authors, publisher, volume, material_type, search, search_text, title_sort, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7::tsvector,$8,$9, now() - $10::interval) RETURNING id`,
    [r.title, r.titleReading ?? null, JSON.stringify(r.authors ?? []), r.publisher ?? null, r.volume ?? null, r.materialType ?? 'book', doc.search, doc.searchText, doc.titleSort, r.createdAgo ?? '0'],
  ));
  return row.id;
}

export async function firstBranch(t: TestApp, slug: string): Promise<string> {
  const [b] = await inTenant(t, slug, (m) => m.query(`SELECT code FROM branches WHERE NOT is_bookmobile ORDER BY sort LIMIT 1`));
  return b.code;
}

export async function insertItem(t: TestApp, slug: string, recordId: string, opts: { status?: string; branchCode?: string } = {}): Promise<{ id: string; barcode: string }> {
  const barcode = `T${unique()}`.slice(0, 30);
  const branch = opts.branchCode ?? (await firstBranch(t, slug));
  const [row] = await inTenant(t, slug, (m) =>
    m.query(`INSERT INTO items (record_id, barcode, branch_code, status) VALUES ($1,$2,$3,$4) RETURNING id`, [recordId, barcode, branch, opts.status ?? 'on-shelf']),
  );
  return { id: row.id, barcode };
}

/** An open loan of a new copy of a new record, due on `dueDate`. */
export async function insertLoan(t: TestApp, slug: string, l: { patronId: string; title: string; volume?: string; dueDate: string }) {
  const recordId = await insertRecord(t, slug, { title: l.title, volume: l.volume });
  const item = await insertItem(t, slug, recordId, { status: 'on-loan' });
  const [loan] = await inTenant(t, slug, async (m) => {
    // read first: Citus takes no subquery inside INSERT … VALUES
    const [{ branch, version }] = await m.query(
      `SELECT (SELECT branch_code FROM items WHERE id = $1) AS branch, (SELECT max(version) FROM policy_versions) AS version`,
      [item.id],
    );
    return m.query(
      `INSERT INTO loans (item_id, patron_id, branch_code, loaned_at, due_date, policy_version)
       VALUES ($1,$2,$4, $3::date - 14, $3::date, $5)
       RETURNING id`,
      [item.id, l.patronId, l.dueDate, branch, version],
    );
  });
  return { loanId: loan.id as string, recordId, itemBarcode: item.barcode };
}

export async function setPatron(t: TestApp, slug: string, patronId: string, set: { remindersOptIn?: boolean; expiresAt?: string | null; email?: string | null }) {
  await t.ds.query(
    `UPDATE ${quotedTenantSchema(slug)}.patrons
        SET reminders_opt_in = coalesce($2, reminders_opt_in),
            expires_at = CASE WHEN $3 THEN $4::date ELSE expires_at END,
            email = CASE WHEN $5 THEN $6 ELSE email END
      WHERE id = $1`,
    [patronId, set.remindersOptIn ?? null, 'expiresAt' in set, set.expiresAt ?? null, 'email' in set, set.email ?? null],
  );
}

/** A patron with a usable web password (temporary password from the desk, then changed), and a bearer token. */
export async function signedInPatron(t: TestApp, slug: string, librarian: string, p: PatronInput & { password: string }) {
  const { password, ...input } = p;
  const patron = await createPatron(t, slug, librarian, input);
  const temp = await temporaryPassword(t, slug, librarian, patron.id);
  const login = await patronLogin(t, slug, patron.cardNumber, temp).expect(200);
  const token: string = login.body.token;
  await t
    .http()
    .put(`/api/t/${slug}/me/password`)
    .set('Authorization', `Bearer ${token}`)
    .send({ currentPassword: temp, newPassword: password })
    .expect(200);
  return { id: patron.id, cardNumber: patron.cardNumber, token, auth: { Authorization: `Bearer ${token}` } };
}

/** Changes the policy through the librarians' API (a new version). */
export async function changePolicy(t: TestApp, slug: string, librarian: string, change: (policy: Record<string, any>) => void) {
  const auth = { Authorization: `Bearer ${librarian}` };
  const { body } = await t.http().get(`/api/t/${slug}/admin/policy`).set(auth).expect(200);
  const { version, changedBy, changedAt, ...policy } = body;
  void version;
  void changedBy;
  void changedAt;
  change(policy);
  await t.http().put(`/api/t/${slug}/admin/policy`).set(auth).send(policy).expect(200);
}

/** Lets the outbox's backoff pass, as if the retry time had come. */
export async function backoffPassed(t: TestApp, slug: string) {
  await t.ds.query(`UPDATE ${quotedTenantSchema(slug)}.outbox SET next_attempt_at = now() WHERE status = 'pending'`);
}

export async function outboxRows(t: TestApp, slug: string) {
  return t.ds.query(
    `SELECT id::text, kind, to_address AS "to", status, attempts, last_error AS "lastError", idempotency_key AS key FROM ${quotedTenantSchema(slug)}.outbox ORDER BY id`,
  ) as Promise<{ id: string; kind: string; to: string; status: string; attempts: number; lastError: string | null; key: string }[]>;
}

/** A day as the Japanese mails write it ('2031-03-09' → '2031年3月9日'), for expectations. */
export function jaDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
