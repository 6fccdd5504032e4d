import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { API_LOCATION } from '../core/api';
import { AdminsPage } from './admins-page';

const admins = [
  { id: 'a1', username: 'admin', role: 'platform-admin', tenantId: null, displayName: '広域管理者', disabled: false, lastLoginAt: null, lockedUntil: null },
  { id: 'a2', username: 'sato', role: 'platform-admin', tenantId: null, displayName: null, disabled: false, lastLoginAt: null, lockedUntil: null },
];

describe('AdminsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
        { provide: MatDialog, useValue: { open: jest.fn(() => ({ afterClosed: () => of(true) })) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the platform admins and updates a row in place after a change', async () => {
    const fixture = TestBed.createComponent(AdminsPage);
    http.expectOne('/api/platform/admins').flush(admins);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toContain('広域管理者');
    expect(page.querySelector('caption')?.textContent).toContain('広域管理者のアカウント');
    expect(page.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(page.querySelector('tr[data-staff="sato"]')?.textContent).toContain('広域管理者');

    page.querySelector<HTMLButtonElement>('tr[data-staff="sato"] button.toggle')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    http.expectOne('/api/platform/staff/a2').flush({ ...admins[1], disabled: true });
    await fixture.whenStable();
    expect(page.querySelector('tr[data-staff="sato"] .state')?.textContent).toContain('無効');
    expect(page.querySelector('tr[data-staff="admin"] .state')?.textContent).toContain('有効');
  });
});
