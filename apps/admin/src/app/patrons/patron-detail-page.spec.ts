import { BASE, flushCsrf, flushLibrary, Harness, startLibrarianPage } from '../../testing/librarian';
import { PatronDetailPage } from './patron-detail-page';

const patron = {
  id: 'p1',
  cardNumber: '1234567',
  name: '香取 花子',
  nameKana: 'カトリ ハナコ',
  birthDate: null,
  phone: null,
  email: null,
  category: 'general',
  expiresAt: null,
  status: 'active',
  mustChangePassword: false,
  hasPassword: true,
  lastLoginAt: null,
};

const loan = (over: object = {}) => ({
  id: 'l1',
  itemBarcode: '100001',
  recordId: 'rec1',
  title: '佐原の町並み',
  volume: null,
  patron: { id: 'p1', cardNumber: '1234567', name: '香取 花子' },
  loanDate: '2026-05-01',
  dueDate: '2026-05-15',
  overdue: false,
  renewals: 0,
  ill: false,
  branchCode: 'sawara',
  materialType: 'book',
  hasHolds: false,
  renewable: { ok: true, newDueDate: '2026-05-29' },
  ...over,
});

describe('PatronDetailPage: an ILL loan (相互貸借) among the patron’s loans', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startLibrarianPage(PatronDetailPage, '/patrons/:id', [], [], '/patrons/p1');
  });
  afterEach(() => h.http.verify());

  async function open(loans: object[]) {
    h.http.expectOne(`${BASE}/admin/patrons/p1`).flush(patron);
    h.http.expectOne(`${BASE}/admin/patrons/p1/loans`).flush(loans);
    h.http.expectOne(`${BASE}/admin/patrons/p1/holds`).flush([]);
    flushLibrary(h.http);
    await h.stable();
    flushLibrary(h.http); // asked once the page shows the patron
    await h.stable();
  }
  const rows = () => [...h.page.querySelectorAll<HTMLTableRowElement>('section tbody tr, table tbody tr')].filter((r) => r.textContent?.includes('町並み') || r.textContent?.includes('古河'));

  it('tags the ILL loan with its lending city and request number, and renews it at the counter by the lender’s barcode', async () => {
    const ill = loan({
      id: 'q1',
      itemBarcode: 'K-2001',
      title: '古河藩日記',
      ill: true,
      materialType: '',
      illRequest: { number: 'ILL-000001', lenderCity: { slug: 'koga', name: '古河市立図書館' } },
    });
    await open([loan(), ill]);
    const [own, borrowed] = rows();
    expect(own.querySelector('[data-ill-loan]')).toBeNull();
    expect(borrowed.querySelector('[data-ill-loan]')?.textContent).toContain('古河市立図書館から相互貸借 ILL-000001');
    expect(h.page.textContent).not.toContain('koga');

    borrowed.querySelector<HTMLButtonElement>('button')!.click();
    await h.stable();
    flushCsrf(h.http);
    const renew = h.http.expectOne({ method: 'POST', url: `${BASE}/desk/renewals` });
    expect(renew.request.body).toEqual({ itemBarcode: 'K-2001', channel: 'counter' });
    renew.flush({ ...ill, dueDate: '2026-05-29', renewals: 1 });
    await h.stable();
    h.http.match(`${BASE}/admin/patrons/p1/loans`).forEach((r) => r.flush([{ ...ill, dueDate: '2026-05-29', renewals: 1, renewable: { ok: false, code: 'RENEWAL_LIMIT' } }]));
    await h.stable();
    expect(h.snackBar.open).toHaveBeenCalled();
  });

  it('says why the counter cannot renew an ILL loan, in the policy’s words (Katori: ILL_NOT_RENEWABLE)', async () => {
    await open([
      loan({ id: 'q1', itemBarcode: 'K-2001', title: '古河藩日記', ill: true, renewable: { ok: false, code: 'ILL_NOT_RENEWABLE' }, illRequest: { number: 'ILL-000001', lenderCity: { slug: 'koga', name: '古河市立図書館' } } }),
    ]);
    const [borrowed] = rows();
    expect(borrowed.querySelector('button')).toBeNull();
    expect(borrowed.textContent).toContain('延長不可');
    expect(borrowed.querySelector('[data-refusal]')?.textContent).toBe('他の図書館から借りた資料は延長できません。');
  });
});
