import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter, Routes, withComponentInputBinding } from '@angular/router';
import { API_LOCATION } from '../core/api';
import type { LibraryInfo } from '@shiori/contracts';
import { Library } from '../core/library';

/** TestBed for a page of the OPAC of `info`'s city, with /info already loaded; `providers` add to or replace the defaults. */
export function setUpOpac(info: LibraryInfo, routes: Routes = [], providers: Provider[] = []): HttpTestingController {
  localStorage.clear();
  sessionStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideRouter(routes, withComponentInputBinding()),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: API_LOCATION, useValue: { base: '/api', tenant: info.slug } },
      { provide: MatSnackBar, useValue: { open: jest.fn() } },
      ...providers,
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  TestBed.inject(Library).load();
  http.expectOne(`/api/t/${info.slug}/info`).flush(info);
  return http;
}
