import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { Tenant, TenantsApi } from './tenants-api';

/** What the API takes: an http(s) address without ? or #, or nothing (the instance's own). */
const PUBLIC_URL = /^\s*https?:\/\/[^\s?#/]+(\/[^\s?#]*)?\s*$/;

/**
 * The city's own public address (利用者向けURL) for the links in its mail — password reset,
 * confirmations, new arrivals. Empty = the address of the whole service (PUBLIC_URL). The
 * page shows where the links lead now; links are never taken from a request.
 */
@Component({
  selector: 'admin-tenant-public-url-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  template: `
    <section class="card-panel" aria-labelledby="public-url-heading">
      <h2 id="public-url-heading">{{ t('tenant.publicUrl') }}</h2>
      <p class="muted">{{ t('tenant.publicUrlIntro') }}</p>
      <p>
        {{ t('tenant.publicUrlNow') }} <code class="links-now">{{ tenant().opacPublicUrl }}</code>
      </p>
      <form [formGroup]="form" (ngSubmit)="save()" novalidate class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ t('tenant.publicUrlLabel') }}</mat-label>
          <input matInput formControlName="publicUrl" name="publicUrl" type="url" inputmode="url" autocomplete="off" spellcheck="false" />
          <mat-hint>{{ t('tenant.publicUrlHint') }}</mat-hint>
          @if (url.hasError('pattern')) {
            <mat-error>{{ t('tenant.publicUrlPattern') }}</mat-error>
          } @else if (url.hasError('server')) {
            <mat-error>{{ serverText() }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="busy()">{{ t('tenant.publicUrlSave') }}</button>
        </div>
      </form>
      <div aria-live="assertive">
        @if (formErrorText()) {
          <p class="error-box" role="alert">{{ formErrorText() }}</p>
        }
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantPublicUrlForm {
  readonly tenant = input.required<Tenant>();
  /** Saved: the tenant as the API answered. */
  readonly changed = output<Tenant>();

  private readonly tenantsApi = inject(TenantsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;

  protected readonly url = new FormControl('', { nonNullable: true, validators: [Validators.pattern(PUBLIC_URL)] });
  protected readonly form = new FormGroup({ publicUrl: this.url });
  protected readonly busy = signal(false);
  private readonly formError = signal<ApiError | null>(null);
  protected readonly formErrorText = computed(() => {
    const e = this.formError();
    return e ? this.i18n.pick(e.localized) : '';
  });
  protected readonly serverText = () => serverError(this.url, this.i18n.pick);

  constructor() {
    effect(() => this.url.setValue(this.tenant().publicUrl ?? ''));
  }

  protected save(): void {
    if (this.busy()) return;
    this.formError.set(null);
    if (this.url.invalid) {
      this.url.markAsDirty();
      this.focus();
      return;
    }
    const value = this.url.value.trim();
    this.busy.set(true);
    this.tenantsApi.setPublicUrl(this.tenant().slug, value || null).subscribe({
      next: (tenant) => {
        this.busy.set(false);
        this.changed.emit(tenant);
        this.snackBar.open(this.t('tenant.publicUrlSaved'), this.t('error.close'), { duration: 5000 });
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        const placed = e.code === 'VALIDATION' ? applyFieldErrors(this.form, e.errors) : [];
        if (placed.length) this.focus();
        else this.formError.set(e);
      },
    });
  }

  private focus(): void {
    this.host.nativeElement.querySelector<HTMLElement>('input[name="publicUrl"]')?.focus();
  }
}
