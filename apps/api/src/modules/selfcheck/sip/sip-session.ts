import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant, runTenantRead, TenantRef } from '@shiori/tenancy';
import { actorStorage } from '../../../engine/http/request-context';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { DomainError } from '../../../engine/errors/domain-error';
import { isRetryableCollision } from '../../../engine/database/retryable.interceptor';
import { MachineSession, MachinesService } from '../machines/machines.service';
import { formatSipDate } from '../protocol/dates';
import { SipMessage } from '../protocol/codec';

/** A signed-in connection: the one city it belongs to for its life, and its machine. */
export interface SipSession {
  tenant: TenantRef;
  machine: MachineSession;
  /** The machine's address (for the log and the audit). */
  address: string;
}

/** The connection may no longer be served (machine revoked, city suspended): it is closed. `code` goes to the log. */
export class SessionEnded extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A message as a service answers it: the answer, and the code the log records for it ('OK' or the refusal's). */
export interface Answer {
  message: SipMessage;
  code: string;
}

export const sipNow = () => formatSipDate(new Date());

const MAX_TRIES = 3;

/**
 * Runs the work of one message of a signed-in machine: in its city only (the city bound at
 * sign-in; a suspended or deleted city ends the connection), in one tenant transaction (a
 * refusal thrown inside rolls everything back), as the machine for the audit log, and only
 * while the machine is still in use with the credentials it signed in with. The machine's
 * current settings (branch, what it may do) are read here, so a librarian's change applies
 * from the next message on.
 */
@Injectable()
export class SipTransactions {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly machines: MachinesService,
  ) {}

  /**
   * Runs `work` in the machine's city WITHOUT a transaction: for what opens short transactions
   * of its own, such as the PIN check (PatronAuthService.verifyPassword counts a failure in a
   * transaction that must survive the message's rollback, and may not wait for a second pooled
   * connection while the message's transaction holds one).
   */
  outside<T>(session: SipSession, work: () => Promise<T>): Promise<T> {
    return runTenantRead(this.ds, session.tenant, work);
  }

  async run<T>(session: SipSession, work: (machine: MachineSession) => Promise<T>): Promise<T> {
    const tenant = await this.registry.findBySlug(session.tenant.slug);
    if (!tenant || tenant.id !== session.tenant.id) throw new SessionEnded('TENANT_NOT_FOUND');
    if (tenant.status !== 'active') throw new SessionEnded('TENANT_SUSPENDED');
    const actor = { ip: session.address, selfCheck: { machineId: session.machine.id, name: session.machine.name } };
    const attempt = () =>
      actorStorage.run(actor, () =>
        runInTenant(this.ds, session.tenant, async () => {
          const machine = await this.machines.current(session.machine.id, session.machine.credentialsVersion);
          if (!machine) throw new SessionEnded('SELF_CHECK_MACHINE_REVOKED');
          session.machine = machine;
          return work(machine);
        }),
      );
    // two desk operations can still collide (a deadlock PostgreSQL breaks by aborting one):
    // nothing was written, so the machine's message is run again before it is refused
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (e) {
        if (!isRetryableCollision(e)) throw e;
        if (tries === MAX_TRIES) throw new DomainError('CONFLICT', 'concurrent desk operations collided');
      }
    }
  }
}
