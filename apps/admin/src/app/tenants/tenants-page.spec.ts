import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { API_LOCATION } from '../core/api';
import { TenantsPage } from './tenants-page';

const tenants = [
  { slug: 'katori', name: '香取市立図書館', status: 'active', createdAt: '2026-04-01T00:00:00Z', patrons: 1200, records: 54000, loansToday: 37 },
  { slug: 'choshi', name: '銚子市図書館', status: 'suspended', createdAt: '2026-04-02T00:00:00Z', patrons: 0, records: 0, loansToday: 0 },
];

describe('TenantsPage', () => {
  let http: HttpTestingController;
  let dialog: { open: jest.Mock };

  beforeEach(() => {
    localStorage.clear();
    dialog = { open: jest.fn(() => ({ afterClosed: () => of(true) })) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
        { provide: MatDialog, useValue: dialog },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(TenantsPage);
    http.expectOne('/api/platform/tenants').flush(tenants);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the tenants in a table with status chips and figures', async () => {
    const { page } = await render();
    const rows = [...page.querySelectorAll('tr.mat-mdc-row')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('香取市立図書館');
    expect(rows[0].querySelector('.status')?.textContent).toContain('運用中');
    expect(rows[0].textContent).toContain('54,000');
    expect(rows[1].querySelector('.status')?.textContent).toContain('停止中');
    expect(rows[1].querySelector('.status')?.classList).toContain('suspended');
  });

  it('suspends after confirmation: PATCH {status: suspended}', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('button.suspend')!.click();
    expect(dialog.open).toHaveBeenCalled();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne('/api/platform/tenants/katori');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ status: 'suspended' });
    req.flush({ ...tenants[0], status: 'suspended' });
    await fixture.whenStable();
    expect(page.querySelectorAll('.status.suspended')).toHaveLength(2);
  });

  it('resumes without asking: PATCH {status: active}', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('button.resume')!.click();
    expect(dialog.open).not.toHaveBeenCalled();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne('/api/platform/tenants/choshi');
    expect(req.request.body).toEqual({ status: 'active' });
    req.flush({ ...tenants[1], status: 'active' });
    await fixture.whenStable();
    expect(page.querySelectorAll('.status.suspended')).toHaveLength(0);
  });
});
