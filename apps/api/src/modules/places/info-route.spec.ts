import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY } from '../../engine/auth/auth.decorators';
import { NO_TENANT_TRANSACTION } from '../../engine/tenancy/tenant-transaction.interceptor';
import { InfoRoute } from './info-route';
import { InfoController } from './places.controller';

/**
 * InfoRoute answers GET info in place of Nest's pipeline, doing what the route's decorators
 * ask for. Should they change, InfoRoute must change with them: this fails first.
 */
describe('InfoRoute stands in for the documented /info route', () => {
  it('the route is public, reads no caller and has no guard, interceptor or pipe of its own', () => {
    const handler = InfoController.prototype.info;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    expect(Reflect.getMetadata(NO_TENANT_TRANSACTION, handler)).toBeUndefined();
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler), onClass: Reflect.getMetadata(key, InfoController) }).toEqual({ key, onRoute: undefined, onClass: undefined });
    }
    // no input: the request only (no query, no path parameter through a pipe)
    expect(Reflect.getMetadata('design:paramtypes', InfoController.prototype, 'info')).toEqual([Object]);

    // and InfoRoute does the same: no per-IP limit, nothing to validate; at the front for GETs without a cookie
    const { route } = new InfoRoute({} as never, {} as never);
    expect({ limited: route.limited, query: route.query, params: route.params }).toEqual({ limited: false, query: undefined, params: undefined });
    expect(route.front?.test('/api/t/katori/info')).toBe(true);
    expect(route.front?.test('/api/t/katori/info/')).toBe(false);
  });
});
