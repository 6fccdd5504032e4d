import { addDays, checkDigitFor, getPreset, Policy } from '@shiori/policy';
import { quotedTenantSchema } from '@shiori/tenancy';
import type { Response } from 'supertest';
import { SessionsService } from '../../src/engine/auth/sessions.service';
import { tokyoDate } from '../../src/engine/time';
import { createTenant, librarianToken, TestApp } from './app';

/**
 * Factories for the circulation and holds suites. Until the patron and catalogue APIs are
 * in every branch, patrons, records and copies are written straight into the tenant schema
 * (the one place tests name a schema is `quotedTenantSchema`), and patron sessions are made
 * with the real SessionsService, so every request still goes through the real HTTP app.
 */
export interface Library {
  t: TestApp;
  slug: string;
  preset: string;
  tenantId: string;
  /** A librarian's bearer token. */
  staff: string;
  schema: string;
}

export interface SeededPatron {
  id: string;
  cardNumber: string;
  name: string;
  token: string;
}

export interface SeededRecord {
  id: string;
  title: string;
  barcodes: string[];
}

let seq = 0;
const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`.toUpperCase();
function next(): number {
  return ++seq;
}

export const today = (): string => tokyoDate();
export const day = (offset: number): string => addDays(tokyoDate(), offset);
/** An ISO time `days` days ago at 10:00 in Japan. */
export const daysAgoAt10 = (days: number): string => `${day(-days)}T10:00:00+09:00`;

export async function setupLibrary(t: TestApp, admin: string, preset: string): Promise<Library> {
  const slug = await createTenant(t, admin, preset);
  const staff = await librarianToken(t, admin, slug);
  const [{ id }] = await t.ds.query(`SELECT id FROM platform.tenants WHERE slug = $1`, [slug]);
  return { t, slug, preset, tenantId: id, staff, schema: quotedTenantSchema(slug) };
}

/** A card number valid under the preset's card rules (length, fixed prefix, check digit). */
export function cardNumberFor(preset: string): string {
  const card = getPreset(preset)!.policy.card;
  const len = Math.min(Math.max(card.minLength, 8), card.maxLength);
  const check = card.checkDigit !== 'none' ? 1 : 0;
  const prefix = card.fixedPrefix ?? '';
  const width = len - check - prefix.length;
  const n = String(next() * 7919 + (process.pid % 1000) * 100003).slice(-width).padStart(width, '0');
  const body = prefix + n;
  return check ? body + checkDigitFor(body, card.checkDigit) : body;
}

export async function seedPatron(
  lib: Library,
  opts: { name?: string; category?: string; email?: string | null; expiresAt?: string | null; status?: 'active' | 'blocked'; cardNumber?: string } = {},
): Promise<SeededPatron> {
  const cardNumber = opts.cardNumber ?? cardNumberFor(lib.preset);
  const name = opts.name ?? `利用者${next()}`;
  const [{ id }] = await lib.t.ds.query(
    `INSERT INTO ${lib.schema}.patrons (card_number, name, name_kana, category, email, expires_at, status)
     VALUES ($1,$2,'リヨウシャ',$3,$4,$5,$6) RETURNING id`,
    [cardNumber, name, opts.category ?? 'general', opts.email === undefined ? `p${next()}@example.jp` : opts.email, opts.expiresAt ?? null, opts.status ?? 'active'],
  );
  const { token } = await lib.t.app
    .get(SessionsService)
    .create({ kind: 'patron', patronId: id, tenantId: lib.tenantId, mustChangePassword: false });
  return { id, cardNumber, name, token };
}

export interface CopySpec {
  branchCode: string;
  loanable?: boolean;
  owned?: boolean;
  status?: string;
  materialType?: string;
}

export async function seedRecord(
  lib: Library,
  opts: { title?: string; materialType?: string; series?: string; volume?: string; volumeSort?: number; copies: CopySpec[] },
): Promise<SeededRecord> {
  const title = opts.title ?? `資料${next()}`;
  const [{ id }] = await lib.t.ds.query(
    `INSERT INTO ${lib.schema}.records (title, material_type, series, volume, volume_sort) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [title, opts.materialType ?? 'book', opts.series ?? null, opts.volume ?? null, opts.volumeSort ?? null],
  );
  const barcodes: string[] = [];
  for (const c of opts.copies) {
    const barcode = `B${runTag}${next()}`;
    await lib.t.ds.query(
      `INSERT INTO ${lib.schema}.items (record_id, barcode, branch_code, loanable, owned, status, material_type) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, barcode, c.branchCode, c.loanable ?? true, c.owned ?? true, c.status ?? 'on-shelf', c.materialType ?? null],
    );
    barcodes.push(barcode);
  }
  return { id, title, barcodes };
}

/** Bearer auth header. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Thin HTTP helpers on one library; each returns the supertest response (no status assumed). */
export function api(lib: Library) {
  const base = `/api/t/${lib.slug}`;
  const http = lib.t.http;
  return {
    get: (path: string, token = lib.staff) => http().get(base + path).set(bearer(token)),
    post: (path: string, body: object = {}, token = lib.staff) => http().post(base + path).set(bearer(token)).send(body),
    patch: (path: string, body: object, token = lib.staff) => http().patch(base + path).set(bearer(token)).send(body),
    delete: (path: string, token = lib.staff) => http().delete(base + path).set(bearer(token)),
    checkout: (cardNumber: string, itemBarcode: string, extra: object = {}) =>
      http().post(`${base}/desk/checkouts`).set(bearer(lib.staff)).send({ cardNumber, itemBarcode, ...extra }),
    checkin: (itemBarcode: string, extra: object = {}) =>
      http().post(`${base}/desk/checkins`).set(bearer(lib.staff)).send({ itemBarcode, ...extra }),
    placeHolds: (token: string, body: object) => http().post(`${base}/me/holds`).set(bearer(token)).send(body),
    myHolds: (token: string) => http().get(`${base}/me/holds`).set(bearer(token)),
    myLoans: (token: string) => http().get(`${base}/me/loans`).set(bearer(token)),
  };
}

/** Fails with the response body in the message, which says far more than a bare status. */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** Changes the tenant's policy through the admin API (a new policy version). */
export async function changePolicy(lib: Library, change: (p: Policy) => void): Promise<number> {
  const cur = expectStatus(await api(lib).get('/admin/policy'), 200).body;
  const { version: _v, changedBy: _b, changedAt: _a, ...policy } = cur;
  change(policy as Policy);
  const res = expectStatus(await lib.t.http().put(`/api/t/${lib.slug}/admin/policy`).set(bearer(lib.staff)).send(policy), 200);
  return res.body.version;
}

export async function addClosedDay(lib: Library, date: string, branchCode?: string): Promise<void> {
  expectStatus(await api(lib).post('/admin/closed-days', { date, ...(branchCode ? { branchCode } : {}) }), 201);
}

/** Moves a ready hold's last shelf day (as if days had passed), straight in the tenant schema. */
export async function setHoldLastDay(lib: Library, holdId: string, lastDay: string): Promise<void> {
  await lib.t.ds.query(`UPDATE ${lib.schema}.holds SET expires_at = $2 WHERE id = $1`, [holdId, lastDay]);
}

/** Outbox mails of a kind for one patron. */
export async function mails(lib: Library, kind: string, patronId: string): Promise<{ to_address: string; subject: string; body: string }[]> {
  return lib.t.ds.query(`SELECT to_address, subject, body FROM ${lib.schema}.outbox WHERE kind = $1 AND patron_id = $2 ORDER BY id`, [kind, patronId]);
}
