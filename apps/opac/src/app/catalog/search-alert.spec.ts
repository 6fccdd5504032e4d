import { Component } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Session } from '../core/session';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { SearchPage } from './search-page';

// The search page's first compile (Material's expansion panels, slider, form fields) takes a few
// seconds on a loaded 2-core machine: more than jest's default 5 s for the first test of a file.
jest.setTimeout(20_000);

@Component({ selector: 'opac-test-login', template: 'login' })
class LoginStub {}

const ME = {
  id: 'p1',
  cardNumber: '0100001',
  name: '釧路 花子',
  email: 'hanako@example.jp',
  lastLoginAt: null,
  lastUseAt: null,
  cardExpiresAt: null,
  counts: { loans: 0, overdue: 0, holds: 0, readyHolds: 0, alerts: 0, cart: 0 },
};

/** 「この条件で新着お知らせ」: the search a patron looks at saved as a new-arrival alert in one click. */
describe('search page: alert from a search', () => {
  let http: HttpTestingController;
  afterEach(() => http.verify());

  async function open(url: string, signedIn: boolean) {
    http = setUpOpac(presetInfo('kushiro'), [
      { path: 'search', component: SearchPage },
      { path: 'login', component: LoginStub },
    ]);
    const loaded = TestBed.inject(Session).ensureLoaded();
    const me = http.expectOne('/api/t/kushiro/me');
    if (signedIn) me.flush(ME);
    else me.flush({ code: 'UNAUTHENTICATED', message: { ja: 'ログインしてください。', en: 'Please sign in.' } }, { status: 401, statusText: 'Unauthorized' });
    await loaded;
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    http.expectOne((r) => r.url === '/api/t/kushiro/search').flush({ total: 0, hits: [] });
    await harness.fixture.whenStable();
    return harness;
  }

  /** The write's CSRF token first (asked before the first write), then the write itself. */
  async function alertRequest(harness: RouterTestingHarness) {
    await settle(harness);
    http.match('/api/csrf').forEach((r) => r.flush({ token: 'csrf-1' }));
    await settle(harness);
    return http.expectOne((r) => r.url === '/api/t/kushiro/me/alerts' && r.method === 'POST');
  }

  const settle = async (harness: RouterTestingHarness) => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  };

  it('saves the query and its filters as an alert in one click and says so, with a link to the alerts', async () => {
    const harness = await open(`/search?q=${encodeURIComponent('夏目漱石')}&materialType=book&ndc=913`, true);
    const page = harness.routeNativeElement!;
    const button = page.querySelector<HTMLButtonElement>('button.save-alert')!;
    expect(button.textContent).toContain('この条件で新着お知らせ');
    button.click();
    const req = await alertRequest(harness);
    expect(req.request.body).toEqual({ name: '夏目漱石, 分類（NDC）: 913, 図書', query: { q: '夏目漱石', ndc: ['913'], materialType: ['book'] } });
    req.flush({ id: 'a1', name: '夏目漱石, 分類（NDC）: 913, 図書', query: req.request.body.query, createdAt: '2026-12-06T12:00:00Z', lastCheckedAt: null, active: true });
    await settle(harness);
    const notice = page.querySelector('.alert-notice')!;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('「夏目漱石, 分類（NDC）: 913, 図書」を新着お知らせに保存しました');
    expect(notice.querySelector('a')?.getAttribute('href')).toBe('/my/alerts');
  });

  it('saves every filter of a filtered search page: exclusions, 予約可, authors, the year range, several classes', async () => {
    const url =
      '/search?' +
      new URLSearchParams({
        q: '草枕',
        reservable: 'true',
        authorName: '夏目 漱石,森 鷗外',
        yearFrom: '1960',
        yearTo: '2000',
        ndc: '913,914',
        availability: 'on-loan',
        notMaterialType: 'magazine',
        notNdc: '291',
        notAuthorName: '平岡 敏夫',
        notAvailability: 'unavailable',
        notBranch: 'east',
        sort: 'newest',
        page: '2',
      }).toString();
    const harness = await open(url, true);
    harness.routeNativeElement!.querySelector<HTMLButtonElement>('button.save-alert')!.click();
    const req = await alertRequest(harness);
    // the search's conditions exactly, as JSON; the order and the page are not conditions
    expect(req.request.body.query).toEqual({
      q: '草枕',
      yearFrom: 1960,
      yearTo: 2000,
      ndc: ['913', '914'],
      availability: ['on-loan'],
      authorName: ['夏目 漱石', '森 鷗外'],
      notMaterialType: ['magazine'],
      notBranch: ['east'],
      notAvailability: ['unavailable'],
      notNdc: ['291'],
      notAuthorName: ['平岡 敏夫'],
      reservable: true,
    });
    // the name tells the filters too (as the chips read them), not only the words
    expect(req.request.body.name).toMatch(/^草枕, /);
    expect(req.request.body.name).toContain('予約可');
    expect(req.request.body.name).toContain('除外：雑誌');
    expect(req.request.body.name.length).toBeLessThanOrEqual(100);
    req.flush({ id: 'a2', name: req.request.body.name, query: req.request.body.query, createdAt: '2026-12-06T12:00:00Z', lastCheckedAt: null, active: true });
    await settle(harness);
  });

  it('shows the API’s reason when the alert cannot be saved (no e-mail on file)', async () => {
    const harness = await open(`/search?q=${encodeURIComponent('こころ')}`, true);
    harness.routeNativeElement!.querySelector<HTMLButtonElement>('button.save-alert')!.click();
    (await alertRequest(harness)).flush({ code: 'ALERT_EMAIL_REQUIRED', message: { ja: 'メールアドレスを登録してください。', en: 'Add an e-mail address.' } }, { status: 422, statusText: 'Unprocessable' });
    await settle(harness);
    expect(harness.routeNativeElement!.querySelector('.alert-notice')?.textContent).toContain('メールアドレスを登録してください。');
  });

  it('sends a patron who is not signed in to sign in first, and back to this search', async () => {
    const harness = await open(`/search?q=${encodeURIComponent('こころ')}`, false);
    harness.routeNativeElement!.querySelector<HTMLButtonElement>('button.save-alert')!.click();
    await settle(harness);
    expect(decodeURIComponent(decodeURIComponent(TestBed.inject(Router).url))).toBe('/login?next=/search?q=こころ');
    http.expectNone((r) => r.url === '/api/t/kushiro/me/alerts');
  });
});
