import { provideHttpClient, withFetch, withNoXsrfProtection } from '@angular/common/http';
import { ApplicationConfig, ErrorHandler, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { provideRouter, Routes, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { AppErrorHandler } from '../core/errors';

/** The regional OPAC has one page, the search; every other path leads to it. */
export const regionRoutes: Routes = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./region-search-page').then((m) => m.RegionSearchPage) },
  { path: '**', redirectTo: '' },
];

/** The regional OPAC (`/opac/r/{code}/`): the city app's providers without a city. */
export const regionAppConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(regionRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'enabled' })),
    provideHttpClient(withFetch(), withNoXsrfProtection()),
    { provide: ErrorHandler, useClass: AppErrorHandler },
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
  ],
};
