import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { currentActor } from '../http/request-context';

/** Every staff write is recorded in the tenant's audit log, in the same transaction as the write. */
@Injectable()
export class AuditService {
  async record(action: string, entity: string, entityId: string | null, before: unknown, after: unknown): Promise<void> {
    const { principal: p, selfCheck } = currentActor();
    // a self-check machine is named by the name the librarians gave it (自動貸出機 …)
    const actorKind = p ? (p.kind === 'staff' ? p.role : 'patron') : selfCheck ? 'self-check' : 'system';
    const actorId = p ? (p.kind === 'staff' ? p.staffId : p.patronId) : (selfCheck?.machineId ?? null);
    const actorName = p && p.kind === 'staff' ? p.username : (selfCheck?.name ?? null);
    await tenantManager().query(
      `INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, entity, entity_id, before, after)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [actorKind, actorId, actorName, action, entity, entityId, before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after)],
    );
  }

  /** Name of the current actor for `changed_by` columns. */
  actorName(): string {
    const { principal: p, selfCheck } = currentActor();
    if (!p) return selfCheck ? `self-check:${selfCheck.name}` : 'system';
    return p.kind === 'staff' ? p.username : `patron:${p.patronId}`;
  }
}
