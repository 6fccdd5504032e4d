import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { StaffCreateForm } from './staff-create-form';
import { StaffTable } from './staff-table';
import { TenantPublicUrlForm } from './tenant-public-url-form';
import { StaffAccount, Tenant, TenantsApi } from './tenants-api';

/** One library for the regional admin: what it is, the public address of its mail links, and its staff accounts (list, add, manage). */
@Component({
  selector: 'admin-tenant-detail-page',
  imports: [RouterLink, LoadState, StaffTable, StaffCreateForm, TenantPublicUrlForm],
  templateUrl: './tenant-detail-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantDetailPage {
  /** From the route `tenants/:slug`. */
  readonly slug = input.required<string>();

  private readonly tenantsApi = inject(TenantsApi);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly tenant = new Loadable<Tenant>();
  protected readonly staff = new Loadable<StaffAccount[]>();
  protected readonly opacUrl = computed(() => `${this.api.prefix}/opac/${encodeURIComponent(this.slug())}/`);

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => this.load(slug));
    });
  }

  protected load(slug = this.slug()): void {
    this.tenant.load(this.tenantsApi.get(slug));
    this.staff.load(this.tenantsApi.staff(slug));
  }

  /** An account changed in the table (edit, disable, reset, unlock): its row takes the API's answer. */
  protected replaceStaff(updated: StaffAccount): void {
    this.staff.set((this.staff.value() ?? []).map((s) => (s.id === updated.id ? { ...s, ...updated } : s)));
  }

  /** A librarian was added (StaffCreateForm): the list is read again from the API. */
  protected staffAdded(): void {
    this.staff.load(this.tenantsApi.staff(this.slug()));
  }
}
