import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Cart } from '../holds/cart';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { Kiosk } from './kiosk';
import { Session } from './session';

@Component({ template: '' })
class Blank {}

describe('kiosk idle reset for every visitor (Katori 館内OPAC)', () => {
  afterEach(() => jest.useRealTimers());

  it('clears an anonymous visitor’s cart and search after the idle time, silently (no sign-out countdown shown)', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-14T10:00:00+09:00') });
    const http = setUpOpac(presetInfo('katori'), [
      { path: '', component: Blank },
      { path: 'search', component: Blank },
    ]);
    sessionStorage.setItem('shiori.opac.kiosk', '1');
    const kiosk = TestBed.inject(Kiosk);
    kiosk.active.set(true);
    const session = TestBed.inject(Session);
    jest.spyOn(session, 'signedIn').mockReturnValue(false);
    const cart = TestBed.inject(Cart);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/search?q=猫');
    await cart.add({ id: 'r1', title: '吾輩は猫である' });
    TestBed.tick();
    expect(cart.entries()).toHaveLength(1);
    expect(kiosk.remaining()).toBeNull();

    // a touch just before the end starts the time again
    jest.advanceTimersByTime(170_000);
    document.dispatchEvent(new Event('pointerdown'));
    jest.advanceTimersByTime(170_000);
    TestBed.tick();
    expect(cart.entries()).toHaveLength(1);

    jest.advanceTimersByTime(11_000);
    await jest.runOnlyPendingTimersAsync();
    TestBed.tick();
    expect(cart.entries()).toEqual([]);
    expect(router.url).toBe('/');
    expect(kiosk.remaining()).toBeNull();
    http.verify();
  });
});
