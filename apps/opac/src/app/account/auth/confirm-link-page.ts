import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { EmailConfirmed, LinkTokenRequest, PasswordConfirmed } from '@shiori/contracts';
import { Api, ApiError } from '../../core/api';
import { I18n, MessageKey } from '../../core/i18n';
import { Session } from '../../core/session';

/** What a link in mail confirms: the API call and the page's words. */
const LINKS = {
  // Koga's double opt-in: the address counts once its link is opened
  email: { path: '/auth/confirm-email', title: 'confirmEmail.title', done: 'confirmEmail.done', next: { to: '/my', label: 'nav.my' } },
  // a password registered online for a patron with an e-mail on file takes effect here
  password: { path: '/auth/confirm-password', title: 'confirmPassword.title', done: 'confirmPassword.done', next: { to: '/login', label: 'login.title' } },
} as const satisfies Record<string, { path: string; title: MessageKey; done: MessageKey; next: { to: string; label: MessageKey } }>;

/**
 * `confirm-email?token=` and `confirm-password?token=`: the page a confirmation mail links to.
 * It sends the token at once and says what happened (route data `link` picks which).
 */
@Component({
  selector: 'opac-confirm-link-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule],
  template: `
    <div class="auth">
      <h1>{{ t(spec().title) }}</h1>
      @switch (state()) {
        @case ('working') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('app.loading')" />
        }
        @case ('done') {
          <p class="done" role="status">{{ t(spec().done, { email: email() }) }}</p>
          <p><a mat-flat-button [routerLink]="spec().next.to">{{ t(spec().next.label) }}</a></p>
        }
        @case ('error') {
          <p class="error" role="alert">{{ error() }}</p>
        }
      }
    </div>
  `,
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmLinkPage implements OnInit {
  readonly token = input<string | undefined>();
  /** From the route's data. */
  readonly link = input<keyof typeof LINKS>('email');
  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly spec = () => LINKS[this.link()];
  protected readonly state = signal<'working' | 'done' | 'error'>('working');
  protected readonly email = signal('');
  protected readonly error = signal('');

  async ngOnInit(): Promise<void> {
    const token = this.token();
    if (!token) {
      this.error.set(this.t('reset.noToken'));
      this.state.set('error');
      return;
    }
    try {
      const r = await firstValueFrom(this.api.post<EmailConfirmed | PasswordConfirmed>(this.api.tenantPath(this.spec().path), { token } satisfies LinkTokenRequest));
      this.email.set('email' in r ? r.email : '');
      this.state.set('done');
      if (this.session.signedIn()) void this.session.refresh();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
      this.state.set('error');
    }
  }
}
