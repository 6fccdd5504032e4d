import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRoute } from './health-route';

/** The database's health for load balancers (`GET /api/health`) and the CSRF token of a cookie session (`GET /api/csrf`). */
@Module({ controllers: [HealthController], providers: [HealthRoute] })
export class HealthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // /health ahead of Nest's pipeline (HealthRoute); HealthController documents it
    consumer.apply(HealthRoute).forRoutes({ path: 'health', method: RequestMethod.GET });
  }
}
