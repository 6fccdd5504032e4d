import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { librarianOnly, platformAdminOnly, Session, signedIn, signedOut } from './core/session';

/** Route titles are i18n keys (see core/title.ts). */
export const routes: Routes = [
  {
    path: 'login',
    title: 'login.title',
    canActivate: [signedOut],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [signedIn],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(Session).homeUrl() },
      {
        path: 'tenants',
        title: 'tenants.title',
        canActivate: [platformAdminOnly],
        loadComponent: () => import('./tenants/tenants-page').then((m) => m.TenantsPage),
      },
      {
        path: 'tenants/new',
        title: 'create.title',
        canActivate: [platformAdminOnly],
        loadComponent: () => import('./tenants/tenant-create-page').then((m) => m.TenantCreatePage),
      },
      {
        path: 'dashboard',
        title: 'dashboard.title',
        canActivate: [librarianOnly],
        loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
