import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { StaffCreateForm } from './staff-create-form';
import { StaffTable } from './staff-table';
import { StaffAccount, TenantsApi } from './tenants-api';

/**
 * The platform admins (広域管理者) and their management, like a library's staff accounts;
 * a further admin is added with a temporary password, shown once (StaffCreateForm).
 */
@Component({
  selector: 'admin-admins-page',
  imports: [LoadState, StaffTable, StaffCreateForm],
  templateUrl: './admins-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminsPage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly admins = new Loadable<StaffAccount[]>();

  constructor() {
    this.load();
  }

  protected load(): void {
    this.admins.load(this.tenantsApi.admins());
  }

  protected replace(updated: StaffAccount): void {
    this.admins.set((this.admins.value() ?? []).map((s) => (s.id === updated.id ? { ...s, ...updated } : s)));
  }

  /** A new admin (its temporary password already shown): listed at once, without asking the API again. */
  protected added(created: StaffAccount): void {
    this.admins.set([...(this.admins.value() ?? []), created]);
  }
}
