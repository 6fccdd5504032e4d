import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { Principal } from '../auth/sessions.service';

/** Who is acting in the current request (for the audit log), beside the tenant context. */
export interface RequestActor {
  principal?: Principal;
  ip?: string;
  /** Set for the command line (`npm run cli`): the operating-system user who ran it. */
  cli?: { osUser: string | null };
  /** Set for a message of a self-check machine (SIP2): the machine that acts. */
  selfCheck?: { machineId: string; name: string };
}

export const actorStorage = new AsyncLocalStorage<RequestActor>();

export function currentActor(): RequestActor {
  return actorStorage.getStore() ?? {};
}

/** The OS account running the CLI (the one behind sudo when there is one); null when unknown. */
function osUser(): string | null {
  if (process.env.SUDO_USER) return process.env.SUDO_USER;
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/** Runs `fn` as the command line: audit rows it writes name the actor `cli` (with the OS user). */
export function runAsCli<T>(fn: () => Promise<T>): Promise<T> {
  return actorStorage.run({ cli: { osUser: osUser() } }, fn);
}
