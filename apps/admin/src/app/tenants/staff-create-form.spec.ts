import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { API_LOCATION } from '../core/api';
import { I18n } from '../core/i18n';
import { StaffCreateForm } from './staff-create-form';
import { StaffPasswordDialog } from './staff-dialogs';
import { StaffAccount } from './tenants-api';

/** A page with the form, as the tenant page and the admins page use it. */
@Component({
  selector: 'admin-staff-create-form-host',
  imports: [StaffCreateForm],
  template: `
    <h1>page</h1>
    <admin-staff-create-form [role]="role()" [tenant]="tenant()" [headingLevel]="level()" (created)="created.push($event)" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly role = signal<StaffAccount['role']>('librarian');
  readonly tenant = signal<string | null>('katori');
  readonly level = signal<2 | 3>(3);
  readonly created: StaffAccount[] = [];
}

const librarian: StaffAccount = { id: 's9', username: 'okada', role: 'librarian', tenantId: 't1', displayName: '岡田 次郎', disabled: false, mustChangePassword: false };
const admin: StaffAccount = { id: 'a3', username: 'suzuki', role: 'platform-admin', tenantId: null, displayName: null, disabled: false, mustChangePassword: true };

const problem = (status: number, body: Record<string, unknown>) =>
  [{ type: 'about:blank', status, ...body }, { status, statusText: 'Error', headers: { 'Content-Type': 'application/problem+json' } }] as const;

describe('StaffCreateForm', () => {
  let http: HttpTestingController;
  let dialog: { open: jest.Mock };
  let snackBar: { open: jest.Mock };
  let fixture: ComponentFixture<Host>;
  let page: HTMLElement;

  async function start(setup: (host: Host) => void = () => undefined) {
    fixture = TestBed.createComponent(Host);
    setup(fixture.componentInstance);
    await fixture.whenStable();
    page = fixture.nativeElement as HTMLElement;
  }

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    dialog = { open: jest.fn() };
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: snackBar },
        { provide: MatDialog, useValue: dialog },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const field = (name: string) => page.querySelector<HTMLInputElement>(`form input[name="${name}"]`);
  const errorOf = (name: string) => field(name)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? '';
  function type(name: string, value: string): void {
    const input = field(name)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  async function submit() {
    page.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }
  const post = (url: string) => {
    for (const r of http.match('/api/csrf')) r.flush({ token: 'csrf' }); // asked once, before the first write
    return http.expectOne((r) => r.method === 'POST' && r.url === url);
  };

  describe('for a library’s librarian', () => {
    it('is a labelled section with the heading at the level asked for and the three fields, each with its label', async () => {
      await start();
      const section = page.querySelector('section')!;
      const heading = page.querySelector('h3#add-staff-heading')!;
      expect(heading.textContent).toContain('職員アカウントを追加');
      expect(section.getAttribute('aria-labelledby')).toBe('add-staff-heading');
      expect(page.querySelector('h2')).toBeNull();
      expect(page.querySelector('form')!.classList).toContain('add-staff');
      expect(field('username')!.labels?.[0]?.textContent).toContain('ユーザー名');
      expect(field('displayName')!.labels?.[0]?.textContent).toContain('表示名');
      expect(field('password')!.labels?.[0]?.textContent).toContain('初期パスワード');
      expect(field('password')!.getAttribute('autocomplete')).toBe('new-password');
      expect(page.querySelector('button[type=submit]')?.textContent).toContain('職員アカウントを追加');
    });

    it('checks the fields before asking, with the focus on the first one to fix', async () => {
      await start();
      await submit();
      http.expectNone((r) => r.method === 'POST');
      expect(errorOf('username')).toBe('入力してください。');
      expect(errorOf('password')).toBe('入力してください。');
      expect(document.activeElement).toBe(field('username'));

      type('username', 'ab');
      type('displayName', 'x'.repeat(101));
      type('password', 'short');
      await submit();
      http.expectNone((r) => r.method === 'POST');
      expect(errorOf('username')).toContain('3〜60 文字');
      expect(errorOf('displayName')).toBe('100 文字以内にしてください。');
      expect(errorOf('password')).toBe('パスワードは 10 文字以上にしてください。');
    });

    it('creates the account in the library, says so, empties the form and tells the page', async () => {
      await start();
      type('username', ' okada ');
      type('displayName', ' 岡田 次郎 ');
      type('password', 'okada-initial-password');
      await submit();
      const req = post('/api/platform/tenants/katori/staff');
      expect(req.request.body).toEqual({ username: 'okada', password: 'okada-initial-password', role: 'librarian', displayName: '岡田 次郎' });
      expect(page.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(true);
      req.flush(librarian);
      await fixture.whenStable();
      expect(fixture.componentInstance.created).toEqual([librarian]);
      expect(snackBar.open).toHaveBeenCalledWith('okada のアカウントを作成しました。', expect.anything(), expect.anything());
      expect(dialog.open).not.toHaveBeenCalled();
      expect(field('username')!.value).toBe('');
      expect(field('password')!.value).toBe('');
      expect(page.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(false);
    });

    it('leaves out an empty display name', async () => {
      await start();
      type('username', 'okada');
      type('password', 'okada-initial-password');
      await submit();
      const req = post('/api/platform/tenants/katori/staff');
      expect(req.request.body).toEqual({ username: 'okada', password: 'okada-initial-password', role: 'librarian' });
      req.flush(librarian);
      await fixture.whenStable();
    });

    it('puts a taken user name, the API’s field errors and a weak password on the fields', async () => {
      await start();
      type('username', 'okada');
      type('password', 'okada-initial-password');
      await submit();
      post('/api/platform/tenants/katori/staff').flush(...problem(409, { code: 'STAFF_EXISTS', message: { ja: 'そのユーザー名の職員は既に登録されています。', en: 'taken' } }));
      await fixture.whenStable();
      expect(errorOf('username')).toBe('そのユーザー名は使用中です。');
      expect(document.activeElement).toBe(field('username'));

      type('username', 'okada2');
      await submit();
      post('/api/platform/tenants/katori/staff').flush(
        ...problem(400, {
          code: 'VALIDATION',
          message: { ja: '入力内容を確認してください。', en: 'Check the form.' },
          errors: [{ path: 'displayName', message: { ja: '表示名に使えない文字があります。', en: 'Bad characters.' } }],
        }),
      );
      await fixture.whenStable();
      expect(errorOf('displayName')).toBe('表示名に使えない文字があります。');
      expect(document.activeElement).toBe(field('displayName'));
      expect(page.querySelector('[role=alert]')).toBeNull();

      type('displayName', '');
      await submit();
      post('/api/platform/tenants/katori/staff').flush(...problem(422, { code: 'WEAK_STAFF_PASSWORD', message: { ja: 'パスワードが弱すぎます。', en: 'Too weak.' } }));
      await fixture.whenStable();
      expect(errorOf('password')).toBe('パスワードは 10 文字以上にしてください。');
      expect(document.activeElement).toBe(field('password'));
      expect(fixture.componentInstance.created).toEqual([]);
    });

    it('shows any other refusal in words, in an alert, in the chosen language', async () => {
      await start();
      type('username', 'okada');
      type('password', 'okada-initial-password');
      await submit();
      post('/api/platform/tenants/katori/staff').flush(
        ...problem(404, { code: 'TENANT_NOT_FOUND', message: { ja: 'その図書館は登録されていません。', en: 'No such library.' } }),
      );
      await fixture.whenStable();
      const alert = page.querySelector('[role=alert]')!;
      expect(alert.textContent).toContain('その図書館は登録されていません。');
      expect(alert.closest('[aria-live]')?.getAttribute('aria-live')).toBe('assertive');
      TestBed.inject(I18n).setLang('en');
      await fixture.whenStable();
      expect(page.querySelector('[role=alert]')?.textContent).toContain('No such library.');
      expect(page.querySelector('h3')?.textContent).toContain('Add a staff account');
    });
  });

  describe('for a platform admin', () => {
    const asAdmin = (h: Host) => {
      h.role.set('platform-admin');
      h.tenant.set(null);
      h.level.set(2);
    };

    it('asks no password (the API issues one) and says so under its heading', async () => {
      await start(asAdmin);
      const heading = page.querySelector('h2#add-admin-heading')!;
      expect(heading.textContent).toContain('広域管理者を追加');
      expect(page.querySelector('section')!.getAttribute('aria-labelledby')).toBe('add-admin-heading');
      expect(page.querySelector('h3')).toBeNull();
      expect(page.querySelector('section p.muted')?.textContent).toContain('仮パスワードを発行します。');
      expect(page.querySelector('form')!.classList).toContain('add-admin');
      expect(field('password')).toBeNull();
      expect(page.querySelector('button[type=submit]')?.textContent).toContain('広域管理者を追加');
    });

    it('creates the admin, shows the temporary password once and tells the page', async () => {
      await start(asAdmin);
      type('username', ' suzuki ');
      await submit();
      const req = post('/api/platform/admins');
      expect(req.request.body).toEqual({ username: 'suzuki' });
      req.flush({ temporaryPassword: 'abcd-efgh-jkmn', mustChangePassword: true, staff: admin });
      await fixture.whenStable();
      expect(fixture.componentInstance.created).toEqual([admin]);
      expect(snackBar.open).toHaveBeenCalledWith('suzuki を広域管理者として追加しました。', expect.anything(), expect.anything());
      expect(dialog.open).toHaveBeenCalledWith(
        StaffPasswordDialog,
        expect.objectContaining({ data: { name: 'suzuki', temporaryPassword: 'abcd-efgh-jkmn' }, disableClose: true }),
      );
      expect(field('username')!.value).toBe('');
    });

    it('shows a refusal without field errors in an alert', async () => {
      await start(asAdmin);
      type('username', 'suzuki');
      await submit();
      post('/api/platform/admins').flush(...problem(403, { code: 'FORBIDDEN', message: { ja: 'この操作は許可されていません。', en: 'Not allowed.' } }));
      await fixture.whenStable();
      expect(page.querySelector('[role=alert]')?.textContent).toContain('この操作は許可されていません。');
      expect(dialog.open).not.toHaveBeenCalled();
      expect(fixture.componentInstance.created).toEqual([]);
    });
  });
});
