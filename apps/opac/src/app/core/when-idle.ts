import { InjectionToken } from '@angular/core';

/**
 * Runs work once the browser is idle (requestIdleCallback, at the latest after 2 s; a task
 * later where there is none): what a page draws after its first content, in a task of its own,
 * so a phone paints the content first and no single task runs long. Specs run it at once.
 */
export const WHEN_IDLE = new InjectionToken<(work: () => void) => void>('WHEN_IDLE', {
  providedIn: 'root',
  factory: () => (work) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
    else setTimeout(work);
  },
});
