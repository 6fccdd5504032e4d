import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/sessions.service';

/** Who is acting in the current request (for the audit log), beside the tenant context. */
export interface RequestActor {
  principal?: Principal;
  ip?: string;
}

export const actorStorage = new AsyncLocalStorage<RequestActor>();

export function currentActor(): RequestActor {
  return actorStorage.getStore() ?? {};
}
