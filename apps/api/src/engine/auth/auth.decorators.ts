import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './sessions.service';

export type AccessRule =
  /**
   * anyone. The caller's session is looked up only when `principal` is set (a route that
   * answers differently when signed in); other public routes cost no session read.
   */
  | { who: 'public'; principal?: boolean }
  | { who: 'platform-admin'; duringPasswordChange?: boolean }
  /** librarian of the route's tenant, or a platform admin */
  | { who: 'staff'; duringPasswordChange?: boolean }
  /**
   * a patron of the route's tenant. For every kind, `duringPasswordChange` routes stay open
   * while a temporary password must be changed; all others answer PASSWORD_CHANGE_REQUIRED.
   */
  | { who: 'patron'; duringPasswordChange?: boolean };

export const ACCESS_KEY = 'shiori:access';

export const Public = (opts: { principal?: boolean } = {}) => SetMetadata(ACCESS_KEY, { who: 'public', ...opts } satisfies AccessRule);
export const PlatformAdmin = (opts: { duringPasswordChange?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, { who: 'platform-admin', ...opts } satisfies AccessRule);
export const Staff = (opts: { duringPasswordChange?: boolean } = {}) => SetMetadata(ACCESS_KEY, { who: 'staff', ...opts } satisfies AccessRule);
export const PatronOnly = (opts: { duringPasswordChange?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, { who: 'patron', ...opts } satisfies AccessRule);

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<Request>().principal;
});
