import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CityHolding, RegionWork } from '@shiori/contracts';
import { WorkList } from './work-list';

describe('Regional search: 取り寄せ申込 links for the reader’s own city', () => {
  let fixture: ComponentFixture<WorkList>;
  let el: HTMLElement;

  const holding = (city: string, id: string): CityHolding => ({
    city,
    cityName: `${city}市立図書館`,
    recordUrl: `http://lib.example/shiori/opac/${city}/records/${id}`,
    recordId: id,
    copies: 1,
    available: 1,
    onLoan: 0,
    status: 'available',
  });
  const work = (key: string, holdings: CityHolding[]): RegionWork => ({
    key,
    isbn: null,
    title: key,
    titleReading: null,
    authors: [],
    year: null,
    publisher: null,
    materialType: 'book',
    volume: null,
    status: 'available',
    holdings,
  });

  function render(works: RegionWork[], homeCity: { slug: string; name: string } | null) {
    TestBed.configureTestingModule({});
    fixture = TestBed.createComponent(WorkList);
    fixture.componentRef.setInput('works', works);
    fixture.componentRef.setInput('homeCity', homeCity);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
  }

  it('links each other city’s holding to the home city’s ask page, unless the home city holds the work', () => {
    render([work('雪華図説', [holding('koga', 'rec-1'), holding('kitakyushu', 'rec-2')]), work('佐原の町並み', [holding('katori', 'rec-3'), holding('koga', 'rec-4')])], { slug: 'katori', name: '香取市立図書館' });
    const [first, second] = [...el.querySelectorAll('li.work')];
    const links = [...first.querySelectorAll<HTMLAnchorElement>('a[data-ask]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'http://lib.example/shiori/opac/katori/ill/ask?city=koga&record=rec-1',
      'http://lib.example/shiori/opac/katori/ill/ask?city=kitakyushu&record=rec-2',
    ]);
    expect(links[0].textContent).toContain('香取市立図書館で取り寄せを申し込む');
    expect(second.querySelector('a[data-ask]')).toBeNull();
  });

  it('offers nothing to ask without a home city (the regional OPAC opened directly)', () => {
    render([work('雪華図説', [holding('koga', 'rec-1')])], null);
    expect(el.querySelector('a[data-ask]')).toBeNull();
    expect(el.querySelector('a.record-link')?.getAttribute('href')).toBe('http://lib.example/shiori/opac/koga/records/rec-1');
  });
});
