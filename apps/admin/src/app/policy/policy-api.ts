import { inject, Injectable } from '@angular/core';
import { ExplainedRule, ExplainedValue, Policy, PolicyChange } from '@shiori/policy';
import { Observable } from 'rxjs';
import { PolicyDocument } from '../core/library';
import { TenantApi } from '../core/tenant-api';

export interface PolicyVersion {
  version: number;
  changedBy: string | null;
  changedAt: string;
  note?: string | null;
}

export interface PolicyDiff {
  from: number;
  to: number;
  changes: PolicyChange[];
}

export interface Explanation {
  version: number;
  context: { materialType?: string | null; patronCategory?: string | null; branchCode?: string | null };
  values: ExplainedValue[];
  rules: ExplainedRule[];
}

/** The policy without the version stamp the API adds (the schema refuses unknown keys). */
export function withoutVersion(doc: PolicyDocument | (Policy & Record<string, unknown>)): Policy {
  const { version, changedBy, changedAt, ...policy } = doc as PolicyDocument;
  void version;
  void changedBy;
  void changedAt;
  return policy as Policy;
}

/** The policy's part of the API (`/api/t/{slug}/admin/policy…`). */
@Injectable({ providedIn: 'root' })
export class PolicyApi {
  private readonly api = inject(TenantApi);

  current(): Observable<PolicyDocument> {
    return this.api.get<PolicyDocument>('/admin/policy');
  }

  /** The whole policy as a new version; 422 POLICY_INVALID with `errors[].path` when the schema refuses it. */
  save(policy: unknown): Observable<PolicyDocument> {
    return this.api.put<PolicyDocument>('/admin/policy', policy);
  }

  versions(): Observable<PolicyVersion[]> {
    return this.api.get<PolicyVersion[]>('/admin/policy/versions');
  }

  diff(from: number, to: number): Observable<PolicyDiff> {
    return this.api.get<PolicyDiff>('/admin/policy/diff', { from, to });
  }

  /** Restores an old version's content as a new version. */
  revert(version: number): Observable<PolicyDocument> {
    return this.api.post<PolicyDocument>(`/admin/policy/versions/${version}/revert`, {});
  }

  explain(q: { patronCategory?: string; materialType?: string; branchCode?: string }): Observable<Explanation> {
    return this.api.post<Explanation>('/admin/policy/explain', q);
  }
}
