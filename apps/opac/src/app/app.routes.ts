import { Routes } from '@angular/router';

/** Route titles are i18n keys (see core/title.ts). */
export const routes: Routes = [
  { path: '', pathMatch: 'full', title: 'app.name', loadComponent: () => import('./home/home-page').then((m) => m.HomePage) },
  { path: 'search', title: 'search.title', loadComponent: () => import('./search/search-page').then((m) => m.SearchPage) },
  { path: '**', redirectTo: '' },
];
