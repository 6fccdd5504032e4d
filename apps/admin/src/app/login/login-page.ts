import { ChangeDetectionStrategy, Component, computed, DOCUMENT, ElementRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { Api, ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { SLUG_PATTERN } from '../core/slug';
import { LanguageToggle } from '../core/language-toggle';
import { Session } from '../core/session';

export type LoginMode = 'librarian' | 'platform';

const LAST_LOGIN_KEY = 'shiori.admin.lastLogin';

/**
 * Sign-in for both kinds of staff: a librarian (図書館職員) signs in to one library by its
 * slug; the regional admin (広域管理者) signs in to the platform. A library PC usually
 * signs in to the same library, so the mode and slug (never the user) are remembered.
 */
@Component({
  selector: 'admin-login-page',
  imports: [
    ReactiveFormsModule,
    LanguageToggle,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  /** The libraries to choose from (name and code), so nobody types an internal code from memory. */
  protected readonly libraries = signal<{ code: string; name: string }[]>([]);

  protected readonly t = this.i18n.t;
  protected readonly form = new FormGroup({
    mode: new FormControl<LoginMode>('librarian', { nonNullable: true }),
    tenant: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(SLUG_PATTERN)] }),
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly mode = toSignal(this.form.controls.mode.valueChanges, { initialValue: this.form.controls.mode.value });
  protected readonly modeHint = computed(() =>
    this.t(this.mode() === 'platform' ? 'login.modePlatformHint' : 'login.modeLibrarianHint'),
  );
  protected readonly busy = signal(false);
  protected readonly showPassword = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  constructor() {
    inject(Api)
      .get<{ code: string; name: string }[]>('/platform/libraries')
      .subscribe({ next: (l) => this.libraries.set(l), error: () => undefined }); // typing the code still works
    this.restoreLastLogin();
    this.form.controls.mode.valueChanges.subscribe((mode) => this.applyMode(mode));
    this.applyMode(this.form.controls.mode.value);
  }

  protected togglePassword(): void {
    this.showPassword.update((v) => !v);
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const { mode, tenant, username, password } = this.form.getRawValue();
    const slug = tenant.trim();
    const login =
      mode === 'platform' ? this.session.loginPlatform(username.trim(), password) : this.session.loginLibrarian(slug, username.trim(), password);
    this.busy.set(true);
    login.subscribe({
      next: () => {
        this.rememberLastLogin(mode, slug);
        void this.router.navigateByUrl(this.session.homeUrl());
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.error.set(e);
        this.form.controls.password.reset();
      },
    });
  }

  /** The slug only matters to librarians; a disabled control is left out of validation. */
  private applyMode(mode: LoginMode): void {
    const tenant = this.form.controls.tenant;
    if (mode === 'platform') tenant.disable({ emitEvent: false });
    else tenant.enable({ emitEvent: false });
    this.error.set(null);
  }

  private focusFirstInvalid(): void {
    const name = Object.entries(this.form.controls).find(([, c]) => c.enabled && c.invalid)?.[0];
    if (name) this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${name}"]`)?.focus();
  }

  private rememberLastLogin(mode: LoginMode, slug: string): void {
    try {
      this.storage?.setItem(LAST_LOGIN_KEY, JSON.stringify({ mode, tenant: mode === 'librarian' ? slug : '' }));
    } catch {
      // storage disabled: nothing remembered
    }
  }

  private restoreLastLogin(): void {
    try {
      const last = JSON.parse(this.storage?.getItem(LAST_LOGIN_KEY) ?? 'null') as { mode?: string; tenant?: string } | null;
      if (last?.mode === 'platform' || last?.mode === 'librarian') this.form.controls.mode.setValue(last.mode);
      if (typeof last?.tenant === 'string' && SLUG_PATTERN.test(last.tenant)) this.form.controls.tenant.setValue(last.tenant);
    } catch {
      // nothing remembered
    }
  }
}
