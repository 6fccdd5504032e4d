import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { LoansPage } from './loans-page';

describe('Loans page: an ILL loan (相互貸借) among the loans', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<LoansPage>;
  let el: HTMLElement;

  const loan = (over: object = {}) => ({
    id: 'l1',
    itemBarcode: '100001',
    recordId: 'r-local',
    title: '佐原の町並み',
    volume: null,
    loanDate: '2026-05-01',
    dueDate: '2026-05-15',
    overdue: false,
    hasHolds: false,
    renewals: 0,
    ill: false,
    branchCode: 'sawara',
    materialType: 'book',
    renewable: { ok: true, newDueDate: '2026-05-29' },
    ...over,
  });
  const illLoan = loan({
    id: 'q1',
    itemBarcode: 'K-2001',
    recordId: 'r-koga',
    title: '古河藩日記',
    dueDate: '2026-05-22',
    ill: true,
    materialType: '',
    renewable: { ok: false, code: 'ILL_NOT_RENEWABLE' },
    illRequest: { number: 'ILL-000001', lenderCity: { slug: 'koga', name: '古河市立図書館' } },
  });

  async function render(loans: object[]) {
    http = setUpOpac(presetInfo('katori'));
    fixture = TestBed.createComponent(LoansPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/t/katori/me/loans').flush(loans);
    http.expectOne('/api/t/katori/me/loans-elsewhere').flush({ loans: [], unavailable: [] });
    await fixture.whenStable();
    fixture.detectChanges();
  }
  afterEach(() => http.verify());

  it('names the lending city under the title, links no record of this city, and says it cannot be renewed with the reason', async () => {
    await render([loan(), illLoan]);
    const rows = [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(rows).toHaveLength(2);
    const ill = rows[1];
    expect(ill.textContent).toContain('古河藩日記');
    expect(ill.querySelector('[data-ill-from]')?.textContent).toBe('古河市立図書館から取り寄せ（相互貸借）');
    expect(ill.querySelector('.col-title a')).toBeNull();
    expect(ill.querySelector('.not-renewable')?.textContent).toContain('延長不可');
    expect(ill.querySelector('.reason')?.textContent).toContain('他の図書館から借りた資料は延長できません。');
    expect(ill.querySelector('button.renew')).toBeNull();
    // the city's own loan keeps its link and its renew button
    expect(rows[0].querySelector('.col-title a')?.getAttribute('href')).toBe('/records/r-local');
    expect(rows[0].querySelector('[data-ill-from]')).toBeNull();
    expect(rows[0].querySelector('button.renew')).not.toBeNull();
  });

  it('renews an ILL loan the city’s policy allows, by the request’s id', async () => {
    await render([{ ...illLoan, renewable: { ok: true, newDueDate: '2026-06-05' } }]);
    el.querySelector<HTMLButtonElement>('button.renew')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' }); // before the first write
    await fixture.whenStable();
    http.expectOne({ method: 'POST', url: '/api/t/katori/me/loans/q1/renew' }).flush({ ...illLoan, dueDate: '2026-06-05', renewals: 1 });
    await fixture.whenStable();
    http.expectOne('/api/t/katori/me/loans').flush([{ ...illLoan, dueDate: '2026-06-05', renewals: 1, renewable: { ok: false, code: 'RENEWAL_LIMIT' } }]);
    await fixture.whenStable();
    http.match('/api/t/katori/me').forEach((r) => r.flush({ id: 'p1', name: '香取 花子', counts: {}, mustChangePassword: false }));
    fixture.detectChanges();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('「古河藩日記」を延長しました。');
    expect(el.querySelector('tbody tr .not-renewable')?.textContent).toContain('延長不可');
  });
});
