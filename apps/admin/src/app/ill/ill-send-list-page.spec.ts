import { BASE, Harness, startLibrarianPage } from '../../testing/librarian';
import type { IllRequestView, IllTransitView, IncomingIllRequestView } from '@shiori/contracts';
import { IllSendListPage, sendItems } from './ill-send-list-page';

const koga = { slug: 'koga', name: '古賀市立図書館' };
const kita = { slug: 'kitakyushu', name: '北九州市立図書館' };
const incoming = (over: Partial<IncomingIllRequestView>): IncomingIllRequestView => ({
  id: 'q1',
  number: 'ILL-000001',
  status: 'accepted',
  statusLabel: { ja: '受付済（発送準備中）', en: 'Accepted' },
  borrowerCity: koga,
  recordId: 'x',
  title: '利根川図志',
  itemBarcode: 'K-1',
  patronName: null,
  note: null,
  declineReason: null,
  dueDate: null,
  courier: null,
  nextCourier: { departs: '2026-05-12', arrives: '2026-05-13' },
  returnedAt: null,
  history: [],
  createdAt: '2026-05-10T10:00:00+09:00',
  updatedAt: '2026-05-10T10:00:00+09:00',
  ...over,
});
const out = (over: Partial<IllRequestView>): IllRequestView => ({
  id: 'r1',
  number: 'ILL-000009',
  status: 'returned',
  statusLabel: { ja: '返却済（返送待ち）', en: 'Returned' },
  lenderCity: kita,
  recordId: 'x',
  title: '三四郎',
  itemBarcode: 'Q-9',
  patron: null,
  note: null,
  declineReason: null,
  dueDate: null,
  pickupBranchCode: null,
  renewals: 0,
  courier: null,
  returnedAt: null,
  history: [],
  createdAt: '2026-05-01T10:00:00+09:00',
  updatedAt: '2026-05-01T10:00:00+09:00',
  ...over,
});
const transit = (over: Partial<IllTransitView>): IllTransitView => ({
  id: 't1',
  status: 'in-transit-home',
  statusLabel: { ja: '返送中', en: 'In transit home' },
  ownerCity: koga,
  title: '坊っちゃん',
  itemBarcode: 'T-1',
  courier: { departs: '2026-05-12', arrives: '2026-05-13' },
  createdAt: '2026-05-10T10:00:00+09:00',
  ...over,
});

describe('sendItems (what goes on the courier)', () => {
  it('takes accepted and sent copies, copies going home and copies returned here, and leaves vans that have left', () => {
    const items = sendItems(
      [out({}), out({ id: 'r2', status: 'on-loan' }), out({ id: 'r3', status: 'in-transit-home', courier: { departs: '2026-05-01', arrives: '2026-05-02' } })],
      [incoming({}), incoming({ id: 'q2', status: 'requested' }), incoming({ id: 'q3', status: 'in-transit', courier: { departs: '2026-05-12', arrives: '2026-05-13' } })],
      [transit({})],
      '2026-05-10',
    );
    expect(items.map((i) => [i.key, i.day, i.to.name, i.kind])).toEqual([
      ['q1', '2026-05-12', '古賀市立図書館', 'lend'],
      ['q3', '2026-05-12', '古賀市立図書館', 'lend'],
      ['r1', null, '北九州市立図書館', 'home'],
      ['t1', '2026-05-12', '古賀市立図書館', 'transit'],
    ]);
  });
});

describe('IllSendListPage (送付リスト)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startLibrarianPage(IllSendListPage, '/ill/send-list');
  });
  afterEach(() => h.http.verify());

  it('groups the chosen courier day by destination city, by name', async () => {
    const page = <T>(items: T[]) => ({ total: items.length, page: 1, size: 200, items });
    h.http.expectOne((r) => r.url === `${BASE}/admin/ill/requests`).flush(page([out({})]));
    h.http.expectOne((r) => r.url === `${BASE}/admin/ill/incoming`).flush(page([incoming({ nextCourier: { departs: '2999-05-12', arrives: '2999-05-13' } })]));
    h.http.expectOne((r) => r.url === `${BASE}/admin/ill/transits`).flush(page([transit({ courier: { departs: '2999-05-12', arrives: '2999-05-13' } })]));
    await h.stable();
    const groups = [...h.page.querySelectorAll<HTMLElement>('section[data-destination]')];
    expect(groups.map((g) => g.dataset['destination'])).toEqual(['古賀市立図書館']);
    expect(groups[0].querySelector('h2')?.textContent).toContain('届け先：古賀市立図書館');
    expect(groups[0].querySelectorAll('tbody tr')).toHaveLength(2);
    expect(groups[0].textContent).toContain('K-1');
    expect(groups[0].textContent).toContain('T-1');
    expect(h.page.textContent).not.toContain('北九州市立図書館'); // another day (the next run)
    expect(h.page.textContent).not.toContain('koga');
  });
});
