import { TestBed } from '@angular/core/testing';
import { I18n } from '../core/i18n';
import { ClusterView } from '../tenants/tenants-api';
import { ClusterNodes } from './cluster-nodes';

const citus: ClusterView = {
  citus: true,
  nodes: [
    { id: 1, host: 'db-coord', port: 5432, role: 'coordinator', active: true, cities: [] },
    {
      id: 2,
      host: 'db-w1',
      port: 5432,
      role: 'worker',
      active: true,
      cities: [
        { slug: 'katori', name: '香取市立図書館', status: 'active', bytes: 3 * 1048576 },
        { slug: 'koga', name: '古河市立図書館', status: 'active', bytes: 1572864 },
      ],
    },
    { id: 3, host: 'db-w2', port: 5432, role: 'worker', active: false, cities: [] },
  ],
};
const single: ClusterView = {
  citus: false,
  nodes: [{ id: 0, host: 'localhost', port: 5432, role: 'single', active: true, cities: [{ slug: 'katori', name: '香取市立図書館', status: 'active', bytes: null }] }],
};

describe('ClusterNodes (health page: the database servers and the libraries on each)', () => {
  beforeEach(() => localStorage.clear());

  async function render(view: ClusterView) {
    const fixture = TestBed.createComponent(ClusterNodes);
    fixture.componentRef.setInput('view', view);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const nodes = [...page.querySelectorAll('ul.nodes > li')] as HTMLElement[];
    return { fixture, page, nodes };
  }

  it('shows each server of a Citus cluster with its role and the libraries on it, in Japanese first', async () => {
    const { page, nodes } = await render(citus);
    expect(page.textContent).toContain('Citus クラスタです');
    expect(nodes).toHaveLength(3);
    expect(nodes[0].querySelector('h3')?.textContent).toContain('コーディネーター');
    expect(nodes[0].textContent).toContain('このサーバーに図書館はありません。');
    expect(nodes[1].querySelector('h3')?.textContent).toContain('ワーカー');
    expect(nodes[1].querySelector('h3')?.textContent).toContain('db-w1:5432');
    expect(nodes[1].textContent).toContain('図書館 2 館');
    expect([...nodes[1].querySelectorAll('.cities li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '香取市立図書館 katori (3 MB)',
      '古河市立図書館 koga (1.5 MB)',
    ]);
    expect(nodes[2].querySelector('.tag.bad')?.textContent).toContain('停止中');
    // icons are decoration only
    expect(page.querySelectorAll('mat-icon:not([aria-hidden="true"])')).toHaveLength(0);
  });

  it('says plainly that one PostgreSQL holds every library when there is no cluster, and speaks English on request', async () => {
    const { page, nodes } = await render(single);
    expect(page.textContent).toContain('データベースは 1 台の PostgreSQL です');
    expect(nodes).toHaveLength(1);
    expect(nodes[0].querySelector('h3')?.textContent).toContain('PostgreSQL（単一サーバー）');
    TestBed.inject(I18n).setLang('en');
    const en = await render(single);
    expect(en.page.textContent).toContain('The database is one PostgreSQL server; every library is on it.');
    expect(en.nodes[0].textContent).toContain('Libraries: 1');
  });
});
