import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { presetInfo } from '../testing/fixtures';
import { setUpOpac } from '../testing/setup';
import { featureGuard } from './guards';
import { Kiosk } from './kiosk';

describe('featureGuard: pages closed by URL as the menu closes them', () => {
  const run = (feature: Parameters<typeof featureGuard>[0]) =>
    TestBed.runInInjectionContext(() => featureGuard(feature)({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot)) as Promise<boolean | UrlTree>;
  const url = (r: boolean | UrlTree) => (r === true ? true : TestBed.inject(Router).serializeUrl(r as UrlTree));

  it('kushiro kiosk: booklist and alerts are hidden from the menu, so their URLs lead back to My page', async () => {
    setUpOpac(presetInfo('kushiro'));
    TestBed.inject(Kiosk).active.set(true);
    expect(url(await run('bookshelves'))).toBe('/my');
    expect(url(await run('alerts'))).toBe('/my');
    TestBed.inject(Kiosk).active.set(false);
    expect(url(await run('bookshelves'))).toBe(true);
    expect(url(await run('alerts'))).toBe(true);
  });

  it('katori kiosk keeps the personal pages; the digital card is never on a kiosk', async () => {
    setUpOpac(presetInfo('katori'));
    TestBed.inject(Kiosk).active.set(true);
    expect(url(await run('bookshelves'))).toBe(true);
    expect(url(await run('digitalCard'))).toBe('/my');
    TestBed.inject(Kiosk).active.set(false);
    expect(url(await run('digitalCard'))).toBe(true);
  });
});
