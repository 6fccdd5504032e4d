import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { passwordRulesText, PasswordReasons, PasswordRules, validatePassword } from '@shiori/policy';
import { I18n } from '../../core/i18n';

let nextId = 0;

/**
 * New password + confirmation, checked live against the city's rules by the same function
 * the API uses (`validatePassword`): the rules as hints, what is still wrong, a strength
 * meter (Katori's "ふつう") and the match indicator ("一致"). Presentational: the parent
 * owns both values (two-way `password` / `confirm`) and decides when to submit.
 */
@Component({
  selector: 'opac-new-password-fields',
  imports: [MatFormFieldModule, MatInputModule, MatIconModule, MatButtonModule],
  template: `
    <ul class="hints" [id]="id + '-hints'">
      @for (line of hints(); track $index) {
        <li>{{ pick(line) }}</li>
      }
    </ul>

    <mat-form-field appearance="outline" class="field">
      <mat-label>{{ label() || t('password.new') }}</mat-label>
      <input
        matInput
        [type]="show() ? 'text' : 'password'"
        name="new-password"
        [readonly]="keysOnScreen()"
        autocomplete="new-password"
        autocapitalize="off"
        spellcheck="false"
        [attr.aria-describedby]="id + '-hints ' + id + '-problems ' + id + '-strength'"
        [attr.aria-invalid]="password() !== '' && !check().ok && hasOwnProblems()"
        [attr.maxlength]="rules().maxLength + 10"
        [attr.inputmode]="digitsOnly() ? 'numeric' : null"
        [value]="password()"
        (input)="password.set($any($event.target).value)"
      />
    </mat-form-field>

    <div class="strength" [id]="id + '-strength'">
      <span class="strength-label">{{ t('password.strength') }}</span>
      <meter min="0" max="4" low="1.5" high="2.5" optimum="4" [value]="strength()" [attr.aria-label]="t('password.strength')"></meter>
      <strong class="strength-text">{{ password() ? strengthText() : '—' }}</strong>
    </div>

    <mat-form-field appearance="outline" class="field">
      <mat-label>{{ t('password.confirm') }}</mat-label>
      <input
        matInput
        [type]="show() ? 'text' : 'password'"
        name="confirm-password"
        [readonly]="keysOnScreen()"
        autocomplete="new-password"
        autocapitalize="off"
        spellcheck="false"
        [attr.aria-describedby]="id + '-match'"
        [attr.inputmode]="digitsOnly() ? 'numeric' : null"
        [value]="confirm()"
        (input)="confirm.set($any($event.target).value)"
      />
    </mat-form-field>
    <p class="match" [id]="id + '-match'" aria-live="polite">
      @if (confirm()) {
        @if (matches()) {
          <span class="ok"><mat-icon aria-hidden="true">check_circle</mat-icon>{{ t('password.match') }}</span>
        } @else {
          <span class="ng"><mat-icon aria-hidden="true">cancel</mat-icon>{{ t('password.mismatch') }}</span>
        }
      }
    </p>

    <button mat-button type="button" class="show" (click)="show.set(!show())" [attr.aria-pressed]="show()">
      <mat-icon>{{ show() ? 'visibility_off' : 'visibility' }}</mat-icon>{{ t(show() ? 'password.hide' : 'password.show') }}
    </button>

    <ul class="problems" [id]="id + '-problems'" aria-live="polite">
      @if (password()) {
        @for (r of problems(); track r.code) {
          <li><mat-icon aria-hidden="true">error</mat-icon>{{ pick(r.message) }}</li>
        }
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    .hints {
      margin: 0 0 1rem;
      padding-inline-start: 1.25rem;
      font: var(--mat-sys-body-medium);
    }
    .field {
      width: 100%;
      max-width: 28rem;
      display: block;
    }
    .strength {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      margin: -0.5rem 0 1rem;
    }
    meter {
      width: 10rem;
      height: 1rem;
    }
    .match {
      min-height: 1.5rem;
      margin: -0.75rem 0 0.5rem;
    }
    .match span,
    .problems li {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      font-weight: 700;
    }
    .ok {
      color: #0b6b2f;
    }
    .ng,
    .problems {
      color: var(--mat-sys-error);
    }
    .problems {
      list-style: none;
      padding: 0;
      margin: 0.5rem 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordFields {
  readonly rules = input.required<PasswordRules & { hint?: { ja: string; en: string }[] }>();
  readonly label = input('');
  /** On a kiosk the page's on-screen keys type here (no system keyboard pops up). */
  readonly keysOnScreen = input(false);
  readonly password = model('');
  readonly confirm = model('');

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly id = `opac-new-password-${nextId++}`;
  protected readonly show = model(false);

  protected readonly hints = computed(() => this.rules().hint ?? passwordRulesText(this.rules()));
  protected readonly digitsOnly = computed(() => this.rules().classes.length === 1 && this.rules().classes[0] === 'digits');
  /** The rules applied to the new password alone (the match is shown on its own line). */
  protected readonly check = computed(() => validatePassword(this.password(), this.rules()));
  protected readonly problems = computed(() => this.check().reasons.filter((r) => r.code !== PasswordReasons.EMPTY));
  protected readonly hasOwnProblems = computed(() => this.problems().length > 0);
  protected readonly strength = computed(() => this.check().strength);
  /** The library's own wording of the level (2 = ふつう, as on Katori's form). */
  protected readonly strengthText = computed(() => this.pick(this.check().strengthLabel));
  protected readonly matches = computed(() => this.confirm() === this.password());
}

/** Whether the pair may be sent: the rules are met and both fields agree. */
export function newPasswordReady(rules: PasswordRules, password: string, confirm: string): boolean {
  return validatePassword(password, rules, { confirm }).ok;
}
