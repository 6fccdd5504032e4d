import { getPreset } from '@shiori/policy';
import { SessionsService } from '../../src/engine/auth/sessions.service';
import { Sip2Server } from '../../src/modules/selfcheck/server/sip2-server';
import { temporaryPassword } from './patrons';
import { TestApp } from './app';
import { api, expectStatus, Library, SeededPatron } from './circulation-factories';

/** The first library branch of each preset (where seeded copies and machines live). */
export const HOME: Record<string, string> = { katori: 'sawara', kushiro: 'central', kitakyushu: 'central', city003: 'central', koga: 'main' };

export const ALL = { checkout: true, checkin: true, renew: true, patronInfo: true };

export interface Machine {
  id: string;
  login: string;
  name: string;
  password: string;
}

let seq = 0;
/** Registers a self-check machine through the librarians' API; returns it with its password (shown once). */
export async function createMachine(lib: Library, body: Partial<{ login: string; name: string; branchCode: string; permissions: typeof ALL; charset: string; password: string }> = {}): Promise<Machine> {
  seq++;
  const res = expectStatus(
    await api(lib).post('/admin/self-check-machines', {
      login: `sc-${lib.slug}-${seq}`.slice(0, 40),
      name: `自動貸出機${seq}号機`,
      branchCode: HOME[lib.preset],
      permissions: ALL,
      ...body,
    }),
    201,
  );
  return { id: res.body.machine.id, login: res.body.machine.login, name: res.body.machine.name, password: res.body.password };
}

/** Starts the app's SIP2 server (SIP2_PORT=0 in the test config: a free port); returns the port. */
export async function startSip2(t: TestApp): Promise<number> {
  return (await t.app.get(Sip2Server).start()).port;
}

/** The contact a hold placed in the OPAC may use in this city ('none' where offered). */
export function holdContact(preset: string): string {
  const methods = getPreset(preset)!.policy.holds.contactMethods;
  return methods.includes('none') ? 'none' : methods[0];
}

/** `YYYY-MM-DD` as a SIP2 due date (end of that day, Japan's local time). */
export const sipDay = (isoDate: string) => `${isoDate.replace(/-/g, '')}    235959`;

/**
 * Gives the patron an OPAC password (a temporary one from the desk, as a new patron gets) to
 * type as the PIN at the machine. Issuing it ends the patron's sessions, so the patron gets
 * a fresh one for the OPAC calls of the test.
 */
export async function withPin(lib: Library, patron: SeededPatron): Promise<{ pin: string; token: string }> {
  const pin = await temporaryPassword(lib.t, lib.slug, lib.staff, patron.id);
  const { token } = await lib.t.app.get(SessionsService).create({ kind: 'patron', patronId: patron.id, tenantId: lib.tenantId, mustChangePassword: false });
  patron.token = token;
  return { pin, token };
}
