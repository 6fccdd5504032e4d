import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { StaffTable } from './staff-table';
import { StaffAccount, TenantsApi } from './tenants-api';

/** The platform admins (広域管理者) and their management, like a library's staff accounts. */
@Component({
  selector: 'admin-admins-page',
  imports: [LoadState, StaffTable],
  template: `
    <h1>{{ t('admins.title') }}</h1>
    <p class="muted">{{ t('admins.hint') }}</p>
    <admin-load-state [loading]="admins.loading()" [error]="admins.error()" (retry)="load()" />
    @if (admins.value(); as list) {
      <admin-staff-table [accounts]="list" [caption]="t('admins.caption')" (changed)="replace($event)" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminsPage {
  private readonly tenantsApi = inject(TenantsApi);
  protected readonly t = inject(I18n).t;
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
}
