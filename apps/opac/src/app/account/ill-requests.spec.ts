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

  it('shows an ask the library is checking with a withdraw button, and a declined one with its reason', async () => {
    await render(
      [
        request({ id: 'a1', number: 'ILL-000003', title: '雪華図説', status: 'asked', expectedArrival: null, cancellable: true }),
        request({ id: 'd1', number: 'ILL-000004', title: '古河志', status: 'declined', expectedArrival: null, declineReason: '県立図書館から借りられます', cancellable: false }),
      ],
      [],
    );
    const [asked, declined] = [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(asked.textContent).toContain('申込受付（図書館で確認中）');
    expect(asked.textContent).toContain('未定');
    expect(declined.querySelector('[data-reason]')?.textContent).toBe('理由：県立図書館から借りられます');
    expect(declined.querySelector('button')).toBeNull();

    const withdraw = asked.querySelector<HTMLButtonElement>('button.withdraw')!;
    expect(withdraw.getAttribute('aria-label')).toBe('「雪華図説」の取り寄せ申込を取り消す');
    withdraw.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' });
    await fixture.whenStable();
    http.expectOne({ method: 'POST', url: '/api/t/katori/me/ill/a1/cancel' }).flush(request({ id: 'a1', number: 'ILL-000003', title: '雪華図説', status: 'cancelled', expectedArrival: null, cancellable: false }));
    await fixture.whenStable();
    fixture.detectChanges();
    const after = el.querySelectorAll<HTMLTableRowElement>('tbody tr')[0];
    expect(after.textContent).toContain('取消');
    expect(after.querySelector('button')).toBeNull();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('「雪華図説」の取り寄せ申込を取り消しました。');
  });

  it('says why a withdrawal failed (the library forwarded it meanwhile)', async () => {
    await render([request({ id: 'a1', title: '雪華図説', status: 'asked', expectedArrival: null, cancellable: true })], []);
    el.querySelector<HTMLButtonElement>('button.withdraw')!.click();
    http.expectOne('/api/csrf').flush({ token: 'csrf-1' });
    await fixture.whenStable();
    http
      .expectOne('/api/t/katori/me/ill/a1/cancel')
      .flush({ code: 'ILL_WRONG_STATUS', message: { ja: 'この依頼は現在の状態ではその操作ができません。', en: 'x' } }, { status: 409, statusText: 'Conflict', headers: { 'Content-Type': 'application/problem+json' } });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('この依頼は現在の状態ではその操作ができません。');
  });
});
