import { computed, inject, Injectable } from '@angular/core';
import { DEFAULT_CATEGORIES, DEFAULT_MATERIAL_TYPES } from '@shiori/policy';
import { forkJoin } from 'rxjs';
import type { Branch, PickupPoint, PolicyDocument } from '@shiori/contracts';
import { Localized } from './i18n';
import { Loadable } from './load-state';
import { Session } from './session';
import { TenantApi } from './tenant-api';


export interface CodeOption {
  code: string;
  name: Localized | null;
}

/**
 * What many librarian screens need about their library: the current policy (card rules for
 * the desk and registration), branches and pickup points. Loaded once per signed-in
 * library and refreshed by the screens that change them.
 */
@Injectable({ providedIn: 'root' })
export class Library {
  private readonly api = inject(TenantApi);
  private readonly session = inject(Session);
  private loadedFor: string | null = null;

  readonly policy = new Loadable<PolicyDocument>();
  readonly places = new Loadable<{ branches: Branch[]; pickupPoints: PickupPoint[] }>();
  readonly branches = computed(() => this.places.value()?.branches ?? []);
  readonly activeBranches = computed(() => this.branches().filter((b) => b.active));
  readonly pickupPoints = computed(() => this.places.value()?.pickupPoints ?? []);

  /**
   * Patron categories and material types loan rules may name. The API has no list of them
   * yet, so this is the standard codes plus every code the policy's rules already use.
   */
  readonly categories = computed(() => codeOptions(DEFAULT_CATEGORIES, this.policy.value()?.loans.rules.map((r) => r.patronCategory)));
  readonly materialTypes = computed(() => codeOptions(DEFAULT_MATERIAL_TYPES, this.policy.value()?.loans.rules.map((r) => r.materialType)));

  /** Loads what is not loaded yet for the signed-in library. */
  ensure(): void {
    const slug = this.session.tenant()?.slug ?? null;
    if (!slug || slug === this.loadedFor) return;
    this.loadedFor = slug;
    this.policy.value.set(null);
    this.places.value.set(null);
    this.reloadPolicy();
    this.reloadPlaces();
  }

  reloadPolicy(): void {
    this.policy.load(this.api.get<PolicyDocument>('/admin/policy'));
  }

  reloadPlaces(): void {
    this.places.load(forkJoin({ branches: this.api.get<Branch[]>('/admin/branches'), pickupPoints: this.api.get<PickupPoint[]>('/admin/pickup-points') }));
  }

  branchName(code: string | null | undefined, lang: 'ja' | 'en'): string {
    if (!code) return '';
    const b = this.branches().find((x) => x.code === code);
    return b ? (lang === 'en' && b.nameEn) || b.name : code;
  }

  pickupPointName(code: string | null | undefined, lang: 'ja' | 'en'): string {
    if (!code) return '';
    const p = this.pickupPoints().find((x) => x.code === code);
    return p ? (lang === 'en' && p.nameEn) || p.name : code;
  }
}

function codeOptions(defaults: readonly { code: string; name: Localized }[], used: (string | null)[] | undefined): CodeOption[] {
  const out: CodeOption[] = defaults.map((d) => ({ code: d.code, name: d.name }));
  for (const code of used ?? []) if (code && !out.some((o) => o.code === code)) out.push({ code, name: null });
  return out;
}
