import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, InjectionToken, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { ApiError, FieldError } from '../core/api';
import { I18n } from '../core/i18n';
import { SLUG_PATTERN } from '../core/slug';
import { catchError, debounceTime, filter, map, MonoTypeOperatorFunction, of, switchMap, tap } from 'rxjs';
import type { PresetSummary } from '@shiori/contracts';
import { TenantsApi } from './tenants-api';

/** The live slug check: idle (nothing to check), checking, or the API's answer. */
export type SlugCheck = 'idle' | 'checking' | 'available' | 'taken';

/** Milliseconds of typing pause before the slug is looked up. */
export const SLUG_CHECK_DELAY = 300;

/** The typing pause after which the slug is looked up: SLUG_CHECK_DELAY of quiet (a spec ends its pauses itself). */
export const SLUG_TYPING_PAUSE = new InjectionToken<MonoTypeOperatorFunction<string>>('SLUG_TYPING_PAUSE', {
  providedIn: 'root',
  factory: () => debounceTime<string>(SLUG_CHECK_DELAY),
});

/**
 * Creates a library (tenant): slug, name and the preset it starts from. The slug is checked
 * while it is typed: its form at once, and after a short pause whether it is free (a lookup
 * of `GET /api/platform/tenants/{slug}`, 404 = free). A slug taken meanwhile still comes
 * back as 409 onto the field.
 */
@Component({
  selector: 'admin-tenant-create-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressBarModule],
  // Live validation: show a field's error once it has been typed in, not only after blur.
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './tenant-create-page.html',
  styleUrl: './tenant-create-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TenantCreatePage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly form = new FormGroup({
    slug: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(SLUG_PATTERN)] }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    preset: new FormControl('', { nonNullable: true }),
  });
  private readonly slug = toSignal(this.form.controls.slug.valueChanges, { initialValue: '' });
  protected readonly slugHint = computed(() => this.t('create.slugHint', { slug: this.slug() || '…' }));
  protected readonly slugCheck = signal<SlugCheck>('idle');

  protected readonly presets = signal<PresetSummary[]>([]);
  protected readonly presetsFailed = signal(false);
  /** '' sends no preset, so the API applies its standard one; shown only when the list has no `default`. */
  protected readonly offerStandard = computed(() => !this.presets().some((p) => p.slug === 'default'));
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  constructor() {
    this.form.controls.slug.valueChanges
      .pipe(
        tap(() => this.slugCheck.set('idle')),
        inject(SLUG_TYPING_PAUSE),
        map((slug) => slug.trim()),
        filter((slug) => SLUG_PATTERN.test(slug)),
        tap(() => this.slugCheck.set('checking')),
        switchMap((slug) =>
          this.tenantsApi.get(slug).pipe(
            map(() => ({ slug, state: 'taken' as const })),
            catchError((e: ApiError) => of({ slug, state: e.status === 404 ? ('available' as const) : ('idle' as const) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ slug, state }) => {
        const control = this.form.controls.slug;
        if (control.value.trim() !== slug) return; // typed on meanwhile
        this.slugCheck.set(state);
        if (state === 'taken') {
          control.setErrors({ ...(control.errors ?? {}), taken: true });
          control.markAsDirty();
        }
      });
    this.tenantsApi.presets().subscribe({
      next: (presets) => {
        this.presets.set(presets);
        if (presets.some((p) => p.slug === 'default')) this.form.controls.preset.setValue('default');
      },
      error: () => this.presetsFailed.set(true),
    });
  }

  /** A message the API attached to one field (VALIDATION), in the current language. */
  protected serverMessage(control: AbstractControl): string {
    const m = control.getError('server') as FieldError['message'] | undefined;
    return !m ? '' : typeof m === 'string' ? m : this.pick(m);
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      for (const c of Object.values(this.form.controls)) c.markAsDirty();
      this.focusFirstInvalid();
      return;
    }
    const { slug, name, preset } = this.form.getRawValue();
    this.busy.set(true);
    this.tenantsApi.create({ slug, name: name.trim(), ...(preset ? { preset } : {}) }).subscribe({
      next: (tenant) => {
        this.snackBar.open(this.t('create.created', { name: tenant?.name ?? name }), this.t('error.close'), { duration: 5000 });
        void this.router.navigateByUrl('/tenants');
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.status === 409) {
          this.form.controls.slug.setErrors({ taken: true });
          this.focusField('slug');
          return;
        }
        if (e.code === 'VALIDATION' && this.applyFieldErrors(e.errors)) return;
        this.error.set(e);
      },
    });
  }

  /** Puts the API's field errors on the fields they name; false when none matched. */
  private applyFieldErrors(errors: readonly FieldError[]): boolean {
    let first: string | null = null;
    for (const err of errors) {
      const control = this.form.get(err.path);
      if (!control) continue;
      control.setErrors({ ...(control.errors ?? {}), server: err.message });
      control.markAsDirty();
      first ??= err.path;
    }
    if (first) this.focusField(first);
    return first !== null;
  }

  /** After a failed submit, focus goes to the field to fix (the form's fields carry their control's name). */
  private focusField(name: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }

  private focusFirstInvalid(): void {
    const name = Object.entries(this.form.controls).find(([, c]) => c.invalid)?.[0];
    if (name) this.focusField(name);
  }
}
