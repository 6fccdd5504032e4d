import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api, ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { TenantsApi, TenantSummary } from '../tenants/tenants-api';
import { LibraryChoice, RegionForm } from './region-form';
import type { Region } from '@shiori/contracts';
import { NewRegion, RegionChange, RegionsApi } from './regions-api';

/**
 * Regions for regional IT: the list (name, code, member libraries, the public search page),
 * and one form to add a region or edit one (name, members added and removed).
 */
@Component({
  selector: 'admin-regions-page',
  imports: [LoadState, RegionForm, MatButtonModule, MatIconModule],
  template: `
    <h1>{{ t('regions.title') }}</h1>
    <p class="muted">{{ t('regions.intro') }}</p>
    <admin-load-state [loading]="regions.loading()" [error]="regions.error()" (retry)="load()" />
    @if (regions.value(); as list) {
      @if (list.length) {
        <table class="regions">
          <caption class="visually-hidden">{{ t('regions.caption') }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ t('regions.name') }}</th>
              <th scope="col">{{ t('regions.code') }}</th>
              <th scope="col">{{ t('regions.members') }}</th>
              <th scope="col">{{ t('regions.opac') }}</th>
              <th scope="col"><span class="visually-hidden">{{ t('regions.edit') }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (r of list; track r.code) {
              <tr [attr.data-region]="r.code">
                <th scope="row">{{ regionName(r) }}</th>
                <td><code>{{ r.code }}</code></td>
                <td>{{ memberNames(r) }}</td>
                <td><a [href]="opacPrefix + '/opac/r/' + r.code + '/'" [attr.aria-label]="t('regions.openOpac', { name: regionName(r) })">/opac/r/{{ r.code }}/</a></td>
                <td><button mat-stroked-button type="button" (click)="edit(r)" [attr.aria-label]="t('regions.editing', { name: regionName(r) })">{{ t('regions.edit') }}</button></td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ t('regions.none') }}</p>
      }
    }
    @if (formOpen()) {
      <admin-region-form
        [region]="editing()"
        [libraries]="libraries()"
        [busy]="busy()"
        (created)="create($event)"
        (changed)="save($event)"
        (cancelled)="close()"
      />
      @if (errorText()) {
        <p class="error-box" role="alert">{{ errorText() }}</p>
      }
    } @else {
      <p><button mat-flat-button type="button" (click)="openNew()"><mat-icon>add</mat-icon>{{ t('regions.new') }}</button></p>
    }
  `,
  styles: `
    .regions {
      border-collapse: collapse;
      width: 100%;
      margin-bottom: 1.5rem;
    }
    .regions th,
    .regions td {
      text-align: start;
      padding: 0.5rem 0.75rem 0.5rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionsPage {
  private readonly regionsApi = inject(RegionsApi);
  private readonly tenantsApi = inject(TenantsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly form = viewChild(RegionForm);
  protected readonly t = this.i18n.t;
  /** The service's path prefix (`/shiori` when it sits under one), for the links to the regional OPAC. */
  protected readonly opacPrefix = inject(Api).prefix;

  protected readonly regions = new Loadable<Region[]>();
  private readonly tenants = new Loadable<TenantSummary[]>();
  protected readonly libraries = computed<LibraryChoice[]>(() => (this.tenants.value() ?? []).map((x) => ({ slug: x.slug, name: x.name, status: x.status })));
  protected readonly formOpen = signal(false);
  protected readonly editing = signal<Region | null>(null);
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  constructor() {
    this.load();
    this.tenants.load(this.tenantsApi.list());
  }

  protected load(): void {
    this.regions.load(this.regionsApi.list());
  }

  protected regionName(r: Region): string {
    return (this.i18n.lang() === 'en' && r.nameEn) || r.name;
  }

  protected memberNames(r: Region): string {
    return r.members.map((m) => m.name + (m.status === 'suspended' ? this.t('regions.suspended') : '')).join('、');
  }

  protected openNew(): void {
    this.editing.set(null);
    this.error.set(null);
    this.formOpen.set(true);
  }

  protected edit(r: Region): void {
    this.editing.set(r);
    this.error.set(null);
    this.formOpen.set(true);
  }

  protected close(): void {
    this.formOpen.set(false);
    this.editing.set(null);
  }

  protected create(region: NewRegion): void {
    this.busy.set(true);
    this.error.set(null);
    this.regionsApi.create(region).subscribe({
      next: (created) => {
        this.busy.set(false);
        this.regions.set([...(this.regions.value() ?? []), created].sort((a, b) => a.code.localeCompare(b.code)));
        this.snackBar.open(this.t('regions.created', { name: created.name }), this.t('error.close'), { duration: 5000 });
        this.close();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.code === 'REGION_CODE_TAKEN') this.form()?.markCodeTaken();
        else this.error.set(e);
      },
    });
  }

  protected save(change: RegionChange): void {
    const r = this.editing();
    if (!r) return;
    this.busy.set(true);
    this.error.set(null);
    this.regionsApi.update(r.code, change).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.regions.set((this.regions.value() ?? []).map((x) => (x.code === saved.code ? saved : x)));
        this.snackBar.open(this.t('regions.saved', { name: saved.name }), this.t('error.close'), { duration: 5000 });
        this.close();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.error.set(e);
      },
    });
  }
}
