import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { actorStorage } from '../http/request-context';

/**
 * Every tenant request runs its handler inside one transaction on the shared pool, bound
 * to the tenant schema; a thrown error rolls everything back, so nothing is half-written.
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(private readonly ds: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const tenant = req?.tenant;
    const actor = { principal: req?.principal, ip: req?.ip };
    if (!tenant) return from(actorStorage.run(actor, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
    return from(actorStorage.run(actor, () => 
      runInTenant(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      ),
    ));
  }
}
