import { Component } from '@angular/core';
import { TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { BASE, Harness, startLibrarianPage, typeInto } from '../../testing/librarian';
import { I18n } from '../core/i18n';
import type { StaffRecordHit } from '@shiori/contracts';
import { RecordSearchPage } from './record-search-page';

@Component({ template: 'record' })
class RecordStub {}

const hit = (over: Partial<StaffRecordHit>): StaffRecordHit => ({
  id: 'r-neko',
  title: '吾輩は猫である',
  titleReading: 'ワガハイ ワ ネコ デ アル',
  volume: null,
  authors: [{ name: '夏目 漱石', reading: 'ナツメ ソウセキ' }],
  publisher: '岩波書店',
  year: 1990,
  isbn: '9784003101018',
  controlNumber: 'JP21547390',
  materialType: 'book',
  withdrawnAt: null,
  updatedAt: '2026-05-01T01:00:00.000Z',
  copies: { total: 2, available: 1 },
  ...over,
});

const ginga = hit({
  id: 'r-ginga',
  title: '銀河鉄道の夜',
  titleReading: 'ギンガ テツドウ ノ ヨル',
  authors: [{ name: '宮沢 賢治' }],
  publisher: null,
  isbn: null,
  controlNumber: null,
  // 2026-05-01 in Japan (the evening of 30 April in UTC)
  withdrawnAt: '2026-04-30T16:00:00.000Z',
  copies: { total: 0, available: 0 },
});

describe('RecordSearchPage (staff catalogue search)', () => {
  let h: Harness;

  afterEach(() => h.http.verify());

  const queryField = () => h.page.querySelector<HTMLInputElement>('input[name=q]');
  const withdrawnBox = () => h.page.querySelector<HTMLInputElement>('mat-checkbox input[type=checkbox]');
  const rows = () => [...h.page.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  const status = () => h.page.querySelector('[role=status]')?.textContent?.trim();
  const searchRequest = (): TestRequest => h.http.expectOne((r) => r.method === 'GET' && r.url === `${BASE}/admin/records`);
  const params = (req: TestRequest) => Object.fromEntries(req.request.params.keys().map((k) => [k, req.request.params.get(k)]));
  const submit = async () => {
    h.page.querySelector('form[role=search]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await h.stable();
  };

  async function open(url = '/catalog') {
    h = await startLibrarianPage(RecordSearchPage, 'catalog', [{ path: 'catalog/records/:id', component: RecordStub }], [], url);
    await h.stable();
  }

  it('searches the staff endpoint, without withdrawn records, and lists the hits in a labelled table', async () => {
    await open();
    h.http.expectNone(`${BASE}/search`);
    expect(h.page.querySelector('label')?.textContent).toContain('書名・著者名・ISBN');
    expect(h.page.querySelector('mat-checkbox')?.textContent).toContain('除籍を含む');
    expect(withdrawnBox()?.checked).toBe(false);

    typeInto(queryField(), 'わがはい');
    await submit();
    expect(TestBed.inject(Router).url).toBe('/catalog?q=%E3%82%8F%E3%81%8C%E3%81%AF%E3%81%84');
    const req = searchRequest();
    expect(params(req)).toEqual({ q: 'わがはい', withdrawn: 'exclude', page: '1', size: '20' });
    req.flush({ total: 1, page: 1, size: 20, hits: [hit({})] });
    await h.stable();

    expect(status()).toBe('1 件');
    const table = h.page.querySelector('table')!;
    expect(table.querySelector('caption')?.textContent).toContain('検索結果の書誌');
    expect([...table.querySelectorAll('th[scope=col]')].map((th) => th.textContent?.trim())).toEqual(['書名', '著者', '出版者', '出版年', 'ISBN・管理番号', '所蔵（コピー）']);
    const [row] = rows();
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/catalog/records/r-neko');
    expect(row.textContent).toContain('ワガハイ ワ ネコ デ アル');
    expect(row.textContent).toContain('夏目 漱石');
    expect(row.textContent).toContain('9784003101018');
    expect(row.textContent).toContain('JP21547390');
    expect(row.textContent).toContain('所蔵 2（貸出可 1）');
    expect(row.hasAttribute('data-withdrawn')).toBe(false);
  });

  it('includes withdrawn records when 除籍を含む is ticked, marked with the day they were withdrawn', async () => {
    await open('/catalog?q=%E5%A4%8F%E7%9B%AE');
    expect(queryField()?.value).toBe('夏目');
    searchRequest().flush({ total: 1, page: 1, size: 20, hits: [hit({})] });
    await h.stable();

    withdrawnBox()!.click();
    await h.stable();
    expect(TestBed.inject(Router).url).toBe('/catalog?q=%E5%A4%8F%E7%9B%AE&withdrawn=include');
    const req = searchRequest();
    expect(params(req)).toMatchObject({ q: '夏目', withdrawn: 'include', page: '1' });
    req.flush({ total: 2, page: 1, size: 20, hits: [hit({}), ginga] });
    await h.stable();

    expect(status()).toBe('2 件');
    const withdrawn = rows().find((r) => r.hasAttribute('data-withdrawn'))!;
    expect(withdrawn.querySelector('a')?.textContent).toContain('銀河鉄道の夜');
    expect(withdrawn.querySelector('.tag.bad')?.textContent).toContain('2026年5月1日');
    expect(withdrawn.querySelector('.tag.bad')?.textContent).toContain('除籍');
    expect(withdrawn.textContent).toContain('所蔵 0（貸出可 0）');

    // unticked: withdrawn records are left out again
    withdrawnBox()!.click();
    await h.stable();
    expect(params(searchRequest())).toMatchObject({ q: '夏目', withdrawn: 'exclude' });
  });

  it('keeps 除籍を含む from the URL and pages through the exact total', async () => {
    await open('/catalog?q=%E6%BC%B1%E7%9F%B3&withdrawn=include');
    expect(withdrawnBox()?.checked).toBe(true);
    let req = searchRequest();
    expect(params(req)).toMatchObject({ withdrawn: 'include', page: '1' });
    req.flush({ total: 45, page: 1, size: 20, hits: Array.from({ length: 20 }, (_, i) => hit({ id: `r${i}`, title: `漱石全集 第${i + 1}巻` })) });
    await h.stable();
    expect(status()).toBe('45 件');
    expect(h.page.querySelector('nav')?.textContent).toContain('1 / 3');

    const next = [...h.page.querySelectorAll<HTMLButtonElement>('nav button')].at(-1)!;
    next.click();
    await h.stable();
    req = searchRequest();
    expect(params(req)).toMatchObject({ q: '漱石', withdrawn: 'include', page: '2' });
    req.flush({ total: 45, page: 2, size: 20, hits: [hit({ id: 'r20', title: '漱石全集 第21巻' })] });
    await h.stable();
    expect(rows()).toHaveLength(1);
  });

  it('opens a record from its title', async () => {
    await open('/catalog?q=9784003101018');
    searchRequest().flush({ total: 1, page: 1, size: 20, hits: [hit({})] });
    await h.stable();
    rows()[0].querySelector('a')!.click();
    await h.stable();
    expect(TestBed.inject(Router).url).toBe('/catalog/records/r-neko');
  });

  it('says so when nothing matches, and speaks English when asked', async () => {
    await open('/catalog?q=JP0000');
    searchRequest().flush({ total: 0, page: 1, size: 20, hits: [] });
    await h.stable();
    expect(h.page.textContent).toContain('該当する書誌はありません。');

    TestBed.inject(I18n).setLang('en');
    await h.stable();
    expect(h.page.querySelector('mat-checkbox')?.textContent).toContain('Include withdrawn');
    expect(status()).toBe('0 records');
    expect(h.page.textContent).toContain('No record matches.');
  });
});
