import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { IllRequestsSection } from './ill-requests';

describe('My page: 相互貸借 (the patron’s interlibrary loan requests)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<IllRequestsSection>;
  let el: HTMLElement;

  async function render(requests: object[], regions: object[]) {
    http = setUpOpac(presetInfo('katori'));
    fixture = TestBed.createComponent(IllRequestsSection);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/t/katori/me/ill').flush(requests);
    await fixture.whenStable();
    http.expectOne('/api/t/katori/regions').flush(regions);
    await fixture.whenStable();
    fixture.detectChanges();
  }
  afterEach(() => http.verify());

  const request = (over: object = {}) => ({
    id: 'r1',
    number: 'ILL-000001',
    title: '利根川図志',
    status: 'in-transit',
    statusLabel: { ja: '搬送中', en: 'In transit' },
    lenderCity: { name: '古賀市立図書館' },
    pickupBranchCode: 'sawara',
    expectedArrival: '2026-05-13',
    dueDate: null,
    createdAt: '2026-05-10T10:00:00+09:00',
    ...over,
  });

  it('lists where each request is, with the lending city’s name and the expected arrival', async () => {
    await render([request(), request({ id: 'r2', number: 'ILL-000002', title: '三四郎', status: 'requested', expectedArrival: null })], []);
    const rows = [...el.querySelectorAll('tbody tr')].map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('利根川図志');
    expect(rows[0]).toContain('古賀市立図書館');
    expect(rows[0]).toContain('輸送中');
    expect(rows[0]).toContain('2026');
    expect(rows[1]).toContain('依頼中');
    expect(rows[1]).toContain('未定');
    expect(el.querySelector('h3')?.textContent).toContain('相互貸借');
  });

  it('a city in a region shows the section with “none yet”', async () => {
    await render([], [{ code: 'chiba', name: '千葉県', nameEn: null, opacPath: '/opac/r/chiba/' }]);
    expect(el.textContent).toContain('取り寄せ中の資料はありません。');
  });

  it('nothing at all where the city is in no region and the patron has no request', async () => {
    await render([], []);
    expect(el.querySelector('section')).toBeNull();
  });
});
