import { inject, Injectable } from '@angular/core';
import type { PolicyDiff, PolicyDocument, PolicyExplainRequest, PolicyExplanation, PolicyVersionEntry } from '@shiori/contracts';
import { Policy } from '@shiori/policy';
import { Observable } from 'rxjs';
import { TenantApi } from '../core/tenant-api';

// What the policy's endpoints answer is the API's own, from libs/contracts (`@shiori/contracts`
// policy.ts): a field renamed there fails this build.

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

  versions(): Observable<PolicyVersionEntry[]> {
    return this.api.get<PolicyVersionEntry[]>('/admin/policy/versions');
  }

  diff(from: number, to: number): Observable<PolicyDiff> {
    return this.api.get<PolicyDiff>('/admin/policy/diff', { from, to });
  }

  /** Restores an old version's content as a new version. */
  revert(version: number): Observable<PolicyDocument> {
    return this.api.post<PolicyDocument>(`/admin/policy/versions/${version}/revert`, {});
  }

  explain(q: PolicyExplainRequest): Observable<PolicyExplanation> {
    return this.api.post<PolicyExplanation>('/admin/policy/explain', q);
  }
}
