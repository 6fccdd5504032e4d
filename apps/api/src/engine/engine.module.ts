import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './auth/access.guard';
import { SessionStrategy } from './auth/session.strategy';
import { SessionsService } from './auth/sessions.service';
import { AuditService } from './audit/audit.service';
import { DatabaseWatchdog } from './database/database-watchdog.service';
import { Clock } from './clock';
import { defineErrors } from './errors/domain-error';
import { ProblemFilter } from './errors/problem.filter';
import './errors/policy-codes';
import { PublicLinks } from './http/public-links';
import { PublicReadRoutes } from './http/public-read-route';
import { RateLimiter } from './http/rate-limiter';
import { JobRunner } from './jobs/job-runner.service';
import { TenantMiddleware } from './tenancy/tenant.middleware';
import { TenantRegistry } from './tenancy/tenant-registry.service';
import { TenantTransactionInterceptor } from './tenancy/tenant-transaction.interceptor';

/** What every module stands on: tenancy wiring, auth, errors, audit, rate limits, the database watchdog. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    TenantRegistry,
    Clock,
    SessionsService,
    SessionStrategy,
    RateLimiter,
    PublicLinks,
    PublicReadRoutes,
    AuditService,
    JobRunner,
    DatabaseWatchdog,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantTransactionInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
  exports: [TenantRegistry, Clock, SessionsService, SessionStrategy, RateLimiter, PublicLinks, PublicReadRoutes, AuditService, JobRunner, DatabaseWatchdog],
})
export class EngineModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TenantMiddleware).forRoutes({ path: 't/*path', method: RequestMethod.ALL });
  }
}
