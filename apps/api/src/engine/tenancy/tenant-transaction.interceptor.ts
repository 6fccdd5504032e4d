import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { runInTenant, runTenantRead } from '@shiori/tenancy';
import { actorStorage } from '../http/request-context';

export const NO_TENANT_TRANSACTION = 'shiori:no-tenant-transaction';

/**
 * Marks a handler on a tenant path that must not hold a tenant transaction: it gets the
 * tenant context without one (runTenantRead). For handlers whose database work is one
 * read-only statement through tenantStatement() (the catalogue search: one round trip
 * instead of four), or on platform tables through the pool (staff sign-in, sign-out,
 * password change), so they never hold one connection while waiting for another.
 */
export const NoTenantTransaction = () => SetMetadata(NO_TENANT_TRANSACTION, true);

/**
 * Every tenant request runs its handler inside one transaction on the shared pool, bound
 * to the tenant schema; a thrown error rolls everything back, so nothing is half-written.
 * Handlers marked @NoTenantTransaction() get the tenant context without a transaction.
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly ds: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const tenant = req?.tenant;
    const actor = { principal: req?.principal, ip: req?.ip };
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    if (!tenant) return from(actorStorage.run(actor, handle));
    const ref = { id: tenant.id, slug: tenant.slug, name: tenant.name };
    if (this.reflector.get<boolean>(NO_TENANT_TRANSACTION, context.getHandler())) {
      return from(actorStorage.run(actor, () => runTenantRead(this.ds, ref, handle)));
    }
    return from(actorStorage.run(actor, () => runInTenant(this.ds, ref, handle)));
  }
}
