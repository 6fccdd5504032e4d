import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant, TenantRef } from '@shiori/tenancy';
import { RateLimiter } from '../../../engine/http/rate-limiter';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { MachinesService } from '../machines/machines.service';
import { field, SipMessage } from '../protocol/codec';
import { SipSession } from './sip-session';

const WINDOW_MS = 15 * 60_000;
/**
 * Failed SIP2 logins allowed per 15 minutes: per address, and per machine login. A machine
 * over its limit is still let in from the address it last signed in from, so a stranger
 * guessing its password cannot lock the real machine out.
 */
export const LOGIN_LIMITS = { perAddress: 20, perMachine: 10 } as const;

export interface LoginOutcome {
  session: SipSession | null;
  /** For the log: OK, or why the login was refused (the machine is only told 940). */
  code: string;
}

/**
 * The SIP2 login (93): `CP` names the city (its slug), `CN` and `CO` are the login and
 * password of one of that city's self-check machines. A connection already bound to a
 * city cannot sign in to another. Failed logins are counted per address and per machine.
 */
@Injectable()
export class MachineLoginService {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly machines: MachinesService,
    private readonly limiter: RateLimiter,
  ) {}

  async login(msg: SipMessage, address: string, bound: TenantRef | null): Promise<LoginOutcome> {
    const login = field(msg, 'CN') ?? '';
    const password = field(msg, 'CO') ?? '';
    const slug = field(msg, 'CP') ?? '';
    const addressKey = `sip-login:address:${address}`;
    const refuse = (code: string, count = true): LoginOutcome => {
      if (count) this.limiter.hit(addressKey, LOGIN_LIMITS.perAddress, WINDOW_MS);
      return { session: null, code };
    };
    if (this.limiter.waitFor(addressKey, LOGIN_LIMITS.perAddress, WINDOW_MS) > 0) return refuse('RATE_LIMITED', false);
    // only plain-text logins are defined by SIP2 (algorithm 0)
    if (msg.fixed.uidAlgorithm !== '0' || msg.fixed.pwdAlgorithm !== '0') return refuse('SIP_LOGIN_ALGORITHM');
    if (bound && bound.slug !== slug) return refuse('SIP_OTHER_CITY');
    const tenant = await this.registry.findBySlug(slug);
    if (!tenant) return refuse('TENANT_NOT_FOUND');
    if (tenant.status !== 'active') return refuse('TENANT_SUSPENDED', false);
    const ref: TenantRef = { id: tenant.id, slug: tenant.slug, name: tenant.name };
    const machineKey = `sip-login:machine:${tenant.id}:${login}`;
    return runInTenant(this.ds, ref, async () => {
      if (this.limiter.waitFor(machineKey, LOGIN_LIMITS.perMachine, WINDOW_MS) > 0 && (await this.machines.usualAddress(login)) !== address) {
        return refuse('RATE_LIMITED', false);
      }
      const machine = await this.machines.signIn(login, password, address);
      if (!machine) {
        this.limiter.hit(machineKey, LOGIN_LIMITS.perMachine, WINDOW_MS);
        return refuse('LOGIN_FAILED');
      }
      return { session: { tenant: ref, machine, address }, code: 'OK' };
    });
  }
}
