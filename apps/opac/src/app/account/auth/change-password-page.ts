import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { I18n } from '../../core/i18n';
import { Library } from '../../core/library';
import { Session } from '../../core/session';
import { PasswordChangeForm } from '../password/password-change-form';

/**
 * The forced change of a temporary password (city003: the counter issues one, the patron
 * must replace it at first login). While it is pending the app offers nothing else.
 */
@Component({
  selector: 'opac-change-password-page',
  imports: [MatButtonModule, PasswordChangeForm],
  template: `
    <div class="auth">
      <h1>{{ t('forcedChange.title') }}</h1>
      <p class="info" role="status">{{ t('forcedChange.intro') }}</p>
      @if (library.policy(); as p) {
        <opac-password-change-form [rules]="p.password" [temporary]="true" (changed)="changed()" />
      }
      <p><button mat-button type="button" (click)="logout()">{{ t('nav.logout') }}</button></p>
    </div>
  `,
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordPage {
  protected readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly t = inject(I18n).t;

  protected async changed(): Promise<void> {
    this.session.passwordChanged();
    await this.session.refresh();
    await this.router.navigate(['/my'], { queryParams: { passwordChanged: 1 } });
  }

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigateByUrl('/');
  }
}
