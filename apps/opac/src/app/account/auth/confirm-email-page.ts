import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Api, ApiError } from '../../core/api';
import { I18n } from '../../core/i18n';
import { Session } from '../../core/session';

/** `confirm-email?token=`: the link of the confirmation mail activates the address (Koga's double opt-in). */
@Component({
  selector: 'opac-confirm-email-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule],
  template: `
    <div class="auth">
      <h1>{{ t('confirmEmail.title') }}</h1>
      @switch (state()) {
        @case ('working') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('app.loading')" />
        }
        @case ('done') {
          <p class="done" role="status">{{ t('confirmEmail.done', { email: email() }) }}</p>
          <p><a mat-flat-button routerLink="/my">{{ t('nav.my') }}</a></p>
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
export class ConfirmEmailPage implements OnInit {
  readonly token = input<string | undefined>();
  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
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
      const r = await firstValueFrom(this.api.post<{ email: string }>(this.api.tenantPath('/auth/confirm-email'), { token }));
      this.email.set(r.email);
      this.state.set('done');
      if (this.session.signedIn()) void this.session.refresh();
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
      this.state.set('error');
    }
  }
}
