import { Routes } from '@angular/router';
import { featureGuard, mustChangeGuard, notDuringPasswordChange, signedInGuard } from './core/guards';

/** Route titles are i18n keys (see core/title.ts). Every page is a lazy chunk. */
export const routes: Routes = [
  {
    path: '',
    canActivateChild: [notDuringPasswordChange],
    children: [
      { path: '', pathMatch: 'full', title: 'app.name', loadComponent: () => import('./home/home-page').then((m) => m.HomePage) },
      { path: 'search', title: 'search.title', loadComponent: () => import('./catalog/search-page').then((m) => m.SearchPage) },
      { path: 'libraries', title: 'libraries.title', loadComponent: () => import('./libraries/libraries-page').then((m) => m.LibrariesPage) },
      { path: 'records/:id', title: 'record.title', loadComponent: () => import('./catalog/record-page').then((m) => m.RecordPage) },
      { path: 'login', title: 'login.title', loadComponent: () => import('./account/auth/login-page').then((m) => m.LoginPage) },
      { path: 'register', title: 'register.title', loadComponent: () => import('./account/auth/register-page').then((m) => m.RegisterPage) },
      { path: 'forgot-password', title: 'forgot.title', loadComponent: () => import('./account/auth/forgot-password-page').then((m) => m.ForgotPasswordPage) },
      { path: 'reset-password', title: 'reset.title', loadComponent: () => import('./account/auth/reset-password-page').then((m) => m.ResetPasswordPage) },
      { path: 'confirm-email', title: 'confirmEmail.title', data: { link: 'email' }, loadComponent: () => import('./account/auth/confirm-link-page').then((m) => m.ConfirmLinkPage) },
      {
        path: 'confirm-password',
        title: 'confirmPassword.title',
        data: { link: 'password' },
        loadComponent: () => import('./account/auth/confirm-link-page').then((m) => m.ConfirmLinkPage),
      },
      // The cart is open to all where the city allows it (Kitakyushu); the page asks for sign-in to reserve.
      { path: 'cart', title: 'cart.title', loadComponent: () => import('./holds/cart-page').then((m) => m.CartPage) },
      // 予約する on a record page: the cart's hold form for that one record (signed in; the sign-in comes back here).
      {
        path: 'hold/:recordId',
        title: 'hold.title',
        canActivate: [signedInGuard],
        loadComponent: () => import('./holds/cart-page').then((m) => m.CartPage),
      },
      // 取り寄せ申込: a title of another city of the region, where the agreement lets patrons ask (from the regional search)
      {
        path: 'ill/ask',
        title: 'ill.ask.title',
        canActivate: [signedInGuard],
        loadComponent: () => import('./account/ill-ask-page').then((m) => m.IllAskPage),
      },
      {
        path: 'card',
        title: 'card.title',
        canActivate: [signedInGuard, featureGuard('digitalCard')],
        loadComponent: () => import('./card/digital-card-page').then((m) => m.DigitalCardPage),
      },
      {
        path: 'my',
        canActivate: [signedInGuard],
        loadComponent: () => import('./account/my-page').then((m) => m.MyPage),
        children: [
          { path: '', title: 'nav.my', loadComponent: () => import('./account/summary-page').then((m) => m.SummaryPage) },
          { path: 'loans', title: 'nav.loans', loadComponent: () => import('./account/loans-page').then((m) => m.LoansPage) },
          { path: 'holds', title: 'nav.holds', data: { mode: 'active' }, loadComponent: () => import('./account/holds-page').then((m) => m.HoldsPage) },
          {
            path: 'cancelled-holds',
            title: 'nav.cancelledHolds',
            data: { mode: 'cancelled' },
            loadComponent: () => import('./account/holds-page').then((m) => m.HoldsPage),
          },
          { path: 'settings', title: 'nav.settings', loadComponent: () => import('./account/settings-page').then((m) => m.SettingsPage) },
          {
            path: 'shelves',
            title: 'nav.shelves',
            canActivate: [featureGuard('bookshelves')],
            loadComponent: () => import('./reading/shelves-page').then((m) => m.ShelvesPage),
          },
          {
            path: 'history',
            title: 'nav.history',
            canActivate: [featureGuard('readingHistory')],
            loadComponent: () => import('./reading/history-page').then((m) => m.HistoryPage),
          },
          {
            path: 'marathon',
            title: 'nav.marathon',
            canActivate: [featureGuard('readingMarathon')],
            loadComponent: () => import('./reading/marathon-page').then((m) => m.MarathonPage),
          },
          {
            path: 'alerts',
            title: 'nav.alerts',
            canActivate: [featureGuard('alerts')],
            loadComponent: () => import('./reading/alerts-page').then((m) => m.AlertsPage),
          },
        ],
      },
    ],
  },
  // Outside the guard above: the one page a patron with a temporary password may see.
  {
    path: 'change-password',
    title: 'forcedChange.title',
    canActivate: [mustChangeGuard],
    loadComponent: () => import('./account/auth/change-password-page').then((m) => m.ChangePasswordPage),
  },
  { path: '**', redirectTo: '' },
];
