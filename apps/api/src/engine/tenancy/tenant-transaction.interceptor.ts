import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { runInTenant, runTenantRead } from '@shiori/tenancy';
import { actorStorage } from '../http/request-context';

const TENANT_READ_KEY = 'shiori:tenant-read';

/**
 * Marks a handler that reads with ONE statement through tenantStatement() and writes
 * nothing: it runs without a transaction around it (one database round trip instead of
 * four). For the hottest public reads only (the catalogue search).
 */
export const TenantRead = () => SetMetadata(TENANT_READ_KEY, true);

/**
 * Marks a handler on a tenant path whose database work is on platform tables through the
 * pool (staff sign-in, sign-out, password change): it gets the tenant context without a
 * tenant transaction, so it never holds one connection while waiting for another.
 */
export const NoTenantTransaction = () => SetMetadata(TENANT_READ_KEY, true);

/**
 * Every tenant request runs its handler inside one transaction on the shared pool, bound
 * to the tenant schema; a thrown error rolls everything back, so nothing is half-written.
 * Handlers marked @TenantRead() or @NoTenantTransaction() get the tenant context without a
 * transaction.
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
    if (this.reflector.get<boolean>(TENANT_READ_KEY, context.getHandler())) {
      return from(actorStorage.run(actor, () => runTenantRead(this.ds, ref, handle)));
    }
    return from(actorStorage.run(actor, () => runInTenant(this.ds, ref, handle)));
  }
}
