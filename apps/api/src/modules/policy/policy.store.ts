import { Injectable } from '@nestjs/common';
import { currentTenant, tenantManager } from '@shiori/tenancy';
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
  /** Parsed versions by tenant and version: versions never change, so only the number is read per request. */
  private parsed = new Map<string, PolicyVersion>();

  async current(): Promise<PolicyVersion> {
    const [head] = await tenantManager().query(`SELECT max(version) AS version FROM policy_versions`);
    return this.atVersion(head?.version);
  }

  /** The current version when the caller has read its number (`max(version)`) in a statement of its own. */
  async atVersion(version: number | null | undefined): Promise<PolicyVersion> {
    if (version == null) throw new Error('tenant has no policy');
    const key = `${currentTenant().id}:${version}`;
    const hit = this.parsed.get(key);
    if (hit) return hit;
    const rows = await tenantManager().query(
      `SELECT version, policy, changed_by AS "changedBy", changed_at AS "changedAt" FROM policy_versions WHERE version = $1`,
      [version],
    );
    const v = this.hydrate(rows[0]);
    if (this.parsed.size > 2000) this.parsed.clear();
    this.parsed.set(key, v);
    return v;
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
