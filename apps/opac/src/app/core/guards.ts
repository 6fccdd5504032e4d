import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Kiosk } from './kiosk';
import { Library } from './library';
import { Session } from './session';

/** Pages of the signed-in patron: others go to the sign-in page and come back after it. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  const me = await session.ensureLoaded();
  if (!me) return router.createUrlTree(['/login'], { queryParams: { next: state.url } });
  // A temporary password must be changed before anything else (city003).
  if (me.mustChangePassword) return router.createUrlTree(['/change-password']);
  return true;
};

/** The forced password change: only while the session still needs it. */
export const mustChangeGuard: CanActivateFn = async () => {
  const session = inject(Session);
  const router = inject(Router);
  const me = await session.ensureLoaded();
  if (!me) return router.createUrlTree(['/login']);
  return me.mustChangePassword ? true : router.createUrlTree(['/my']);
};

/**
 * A page for a patron feature the city may not offer (features.*): My page when it is off.
 * On a kiosk the menu hides the personal pages where the city says so (Kushiro: booklist and
 * alerts) and the digital card; the URL is closed as the menu is.
 */
export function featureGuard(feature: 'bookshelves' | 'readingHistory' | 'readingMarathon' | 'alerts' | 'digitalCard'): CanActivateFn {
  return async () => {
    const router = inject(Router); // inject() before the first await
    const kiosk = inject(Kiosk);
    const info = await inject(Library).whenLoaded();
    if (!info?.policy.features[feature]) return router.createUrlTree(['/my']);
    const onKiosk = kiosk.active() && (feature === 'digitalCard' || info.policy.kiosk.personalFeatures === false);
    return onKiosk ? router.createUrlTree(['/my']) : true;
  };
}

/** Any page while a temporary password is pending sends the patron back to the change form. */
export const notDuringPasswordChange: CanActivateFn = async () => {
  const session = inject(Session);
  const router = inject(Router);
  if (!session.known()) await session.ensureLoaded();
  return session.mustChangePassword() ? router.createUrlTree(['/change-password']) : true;
};
