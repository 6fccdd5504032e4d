import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { API_LOCATION } from '../core/api';
import { RegionsPage } from './regions-page';

const tenants = [
  { slug: 'kitakyushu', name: '北九州市立図書館', status: 'active', createdAt: '', patrons: 0, records: 0, loansToday: 0 },
  { slug: 'koga', name: '古賀市立図書館', status: 'active', createdAt: '', patrons: 0, records: 0, loansToday: 0 },
  { slug: 'katori', name: '香取市立図書館', status: 'suspended', createdAt: '', patrons: 0, records: 0, loansToday: 0 },
];
const fukuoka = {
  code: 'fukuoka',
  name: '福岡県',
  nameEn: 'Fukuoka Prefecture',
  members: [
    { slug: 'kitakyushu', name: '北九州市立図書館', status: 'active' },
    { slug: 'koga', name: '古賀市立図書館', status: 'active' },
  ],
};

describe('RegionsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', prefix: '' } },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open() {
    const fixture = TestBed.createComponent(RegionsPage);
    http.expectOne('/api/platform/regions').flush([fukuoka]);
    http.expectOne('/api/platform/tenants').flush(tenants);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the regions with their libraries and search page', async () => {
    const { page } = await open();
    const row = page.querySelector('tr[data-region="fukuoka"]')!;
    expect(row.textContent).toContain('福岡県');
    expect(row.textContent).toContain('北九州市立図書館、古賀市立図書館');
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/opac/r/fukuoka/');
  });

  it('edits the members: the libraries unticked are removed and the ones ticked added', async () => {
    const { fixture, page } = await open();
    page.querySelector<HTMLButtonElement>('tr[data-region="fukuoka"] button')!.click();
    await fixture.whenStable();
    const boxes = [...page.querySelectorAll<HTMLInputElement>('admin-region-form mat-checkbox input')];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, false]);
    boxes[1].click(); // koga out
    boxes[2].click(); // katori in
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('admin-region-form button[type=submit]')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf' });
    const req = http.expectOne('/api/platform/regions/fukuoka');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ name: '福岡県', nameEn: 'Fukuoka Prefecture', addMembers: ['katori'], removeMembers: ['koga'] });
    req.flush({ ...fukuoka, members: [fukuoka.members[0], { slug: 'katori', name: '香取市立図書館', status: 'suspended' }] });
    await fixture.whenStable();
    expect(page.querySelector('tr[data-region="fukuoka"]')?.textContent).toContain('香取市立図書館（停止中）');
    expect(page.querySelector('admin-region-form')).toBeNull();
  });

  it('asks for a code, a name and a library before adding a region', async () => {
    const { fixture, page } = await open();
    [...page.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.includes('地域を追加'))!.click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('admin-region-form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(page.querySelector('admin-region-form [role=alert]')?.textContent).toContain('図書館を1つ以上選んでください。');
    expect(page.querySelector('admin-region-form mat-error')?.textContent).toContain('半角英小文字');
  });
});
