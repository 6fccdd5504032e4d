import { inject } from '@angular/core';
import { Routes } from '@angular/router';
import { librarianOnly, mustChangePassword, passwordChanged, platformAdminOnly, Session, signedIn, signedOut } from './core/session';

/** Route titles are i18n keys (see core/title.ts). Every screen is a lazy chunk. */
export const routes: Routes = [
  {
    path: 'login',
    title: 'login.title',
    canActivate: [signedOut],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'change-password',
    title: 'ownPassword.title',
    canActivate: [mustChangePassword],
    loadComponent: () => import('./login/change-password-page').then((m) => m.ChangePasswordPage),
  },
  {
    path: '',
    canActivate: [signedIn, passwordChanged],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => inject(Session).homeUrl() },

      // regional admin (広域管理者)
      {
        path: '',
        canActivateChild: [platformAdminOnly],
        children: [
          { path: 'tenants', title: 'tenants.title', loadComponent: () => import('./tenants/tenants-page').then((m) => m.TenantsPage) },
          { path: 'tenants/new', title: 'create.title', loadComponent: () => import('./tenants/tenant-create-page').then((m) => m.TenantCreatePage) },
          { path: 'tenants/:slug', title: 'tenant.title', loadComponent: () => import('./tenants/tenant-detail-page').then((m) => m.TenantDetailPage) },
          { path: 'admins', title: 'admins.title', loadComponent: () => import('./tenants/admins-page').then((m) => m.AdminsPage) },
          { path: 'regions', title: 'regions.title', loadComponent: () => import('./regions/regions-page').then((m) => m.RegionsPage) },
          { path: 'regions/courier', title: 'courier.title', loadComponent: () => import('./regions/courier-page').then((m) => m.CourierPage) },
          { path: 'health', title: 'health.title', loadComponent: () => import('./health/health-page').then((m) => m.HealthPage) },
          {
            path: 'platform-audit',
            title: 'platformAudit.title',
            loadComponent: () => import('./tenants/platform-audit-page').then((m) => m.PlatformAuditPage),
          },
          { path: 'agreements', title: 'agreements.title', loadComponent: () => import('./agreements/agreements-page').then((m) => m.AgreementsPage) },
        ],
      },

      // librarians (図書館職員)
      {
        path: '',
        canActivateChild: [librarianOnly],
        children: [
          { path: 'dashboard', title: 'dashboard.title', loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage) },

          { path: 'desk/checkout', title: 'checkout.title', loadComponent: () => import('./desk/checkout-page').then((m) => m.CheckoutPage) },
          { path: 'desk/checkin', title: 'checkin.title', loadComponent: () => import('./desk/checkin-page').then((m) => m.CheckinPage) },
          { path: 'desk/transits', title: 'transit.title', loadComponent: () => import('./desk/transit-page').then((m) => m.TransitPage) },
          { path: 'desk/renewals', title: 'renewal.title', loadComponent: () => import('./desk/renewal-page').then((m) => m.RenewalPage) },
          { path: 'desk/holds', title: 'placeHold.title', loadComponent: () => import('./desk/place-hold-page').then((m) => m.PlaceHoldPage) },
          { path: 'desk/hold-shelf', title: 'shelf.title', loadComponent: () => import('./desk/hold-shelf-page').then((m) => m.HoldShelfPage) },
          { path: 'desk/pull-list', title: 'pull.title', loadComponent: () => import('./desk/pull-list-page').then((m) => m.PullListPage) },
          { path: 'desk/bookmobile', title: 'busToday.title', loadComponent: () => import('./desk/bookmobile-today-page').then((m) => m.BookmobileTodayPage) },
          { path: 'desk/self-check', title: 'selfCheck.title', loadComponent: () => import('./desk/self-check-page').then((m) => m.SelfCheckPage) },
          { path: 'ill/requests', title: 'illRequests.title', loadComponent: () => import('./ill/ill-requests-page').then((m) => m.IllRequestsPage) },
          { path: 'ill/incoming', title: 'illIncoming.title', loadComponent: () => import('./ill/ill-incoming-page').then((m) => m.IllIncomingPage) },
          { path: 'ill/send-list', title: 'illSend.title', loadComponent: () => import('./ill/ill-send-list-page').then((m) => m.IllSendListPage) },

          { path: 'patrons', title: 'patrons.title', loadComponent: () => import('./patrons/patron-search-page').then((m) => m.PatronSearchPage) },
          { path: 'patrons/new', title: 'patronNew.title', loadComponent: () => import('./patrons/patron-new-page').then((m) => m.PatronNewPage) },
          { path: 'regional-use', title: 'cityAgreements.title', loadComponent: () => import('./agreements/city-agreements-page').then((m) => m.CityAgreementsPage) },
          { path: 'patrons/:id', title: 'patron.title', loadComponent: () => import('./patrons/patron-detail-page').then((m) => m.PatronDetailPage) },

          // the catalogue's addresses before the areas had one name (#23): librarians' bookmarks keep working
          { path: 'catalogue', pathMatch: 'full', redirectTo: 'catalog' },
          { path: 'catalogue/new', redirectTo: 'catalog/new' },
          { path: 'catalogue/records/:id', redirectTo: 'catalog/records/:id' },
          { path: 'catalogue/imports', pathMatch: 'full', redirectTo: 'catalog/imports' },
          { path: 'catalogue/imports/:id', redirectTo: 'catalog/imports/:id' },
          { path: 'catalog', title: 'records.title', loadComponent: () => import('./catalog/record-search-page').then((m) => m.RecordSearchPage) },
          { path: 'catalog/new', title: 'record.newTitle', loadComponent: () => import('./catalog/record-edit-page').then((m) => m.RecordEditPage) },
          { path: 'catalog/records/:id', title: 'record.title', loadComponent: () => import('./catalog/record-edit-page').then((m) => m.RecordEditPage) },
          { path: 'catalog/imports', title: 'imports.title', loadComponent: () => import('./catalog/imports-page').then((m) => m.ImportsPage) },
          { path: 'catalog/imports/:id', title: 'import.title', loadComponent: () => import('./catalog/import-page').then((m) => m.ImportPage) },
          { path: 'lists', title: 'lists.title', loadComponent: () => import('./catalog/lists-page').then((m) => m.ListsPage) },
          { path: 'lists/:id', title: 'list.title', loadComponent: () => import('./catalog/list-edit-page').then((m) => m.ListEditPage) },

          {
            path: 'policy',
            title: 'policy.title',
            loadComponent: () => import('./policy/policy-page').then((m) => m.PolicyPage),
            canDeactivate: [(page: { canLeave?: () => boolean }) => page.canLeave?.() ?? true],
          },
          { path: 'policy/history', title: 'history.title', loadComponent: () => import('./policy/history-page').then((m) => m.HistoryPage) },
          { path: 'policy/explain', title: 'explain.title', loadComponent: () => import('./policy/explain-page').then((m) => m.ExplainPage) },
          { path: 'branches', title: 'branches.title', loadComponent: () => import('./places/branches-page').then((m) => m.BranchesPage) },
          { path: 'calendar', title: 'calendar.title', loadComponent: () => import('./places/calendar-page').then((m) => m.CalendarPage) },
          { path: 'bookmobile', title: 'timetable.title', loadComponent: () => import('./places/bookmobile-page').then((m) => m.BookmobilePage) },

          { path: 'notices/templates', title: 'templates.title', loadComponent: () => import('./notices/templates-page').then((m) => m.TemplatesPage) },
          { path: 'notices/outbox', title: 'outbox.title', loadComponent: () => import('./notices/outbox-page').then((m) => m.OutboxPage) },

          { path: 'statistics', title: 'stats.title', loadComponent: () => import('./reports/statistics-page').then((m) => m.StatisticsPage) },
          { path: 'audit', title: 'audit.title', loadComponent: () => import('./reports/audit-page').then((m) => m.AuditPage) },
          { path: 'news', title: 'news.title', loadComponent: () => import('./reports/news-page').then((m) => m.NewsPage) },
        ],
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
