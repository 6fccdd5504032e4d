import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { serverError } from '../core/field-errors';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { PatronDetailsGroup } from './patron-form';

/** The patron's details fields, shared by registration and editing (presentational over the group). */
@Component({
  selector: 'admin-patron-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    <div class="form-grid" [formGroup]="group()">
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.name') }}</mat-label>
        <input matInput formControlName="name" name="name" autocomplete="off" required />
        @if (group().controls.name.hasError('required')) {
          <mat-error>{{ t('common.required') }}</mat-error>
        } @else if (group().controls.name.hasError('server')) {
          <mat-error>{{ err('name') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.nameKana') }}</mat-label>
        <input matInput formControlName="nameKana" name="nameKana" autocomplete="off" required />
        <mat-hint>{{ t('patron.nameKanaHint') }}</mat-hint>
        @if (group().controls.nameKana.hasError('required')) {
          <mat-error>{{ t('common.required') }}</mat-error>
        } @else if (group().controls.nameKana.hasError('katakana')) {
          <mat-error>{{ t('patron.nameKanaPattern') }}</mat-error>
        } @else if (group().controls.nameKana.hasError('server')) {
          <mat-error>{{ err('nameKana') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.birthDate') }}</mat-label>
        <input matInput type="date" formControlName="birthDate" name="birthDate" />
        @if (group().controls.birthDate.hasError('server')) {
          <mat-error>{{ err('birthDate') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.phone') }}</mat-label>
        <input matInput type="tel" formControlName="phone" name="phone" autocomplete="off" />
        @if (group().controls.phone.hasError('server')) {
          <mat-error>{{ err('phone') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.email') }}</mat-label>
        <input matInput type="email" formControlName="email" name="email" autocomplete="off" />
        @if (group().controls.email.hasError('email')) {
          <mat-error>{{ t('common.invalid') }}</mat-error>
        } @else if (group().controls.email.hasError('server')) {
          <mat-error>{{ err('email') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.category') }}</mat-label>
        <mat-select formControlName="category" name="category">
          @for (c of library.categories(); track c.code) {
            <mat-option [value]="c.code">{{ c.name ? pick(c.name) + ' (' + c.code + ')' : c.code }}</mat-option>
          }
        </mat-select>
        @if (group().controls.category.hasError('server')) {
          <mat-error>{{ err('category') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.expiresAt') }}</mat-label>
        <input matInput type="date" formControlName="expiresAt" name="expiresAt" />
        <mat-hint>{{ t('patron.expiresAtHint') }}</mat-hint>
        @if (group().controls.expiresAt.hasError('server')) {
          <mat-error>{{ err('expiresAt') }}</mat-error>
        }
      </mat-form-field>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatronFields {
  readonly group = input.required<PatronDetailsGroup>();
  protected readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  constructor() {
    this.library.ensure();
  }

  protected err(name: keyof PatronDetailsGroup['controls']): string {
    return serverError(this.group().controls[name], this.pick);
  }
}
