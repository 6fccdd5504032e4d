import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Session } from '../core/session';
import { Cart } from '../holds/cart';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import type { AvailabilityStatus } from '@shiori/policy';
import { Hit } from './catalog';
import { HitList, offersCart } from './hit-list';

const ME = {
  id: 'p1',
  cardNumber: '0100001',
  name: '釧路 花子',
  email: 'hanako@example.jp',
  lastLoginAt: null,
  lastUseAt: null,
  cardExpiresAt: null,
  counts: { loans: 0, overdue: 0, holds: 0, readyHolds: 0, alerts: 0, cart: 1 },
  messages: [],
  mustChangePassword: false,
};

const hit = (id: string, title: string, status?: AvailabilityStatus): Hit => {
  const fields = { id, title, titleReading: null, subtitle: null, authors: [], year: null, publisher: null, materialType: 'book', series: null, volume: null, isbn: null, receivedAt: null };
  // without a status: a hit without its copy summary, which the list still offers (the cart decides)
  if (!status) return fields as Omit<Hit, 'availability'> as Hit;
  return { ...fields, availability: { total: 2, available: status === 'available' ? 1 : 0, onLoan: status === 'on-loan' ? 2 : 0, status } };
};
const GINGA = hit('r1', '銀河鉄道の夜', 'on-loan');
const HITS: Hit[] = [
  GINGA,
  hit('r2', 'こころ', 'available'),
  hit('r3', '広辞苑', 'reference-only'),
  hit('r4', '失われた本', 'unavailable'),
  hit('r5', '坊っちゃん'),
];
const UNAUTHENTICATED = { code: 'UNAUTHENTICATED', message: { ja: 'ログインしてください。', en: 'Please sign in.' } };

describe('hit list: add to cart (予約かごに入れる) from the results', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<HitList>;
  let el: HTMLElement;

  afterEach(() => {
    http.verify();
    fixture?.destroy();
  });

  const stable = () => fixture.whenStable();
  /** The request to `url`, once the component's awaited calls have got that far. */
  async function requested(url: string, method = 'GET'): Promise<TestRequest> {
    const match = { url, method };
    for (let i = 0; i < 20; i++) {
      http.match('/api/csrf').forEach((r) => r.flush({ token: 'csrf-1' })); // before the first write
      const found = http.match(match);
      if (found.length === 1) return found[0];
      if (found.length > 1) throw new Error(`${found.length} requests to ${method} ${url}`);
      await new Promise((r) => setTimeout(r));
    }
    return http.expectOne(match);
  }
  /** Lets the click handler's awaits run, then renders. */
  async function settle() {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    await stable();
  }

  /** The list for `slug`'s city; signed in with `cart` in the API's cart, or signed out. */
  async function render(slug: 'kushiro' | 'koga' | 'kitakyushu', hits: Hit[], session: { cart: object[] } | 'signed-out' = 'signed-out') {
    http = setUpOpac(presetInfo(slug));
    const loaded = TestBed.inject(Session).ensureLoaded();
    const me = http.expectOne(`/api/t/${slug}/me`);
    if (session === 'signed-out') me.flush(UNAUTHENTICATED, { status: 401, statusText: 'Unauthorized' });
    else me.flush({ ...ME, counts: { ...ME.counts, cart: session.cart.length } });
    await loaded;
    fixture = TestBed.createComponent(HitList);
    fixture.componentRef.setInput('hits', hits);
    await stable();
    if (session !== 'signed-out') {
      (await requested(`/api/t/${slug}/me/cart`)).flush(session.cart);
      await settle();
    }
    el = fixture.nativeElement as HTMLElement;
  }

  const titles = (selector: string) => [...el.querySelectorAll(selector)].map((b) => b.closest('.hit')?.querySelector('.title')?.textContent?.trim());
  const addButton = (recordId: string) => el.querySelector<HTMLButtonElement>(`button.add-to-cart[data-record="${recordId}"]`);
  const cartLink = (recordId: string) => el.querySelector<HTMLAnchorElement>(`a.in-cart[data-record="${recordId}"]`);
  const status = () => el.querySelector('[role=status]')?.textContent?.trim();

  describe('which hits offer the button', () => {
    it('any loanable copy (Kushiro): on the shelf or on loan, not 禁帯出 only nor without copies', async () => {
      await render('kushiro', HITS);
      expect(titles('button.add-to-cart')).toEqual(['銀河鉄道の夜', 'こころ', '坊っちゃん']);
      const b = addButton('r1')!;
      expect(b.getAttribute('aria-label')).toBe('「銀河鉄道の夜」を予約かごに入れる');
      expect(b.textContent).toContain('予約かごに入れる');
      expect(b.disabled).toBe(false);
    });

    it('web holds for items on loan only (Koga): no button while a copy is on the shelf, as on the record page', async () => {
      await render('koga', HITS);
      expect(titles('button.add-to-cart')).toEqual(['銀河鉄道の夜', '坊っちゃん']);
    });

    it('comes after the title link in the tab order', async () => {
      await render('kushiro', [GINGA]);
      const focusable = [...el.querySelectorAll<HTMLElement>('a[href], button')];
      expect(focusable.map((e) => e.className.split(' ')[0])).toEqual(['title', 'mdc-button']);
      expect(focusable[1].classList).toContain('add-to-cart');
    });

    it('the rule by itself', () => {
      const a = (status: AvailabilityStatus) => ({ total: 1, available: 0, onLoan: 0, status });
      expect(offersCart(a('available'), 'any-loanable')).toBe(true);
      expect(offersCart(a('available'), 'only-on-loan')).toBe(false);
      expect(offersCart(a('on-loan'), 'only-on-loan')).toBe(true);
      expect(offersCart(a('reference-only'), 'any-loanable')).toBe(false);
      expect(offersCart(a('unavailable'), 'any-loanable')).toBe(false);
      expect(offersCart(undefined, 'only-on-loan')).toBe(true);
      expect(offersCart(a('available'), undefined)).toBe(true);
    });
  });

  describe('signed in', () => {
    it('says so for a record already in the cart, with a link to the cart', async () => {
      await render('kushiro', [GINGA], { cart: [{ recordId: 'r1', title: '銀河鉄道の夜', selected: true, reservable: { ok: true } }] });
      expect(addButton('r1')).toBeNull();
      const link = cartLink('r1')!;
      expect(link.textContent).toContain('予約かごに入っています');
      expect(link.getAttribute('href')).toBe('/cart');
      expect(link.getAttribute('aria-label')).toContain('「銀河鉄道の夜」は予約かごに入っています');
    });

    it('adds through the cart API, turns the button into the cart link with the focus on it, counts it and says so politely', async () => {
      const other = { recordId: 'r9', title: 'こころ', selected: true, reservable: { ok: true } };
      await render('kushiro', [GINGA], { cart: [other] });
      const cart = TestBed.inject(Cart);
      expect(cart.count()).toBe(1);
      const b = addButton('r1')!;
      b.focus();
      b.click();
      const post = await requested('/api/t/kushiro/me/cart', 'POST');
      expect(post.request.body).toEqual({ recordId: 'r1' });
      post.flush({ recordId: 'r1', title: '銀河鉄道の夜', selected: true, position: 2, reservable: { ok: true } });
      await settle();
      expect(addButton('r1')).toBeNull();
      expect(cartLink('r1')?.textContent).toContain('予約かごに入っています');
      expect(document.activeElement).toBe(cartLink('r1'));
      expect(cart.count()).toBe(2);
      const region = el.querySelector('[role=status]')!;
      expect(region.getAttribute('aria-live')).toBe('polite');
      expect(status()).toBe('「銀河鉄道の夜」を予約かごに入れました。');
    });

    it('shows the API’s refusal (cart full) in Japanese, and keeps the button and its focus', async () => {
      await render('kushiro', [GINGA], { cart: [] });
      const b = addButton('r1')!;
      b.focus();
      b.click();
      const post = await requested('/api/t/kushiro/me/cart', 'POST');
      fixture.detectChanges();
      // busy, yet still focusable (aria-disabled, not disabled), so the focus is not lost
      expect(b.getAttribute('aria-disabled')).toBe('true');
      expect(b.disabled).toBe(false);
      post.flush(
        { code: 'CART_FULL', message: { ja: '予約かごがいっぱいです。不要な資料を削除してください。', en: 'The cart is full. Remove some records first.' } },
        { status: 409, statusText: 'Conflict' },
      );
      await settle();
      const alert = el.querySelector('[role=alert]')!;
      expect(alert.textContent).toContain('「銀河鉄道の夜」を予約かごに入れられませんでした。予約かごがいっぱいです。');
      expect(addButton('r1')).toBe(b);
      expect(b.getAttribute('aria-describedby')).toBe(alert.id);
      expect(document.activeElement).toBe(b);
      expect(status()).toBe('');
      expect(TestBed.inject(Cart).count()).toBe(0);
    });

    it('takes a record the cart says cannot be reserved out again and says why (Koga: a copy came back to the shelf)', async () => {
      await render('koga', [GINGA], { cart: [] });
      addButton('r1')!.click();
      (await requested('/api/t/koga/me/cart', 'POST')).flush({
        recordId: 'r1',
        title: '銀河鉄道の夜',
        selected: true,
        position: 1,
        reservable: { ok: false, code: 'NOT_RESERVABLE', reason: 'ON_SHELF' },
      });
      (await requested('/api/t/koga/me/cart/r1', 'DELETE')).flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(el.querySelector('[role=alert]')?.textContent).toContain('書架にあるため予約できません。来館してお借りください。');
      expect(cartLink('r1')).toBeNull();
      expect(addButton('r1')).not.toBeNull();
      expect(TestBed.inject(Cart).count()).toBe(0);
    });
  });

  describe('signed out', () => {
    it('where the city asks for sign-in first (Kushiro), goes to the login page and back, as the record page does', async () => {
      await render('kushiro', [GINGA]);
      const router = TestBed.inject(Router);
      const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
      jest.spyOn(router, 'url', 'get').mockReturnValue('/search?q=%E9%8A%80%E6%B2%B3');
      addButton('r1')!.click();
      await settle();
      expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { next: '/search?q=%E9%8A%80%E6%B2%B3', reason: 'cart' } });
      http.expectNone({ method: 'POST' });
    });

    it('where anyone may fill the cart (Kitakyushu), keeps it in this browser session and counts it', async () => {
      await render('kitakyushu', [GINGA]);
      addButton('r1')!.click();
      await settle();
      http.expectNone({ method: 'POST' });
      expect(cartLink('r1')).not.toBeNull();
      expect(TestBed.inject(Cart).count()).toBe(1);
      expect(JSON.parse(sessionStorage.getItem('shiori.opac.cart') ?? '[]')).toEqual([expect.objectContaining({ recordId: 'r1', title: '銀河鉄道の夜' })]);
      expect(status()).toBe('「銀河鉄道の夜」を予約かごに入れました。');
    });
  });
});
