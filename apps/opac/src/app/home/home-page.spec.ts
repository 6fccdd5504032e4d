import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { App } from '../app';
import { API_LOCATION } from '../core/api';
import { CLOCK } from '../core/clock';
import { I18n } from '../core/i18n';
import type { LibraryInfo } from '@shiori/contracts';
import { I18nTitleStrategy } from '../core/title';
import { HomePage } from './home-page';
import { katoriInfo } from '../testing/fixtures';
import { spokenText } from '../testing/text';
import type { OpeningCalendar } from '@shiori/contracts';

const info: LibraryInfo = {
  slug: 'katori',
  name: '香取市立図書館',
  theme: { primary: '#1b5e8c' },
  branches: [
    { code: 'main', name: '中央図書館', nameEn: 'Central Library', askPickupPoint: false, isBookmobile: false, address: null, phone: null, hours: null, weeklyClosed: [] },
    { code: 'bm', name: '移動図書館 かとり号', nameEn: null, askPickupPoint: true, isBookmobile: true, address: null, phone: null, hours: null, weeklyClosed: [] },
  ],
  pickupPoints: [
    { code: 'bm-1', name: '佐原駅前', nameEn: null, kind: 'bookmobile-station', branchCode: 'bm', timetable: [], note: null },
    { code: 'bm-2', name: '小見川支所', nameEn: null, kind: 'bookmobile-station', branchCode: 'bm', timetable: [], note: null },
  ],
  policy: katoriInfo().policy,
};

/** 10 November 2026, 09:00 in Japan (still the 10th in UTC). */
const NOW = () => new Date('2026-11-10T09:00:00+09:00');
/** `GET /calendar` for today only: the central library opens, the bookmobile does not run. */
const TODAY_CALENDAR: OpeningCalendar = {
  from: '2026-11-10',
  to: '2026-11-10',
  today: '2026-11-10',
  branches: [
    { code: 'main', name: '中央図書館', nameEn: 'Central Library', weeklyClosed: [1], openToday: true, closed: [] },
    { code: 'bm', name: '移動図書館 かとり号', nameEn: null, weeklyClosed: [], openToday: false, closed: [{ date: '2026-11-10', reason: null, weekly: false }] },
  ],
};

describe('OPAC home', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '', component: HomePage, title: 'app.name' }]),
        { provide: TitleStrategy, useClass: I18nTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } },
        { provide: CLOCK, useValue: NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.match(() => true).forEach((r) => r.flush({ hits: [], lists: [] }));
    http.verify();
  });

  /** The public lists the city publishes: one new arrival, nothing else; and today's calendar. */
  function flushLists(calendar: 'ok' | 'pending' = 'ok') {
    if (calendar === 'ok') {
      const req = http.expectOne((r) => r.url === '/api/t/katori/calendar');
      expect(req.request.params.get('from')).toBe('2026-11-10');
      expect(req.request.params.get('to')).toBe('2026-11-10');
      req.flush(TODAY_CALENDAR);
    }
    for (const r of http.match((req) => req.url.endsWith('/me'))) {
      r.flush({ code: 'UNAUTHENTICATED', message: { ja: 'ログインしてください。', en: 'Please sign in.' } }, { status: 401, statusText: 'Unauthorized' });
    }
    for (const r of http.match((req) => req.url.includes('/lists/'))) {
      if (r.request.url.endsWith('/new-arrivals')) r.flush({ list: 'new-arrivals', hits: [{ id: 'r1', title: '吾輩は猫である', authors: [{ name: '夏目漱石' }], availability: { total: 1, available: 1, onLoan: 0, status: 'available' } }] });
      else if (r.request.url.endsWith('/recommended')) r.flush({ list: 'recommended', lists: [] });
      else r.flush({ list: 'x', hits: [] });
    }
  }

  async function render(calendar: 'ok' | 'pending' = 'ok') {
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    http.expectOne('/api/t/katori/info').flush(info);
    await fixture.whenStable();
    flushLists(calendar);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the city’s library name from /info in the toolbar and the home page', async () => {
    const page = await render();
    expect(page.querySelector('.library-name')?.textContent).toContain('香取市立図書館');
    expect(page.querySelector('opac-home-page .library')?.textContent).toContain('香取市立図書館');
    expect(document.title).toBe('蔵書検索 | 香取市立図書館');
  });

  it('lists the branches (館一覧), marking the bookmobile and its stations', async () => {
    const page = await render();
    expect(page.querySelector('#branches-heading')?.textContent).toContain('館一覧');
    const names = [...page.querySelectorAll('.branch .name')].map((e) => e.textContent?.trim());
    expect(names).toEqual(['中央図書館', '移動図書館 かとり号']);
    expect(page.textContent).toContain('受取場所 2 か所');
  });

  it('says per branch whether it is open today (本日開館 / 本日休館), in words and not by colour alone', async () => {
    const page = await render();
    const [main, bm] = [...page.querySelectorAll('.branch')];
    expect(spokenText(main.querySelector('.today'))).toBe('本日開館');
    expect(main.querySelector('.today mat-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(spokenText(bm.querySelector('.today'))).toBe('本日休館');
    expect(bm.querySelector('.today')?.classList).toContain('closed');
  });

  it('links each branch and the list to 館の案内 (the branch preselected)', async () => {
    const page = await render();
    const link = page.querySelector<HTMLAnchorElement>('.branch .name a')!;
    expect(link.textContent?.trim()).toBe('中央図書館');
    expect(link.getAttribute('href')).toBe('/libraries?branch=main');
    const more = page.querySelector<HTMLAnchorElement>('#branches-heading ~ .more a')!;
    expect(more.textContent).toContain('館の案内・開館カレンダー');
    expect(more.getAttribute('href')).toBe('/libraries');
    // and the shell: in the main menu and the footer
    expect(page.querySelector('nav .libraries-link')?.getAttribute('href')).toBe('/libraries');
    expect(page.querySelector('.footer-links a')?.getAttribute('href')).toBe('/libraries');
  });

  it('still lists the branches, without a status, while the calendar is unknown or when it fails', async () => {
    const page = await render('pending');
    expect(page.querySelectorAll('.branch .name').length).toBe(2);
    expect(page.querySelector('.branch .today')).toBeNull();
    http.expectOne((r) => r.url === '/api/t/katori/calendar').flush({ code: 'INTERNAL', message: { ja: 'エラー', en: 'Error' } }, { status: 500, statusText: 'Server Error' });
    await new Promise((r) => setTimeout(r));
    await TestBed.inject(ApplicationRef).whenStable();
    expect(page.querySelectorAll('.branch .name').length).toBe(2);
    expect(page.querySelector('.branch .today')).toBeNull();
  });

  it('paints the toolbar in the city’s colour with readable text', async () => {
    const host = await render(); // the fixture's element is <opac-root> itself
    expect(host.style.getPropertyValue('--shiori-brand')).toBe('#1b5e8c');
    expect(host.style.getPropertyValue('--shiori-on-brand')).toBe('#ffffff');
  });

  it('switches to English from the toolbar', async () => {
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    http.expectOne('/api/t/katori/info').flush(info);
    await fixture.whenStable();
    flushLists();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const toggle = page.querySelector<HTMLButtonElement>('button.language')!;
    expect(toggle.textContent).toContain('English');
    expect(toggle.getAttribute('lang')).toBe('en');
    toggle.click();
    await fixture.whenStable();
    expect(TestBed.inject(I18n).lang()).toBe('en');
    expect(page.querySelector('#branches-heading')?.textContent).toContain('Libraries');
    expect(page.textContent).toContain('Central Library');
    expect(spokenText(page.querySelector('.branch .today'))).toBe('Open today');
    expect(page.querySelector('.footer')?.textContent).toContain('Aozora Bunko');
  });

  it('carries the Aozora Bunko credit in the footer', async () => {
    const page = await render();
    expect(page.querySelector('.footer p')?.textContent).toBe('書誌データの一部は青空文庫（https://www.aozora.gr.jp/）による');
  });

  it('searches: the form goes to search?q=', async () => {
    const page = await render();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const input = page.querySelector<HTMLInputElement>('opac-home-page input[type=search]')!;
    expect(page.querySelector(`label[for="${input.id}"]`)?.textContent).toContain('検索語');
    input.value = ' こころ ';
    input.dispatchEvent(new Event('input'));
    input.form!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(navigate).toHaveBeenCalledWith(['/search'], { queryParams: { q: 'こころ' } });
  });

  it('ignores the native `search` event of <input type="search"> (it must not reach the output)', async () => {
    const page = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const input = page.querySelector<HTMLInputElement>('opac-home-page input[type=search]')!;
    input.value = 'こころ';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('search', { bubbles: true }));
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('OPAC home: public lists', () => {
  it('shows the lists the city publishes, and leaves out a list that failed', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '', component: HomePage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_LOCATION, useValue: { base: '/api', tenant: 'katori' } },
        { provide: CLOCK, useValue: NOW },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(App);
    await TestBed.inject(Router).navigateByUrl('/');
    http.expectOne('/api/t/katori/info').flush(info);
    await fixture.whenStable();
    http.match((r) => r.url.includes('/me')).forEach((r) => r.flush({ code: 'UNAUTHENTICATED', message: { ja: 'x', en: 'x' } }, { status: 401, statusText: 'x' }));
    http.expectOne((r) => r.url.endsWith('/lists/new-arrivals')).flush({ hits: [{ id: 'r1', title: '吾輩は猫である', availability: { total: 2, available: 1, onLoan: 1, status: 'available' } }] });
    http.expectOne((r) => r.url.endsWith('/lists/best-loans')).flush({ hits: [{ id: 'r2', title: 'こころ', rank: 1, count: 9 }] });
    http.expectOne((r) => r.url.endsWith('/lists/best-holds')).flush({ code: 'LIST_NOT_PUBLISHED', message: { ja: 'x', en: 'x' } }, { status: 404, statusText: 'x' });
    http.expectOne((r) => r.url.endsWith('/lists/recommended')).flush({ lists: [{ id: 'l1', title: '夏のおすすめ', hits: [{ id: 'r3', title: '銀河鉄道の夜' }] }] });
    http.expectOne((r) => r.url === '/api/t/katori/calendar').flush(TODAY_CALENDAR);
    http.expectOne('/api/t/katori/news').flush({ news: [{ id: 'n1', kind: 'news', title: '年末年始の休館', body: '', eventDate: null, publishedAt: '2026-11-20T00:00:00Z' }], events: [] });
    http.expectOne('/api/t/katori/regions').flush([{ code: 'chiba', name: '千葉県', nameEn: 'Chiba Prefecture', opacPath: '/opac/r/chiba/' }]);
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const tabs = [...page.querySelectorAll('[role=tab]')].map((t) => t.textContent?.trim());
    expect(tabs).toEqual(['新着資料', 'よく借りられている本', '夏のおすすめ']);
    expect(page.querySelector('opac-public-lists .title')?.textContent).toContain('吾輩は猫である');
    expect(page.querySelector('opac-public-lists opac-availability')?.textContent).toContain('貸出可');
    expect(page.querySelector('opac-news-events')?.textContent).toContain('年末年始の休館');
    // the city is in a region: a link to the region's search over its libraries (横断検索)
    const regionLink = page.querySelector<HTMLAnchorElement>('opac-city-region-links a')!;
    expect(regionLink.textContent).toContain('千葉県の図書館をまとめて探す');
    expect(regionLink.getAttribute('href')).toBe('/opac/r/chiba/?from=katori');
    http.verify();
  });
});
