import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';
import { ACCESS_KEY, AccessRule } from './auth.decorators';
import type { Principal } from './sessions.service';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard: authenticates through passport (cookie or bearer), then checks the
 * route's access rule, tenant membership and, for cookie-authenticated writes, the CSRF
 * header. Routes without an access rule are closed.
 */
@Injectable()
export class AccessGuard extends AuthGuard('session') implements CanActivate {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    return user;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request>();
    // a public route that does not read the caller: no session lookup (the catalogue search
    // of a signed-in patron would otherwise read the session table on every search)
    if (rule?.who === 'public' && !rule.principal) return true;
    await super.canActivate(context);
    const user = req.user as Principal | { anonymous: true } | undefined;
    const principal = user && !('anonymous' in user) ? user : undefined;
    req.principal = principal;
    if (!rule) throw new DomainError('NOT_FOUND');
    if (principal && principal.via === 'cookie' && !SAFE.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (header !== principal.csrfToken) throw new DomainError('CSRF');
    }
    if (rule.who === 'public') return true;
    if (!principal) throw new DomainError('UNAUTHENTICATED');
    const tenant = req.tenant;
    switch (rule.who) {
      case 'platform-admin':
        if (principal.kind === 'staff' && principal.role === 'platform-admin') return this.passwordChanged(principal, rule);
        throw new DomainError('FORBIDDEN');
      case 'staff':
        if (principal.kind !== 'staff') throw new DomainError('FORBIDDEN');
        if (principal.role === 'platform-admin') return this.passwordChanged(principal, rule);
        if (tenant && principal.tenantId === tenant.id) return this.passwordChanged(principal, rule);
        throw new DomainError('FORBIDDEN');
      case 'patron':
        if (principal.kind !== 'patron' || !tenant || principal.tenantId !== tenant.id) throw new DomainError('UNAUTHENTICATED');
        return this.passwordChanged(principal, rule);
    }
  }

  /** A session signed in with a temporary password may only use the routes that let it change it. */
  private passwordChanged(principal: Principal, rule: { duringPasswordChange?: boolean }): true {
    if (principal.mustChangePassword && !rule.duringPasswordChange) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    return true;
  }
}
