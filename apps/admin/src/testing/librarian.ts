import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Routes, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { defaultPolicy, Policy } from '@shiori/policy';
import type { PolicyDocument } from '@shiori/contracts';
import { API_LOCATION } from '../app/core/api';

/** Specs of librarian screens: a signed-in librarian of `katori`, the API faked by HttpTestingController. */
export const SLUG = 'katori';
export const BASE = `/api/t/${SLUG}`;

export const BRANCHES = [
  { code: 'sawara', name: '佐原中央図書館', nameEn: 'Sawara Central Library', askPickupPoint: false, isBookmobile: false, active: true },
  { code: 'omigawa', name: '小見川図書館', nameEn: null, askPickupPoint: false, isBookmobile: false, active: true },
];
export const PICKUP_POINTS = [
  { code: 'sawara-counter', name: '佐原中央図書館 窓口', nameEn: null, kind: 'counter', branchCode: 'sawara', timetable: [], active: true },
  {
    code: 'omigawa-counter',
    name: '小見川図書館 窓口',
    nameEn: null,
    kind: 'counter',
    branchCode: 'omigawa',
    timetable: [],
    active: true,
    note: { ja: '受取窓口は2階です。', en: 'The pickup counter is on the 2nd floor.' },
  },
];

export function policyDocument(changes: (p: Policy) => void = () => undefined): PolicyDocument {
  const p = defaultPolicy();
  p.card = { ...p.card, minLength: 7, maxLength: 7, example: '1234567' };
  changes(p);
  return { version: 3, changedBy: 'tanaka', changedAt: '2026-04-01T10:00:00+09:00', ...p };
}

export interface Harness {
  http: HttpTestingController;
  harness: RouterTestingHarness;
  page: HTMLElement;
  snackBar: { open: jest.Mock };
  stable: () => Promise<void>;
}

/** Opens `component` at `path` (a route pattern such as `patrons/:id`), navigating to `url` (default: the path). */
export async function startLibrarianPage(
  component: Type<unknown>,
  path: string,
  routes: Routes = [],
  providers: unknown[] = [],
  url: string = path,
): Promise<Harness> {
  localStorage.clear();
  sessionStorage.setItem(
    'shiori.admin.session',
    JSON.stringify({ kind: 'librarian', username: 'tanaka', displayName: '田中', tenant: { slug: SLUG, name: '香取市立図書館' } }),
  );
  const snackBar = { open: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: path.replace(/^\//, ''), component }, ...routes], withComponentInputBinding()),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
      { provide: MatSnackBar, useValue: snackBar },
      ...(providers as never[]),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const stable = async () => {
    await harness.fixture.whenStable();
    harness.fixture.detectChanges();
    await harness.fixture.whenStable();
  };
  return { http, harness, page: harness.routeNativeElement!, snackBar, stable };
}

/** Answers the Library's first loads (policy, branches, pickup points) when they were asked. */
export function flushLibrary(http: HttpTestingController, doc = policyDocument()): void {
  for (const r of http.match(`${BASE}/admin/policy`)) r.flush(doc);
  for (const r of http.match(`${BASE}/admin/branches`)) r.flush(BRANCHES);
  for (const r of http.match(`${BASE}/admin/pickup-points`)) r.flush(PICKUP_POINTS);
}

export function typeInto(input: HTMLInputElement | null, value: string): void {
  if (!input) throw new Error('no such field');
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

export function pressEnter(input: HTMLElement | null): void {
  if (!input) throw new Error('no such field');
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
}

/** The first write asks for the CSRF token. */
export function flushCsrf(http: HttpTestingController): void {
  for (const r of http.match('/api/csrf')) r.flush({ token: 'csrf' });
}
