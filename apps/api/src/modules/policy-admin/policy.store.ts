import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { parsePolicy, Policy } from '@shiori/policy';

export interface PolicyVersion {
  version: number;
  policy: Policy;
  changedBy: string;
  changedAt: string;
}

/**
 * The tenant's current policy (latest version). Stored versions are re-parsed through the
 * one schema, so defaults added to the schema later reach old versions too.
 */
@Injectable()
export class PolicyStore {
  async current(): Promise<PolicyVersion> {
    const rows = await tenantManager().query(
      `SELECT version, policy, changed_by AS "changedBy", changed_at AS "changedAt" FROM policy_versions ORDER BY version DESC LIMIT 1`,
    );
    if (!rows.length) throw new Error('tenant has no policy');
    return this.hydrate(rows[0]);
  }

  async version(version: number): Promise<PolicyVersion | null> {
    const rows = await tenantManager().query(
      `SELECT version, policy, changed_by AS "changedBy", changed_at AS "changedAt" FROM policy_versions WHERE version = $1`,
      [version],
    );
    return rows.length ? this.hydrate(rows[0]) : null;
  }

  private hydrate(row: { version: number; policy: unknown; changedBy: string; changedAt: string }): PolicyVersion {
    const parsed = parsePolicy(row.policy);
    if (!parsed.ok) throw new Error(`stored policy version ${row.version} is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    return { ...row, policy: parsed.policy };
  }
}
