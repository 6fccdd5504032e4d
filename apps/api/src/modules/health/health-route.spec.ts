import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY } from '../../engine/auth/auth.decorators';
import { HealthController } from './health.controller';

/** HealthRoute answers GET health in place of Nest's pipeline: should the route's decorators change, this fails first. */
describe('HealthRoute stands in for the documented /health route', () => {
  it('the route is public, reads no caller and has no guard, interceptor or pipe of its own', () => {
    const handler = HealthController.prototype.health;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler), onClass: Reflect.getMetadata(key, HealthController) }).toEqual({ key, onRoute: undefined, onClass: undefined });
    }
  });
});
