import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { API_LOCATION } from '../core/api';
import { TenantDetailPage } from './tenant-detail-page';

const tenant = {
  id: 't1',
  slug: 'katori',
  name: '香取市立図書館',
  status: 'active',
  preset: 'katori',
  createdAt: '2026-04-01T00:00:00Z',
  publicUrl: null,
  opacPublicUrl: 'https://library.example.jp/opac/katori/',
};
const tanaka = { id: 's1', username: 'tanaka', role: 'librarian', tenantId: 't1', displayName: '田中 花子', disabled: false, lastLoginAt: null, lockedUntil: null };
const okada = { id: 's2', username: 'okada', role: 'librarian', tenantId: 't1', displayName: '岡田 次郎', disabled: false, lastLoginAt: null, lockedUntil: null };

describe('TenantDetailPage', () => {
  let http: HttpTestingController;
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
        { provide: MatDialog, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open() {
    const fixture = TestBed.createComponent(TenantDetailPage);
    fixture.componentRef.setInput('slug', 'katori');
    await fixture.whenStable();
    http.expectOne('/api/platform/tenants/katori').flush(tenant);
    http.expectOne('/api/platform/tenants/katori/staff').flush([tanaka]);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows the library and its staff, with the add form under the staff heading', async () => {
    const { page } = await open();
    expect(page.querySelector('h1')?.textContent).toContain('香取市立図書館');
    expect(page.querySelector('h2#staff-heading')?.textContent).toContain('職員アカウント');
    expect(page.querySelector('tr[data-staff="tanaka"]')).not.toBeNull();
    const form = page.querySelector('admin-staff-create-form')!;
    expect(form.querySelector('h3#add-staff-heading')?.textContent).toContain('職員アカウントを追加');
    expect(form.querySelector('input[name=password]')).not.toBeNull();
  });

  it('adds a librarian to this library and reads the list again', async () => {
    const { fixture, page } = await open();
    const type = (name: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(`admin-staff-create-form input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('username', 'okada');
    type('displayName', '岡田 次郎');
    type('password', 'okada-initial-password');
    page.querySelector<HTMLFormElement>('admin-staff-create-form form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne((r) => r.method === 'POST' && r.url === '/api/platform/tenants/katori/staff');
    expect(req.request.body).toEqual({ username: 'okada', password: 'okada-initial-password', role: 'librarian', displayName: '岡田 次郎' });
    req.flush(okada);
    await fixture.whenStable();
    http.expectOne('/api/platform/tenants/katori/staff').flush([tanaka, okada]);
    await fixture.whenStable();
    expect(page.querySelector('tr[data-staff="okada"]')?.textContent).toContain('岡田 次郎');
    expect(snackBar.open).toHaveBeenCalledWith('okada のアカウントを作成しました。', expect.anything(), expect.anything());
  });

  it('sets the library’s own public address for the links in its mail, and shows where they lead', async () => {
    const { fixture, page } = await open();
    const section = page.querySelector<HTMLElement>('admin-tenant-public-url-form')!;
    expect(section.querySelector('h2')?.textContent).toContain('利用者向けURL（メールのリンク）');
    expect(section.querySelector('.links-now')?.textContent).toBe('https://library.example.jp/opac/katori/');
    const input = section.querySelector<HTMLInputElement>('input[name="publicUrl"]')!;
    expect(input.value).toBe('');

    // not an address: said on the field, nothing sent
    input.value = 'library.katori.example.jp';
    input.dispatchEvent(new Event('input'));
    section.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(section.querySelector('mat-error')?.textContent).toContain('https:// で始まるURL');
    http.expectNone((r) => r.method === 'PATCH');

    input.value = ' https://library.katori.example.jp ';
    input.dispatchEvent(new Event('input'));
    section.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/platform/tenants/katori');
    expect(req.request.body).toEqual({ publicUrl: 'https://library.katori.example.jp' });
    req.flush({ ...tenant, publicUrl: 'https://library.katori.example.jp', opacPublicUrl: 'https://library.katori.example.jp/opac/katori/' });
    await fixture.whenStable();
    expect(section.querySelector('.links-now')?.textContent).toBe('https://library.katori.example.jp/opac/katori/');
    expect(snackBar.open).toHaveBeenCalledWith('利用者向けURLを保存しました。', expect.anything(), expect.anything());
  });

  it('empties the address to go back to the service’s, and puts the API’s refusal on the field', async () => {
    const { fixture, page } = await open();
    const section = page.querySelector<HTMLElement>('admin-tenant-public-url-form')!;
    const input = section.querySelector<HTMLInputElement>('input[name="publicUrl"]')!;
    input.value = 'https://x.example.jp';
    input.dispatchEvent(new Event('input'));
    section.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne((r) => r.method === 'PATCH').flush(
      {
        code: 'VALIDATION',
        status: 400,
        message: { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
        errors: [{ path: 'publicUrl', code: 'PUBLIC_URL', message: { ja: 'このURLは使えません。', en: 'Not usable.' } }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await fixture.whenStable();
    expect(section.querySelector('mat-error')?.textContent).toContain('このURLは使えません。');
    expect(document.activeElement).toBe(input);

    input.value = '';
    input.dispatchEvent(new Event('input'));
    section.querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    const req = http.expectOne((r) => r.method === 'PATCH');
    expect(req.request.body).toEqual({ publicUrl: null });
    req.flush(tenant);
  });
});
