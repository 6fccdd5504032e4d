import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './sessions.service';

export type AccessRule =
  | { who: 'public' }
  | { who: 'platform-admin' }
  /** librarian of the route's tenant, or a platform admin */
  | { who: 'staff' }
  /** a patron of the route's tenant; `duringPasswordChange` routes stay open while a temporary password must be changed */
  | { who: 'patron'; duringPasswordChange?: boolean };

export const ACCESS_KEY = 'shiori:access';

export const Public = () => SetMetadata(ACCESS_KEY, { who: 'public' } satisfies AccessRule);
export const PlatformAdmin = () => SetMetadata(ACCESS_KEY, { who: 'platform-admin' } satisfies AccessRule);
export const Staff = () => SetMetadata(ACCESS_KEY, { who: 'staff' } satisfies AccessRule);
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
