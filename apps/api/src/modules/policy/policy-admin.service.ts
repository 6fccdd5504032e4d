import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { Codes, diffPolicies, explainLoanRule, parsePolicy } from '@shiori/policy';
import type { CodeName, PolicyCodes, PolicyDiff, PolicyDocument, PolicyExplanation, PolicyVersionEntry } from '@shiori/contracts';
import { AuditService } from '../../engine/audit/audit.service';
import { columnsSql } from '../../engine/database/sql';
import { DomainError } from '../../engine/errors/domain-error';
import { PolicyErrors } from './policy.errors';
import { PolicyStore } from './policy.store';
import type { ExplainDto } from './dto/policy.dto';

/**
 * Librarians' side of the rules: the policy's versions (save, history, diff, revert), the
 * explain tester, and the codes the policy refers to. Places are PlacesService's, the closed-day
 * calendar ClosedDaysService's, the public /info InfoService's.
 */
@Injectable()
export class PolicyAdminService {
  constructor(
    private readonly store: PolicyStore,
    private readonly audit: AuditService,
  ) {}

  async getPolicy(): Promise<PolicyDocument> {
    const v = await this.store.current();
    return { version: v.version, changedBy: v.changedBy, changedAt: v.changedAt, ...v.policy };
  }

  /** Saves a whole policy as a new version; an invalid one is refused with field errors and changes nothing. */
  async putPolicy(body: unknown): Promise<PolicyDocument> {
    const input = { ...(body as Record<string, unknown>) };
    delete input.version;
    delete input.changedBy;
    delete input.changedAt;
    const parsed = parsePolicy(input);
    if (!parsed.ok) {
      throw new DomainError(
        Codes.POLICY_INVALID, // the policy library's code (its parser's refusal)
        undefined,
        parsed.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      );
    }
    const current = await this.store.current();
    const version = current.version + 1;
    const by = this.audit.actorName();
    await tenantManager().query(`INSERT INTO policy_versions (version, policy, changed_by) VALUES ($1,$2,$3)`, [
      version,
      JSON.stringify(parsed.policy),
      by,
    ]);
    await this.audit.record('policy.update', 'policy', String(version), current.policy, parsed.policy);
    return { version, changedBy: by, ...parsed.policy };
  }

  async versions(): Promise<PolicyVersionEntry[]> {
    const columns = columnsSql<PolicyVersionEntry>({ version: 'version', changedBy: 'changed_by', changedAt: 'changed_at', note: 'note' });
    return tenantManager().query(`SELECT ${columns} FROM policy_versions ORDER BY version DESC`);
  }

  async diff(from: number, to: number): Promise<PolicyDiff> {
    const a = await this.store.version(from);
    const b = await this.store.version(to);
    if (!a || !b) throw new DomainError(PolicyErrors.POLICY_VERSION_NOT_FOUND);
    return { from, to, changes: diffPolicies(a.policy, b.policy) };
  }

  /** Restores an old version's content as a new version (history is never rewritten). */
  async revert(version: number): Promise<PolicyDocument> {
    const v = await this.store.version(version);
    if (!v) throw new DomainError(PolicyErrors.POLICY_VERSION_NOT_FOUND);
    return this.putPolicy(v.policy);
  }

  async explain(q: ExplainDto): Promise<PolicyExplanation> {
    const { policy, version } = await this.store.current();
    return {
      version,
      ...explainLoanRule(policy, {
        patronCategory: q.patronCategory,
        materialType: q.materialType,
        branchCode: q.branchCode,
      }),
    };
  }

  async codes(): Promise<PolicyCodes> {
    const rows: { key: string; value: unknown }[] = await tenantManager().query(
      `SELECT key, value FROM settings WHERE key IN ('categories', 'materialTypes')`,
    );
    const get = (k: string) => (rows.find((r) => r.key === k)?.value as CodeName[] | undefined) ?? [];
    return { categories: get('categories'), materialTypes: get('materialTypes') };
  }
}
