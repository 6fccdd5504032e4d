import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY } from '../../engine/auth/auth.decorators';
import { HealthController } from './health.controller';
import { HealthRoute } from './health-route';

/** HealthRoute answers GET health in place of Nest's pipeline: should the route's decorators change, this fails first. */
describe('HealthRoute stands in for the documented /health route', () => {
  it('the route is public, reads no caller and has no guard, interceptor or pipe of its own', () => {
    const handler = HealthController.prototype.health;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler), onClass: Reflect.getMetadata(key, HealthController) }).toEqual({ key, onRoute: undefined, onClass: undefined });
    }
    // no input at all
    expect(Reflect.getMetadata('design:paramtypes', HealthController.prototype, 'health')).toEqual([]);

    // and HealthRoute does the same: no per-IP limit, nothing to validate; at the front for GETs without a cookie
    const { route } = new HealthRoute({} as never, {} as never);
    expect({ limited: route.limited, query: route.query, params: route.params }).toEqual({ limited: false, query: undefined, params: undefined });
    expect(route.front?.test('/api/health')).toBe(true);
  });
});
