import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18n } from '../core/i18n';
import type { Region } from '@shiori/contracts';
import type { NewRegion, RegionChange } from './regions-api';

const CODE_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;

/** A library the region may take in. */
export interface LibraryChoice {
  slug: string;
  name: string;
  status: string;
}

let nextId = 0;

/**
 * The form of a region: code (new regions only), name ja/en and the member libraries as
 * checkboxes. Emits a new region, or the change to an existing one (members added and removed).
 */
@Component({
  selector: 'admin-region-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatCheckboxModule, MatButtonModule],
  template: `
    <form class="region-form" [formGroup]="form" (ngSubmit)="submit()" [attr.aria-labelledby]="headingId">
      <h2 [id]="headingId">{{ region() ? t('regions.editing', { name: region()!.name }) : t('regions.new') }}</h2>
      @if (!region()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ t('regions.code') }}</mat-label>
          <input matInput formControlName="code" autocomplete="off" spellcheck="false" />
          <mat-hint>{{ t('regions.codeHint') }}</mat-hint>
          @if (form.controls.code.hasError('pattern') || form.controls.code.hasError('required')) {
            <mat-error>{{ t('regions.codePattern') }}</mat-error>
          } @else if (form.controls.code.hasError('taken')) {
            <mat-error>{{ t('regions.codeTaken') }}</mat-error>
          }
        </mat-form-field>
      }
      <mat-form-field appearance="outline">
        <mat-label>{{ t('regions.name') }}</mat-label>
        <input matInput formControlName="name" autocomplete="off" />
        @if (form.controls.name.invalid) {
          <mat-error>{{ t('regions.nameRequired') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ t('regions.nameEn') }}</mat-label>
        <input matInput formControlName="nameEn" autocomplete="off" lang="en" />
      </mat-form-field>
      <fieldset class="members" [attr.aria-describedby]="membersError() ? errorId : null">
        <legend>{{ t('regions.members') }}</legend>
        @for (lib of libraries(); track lib.slug) {
          <mat-checkbox [checked]="chosen().has(lib.slug)" (change)="toggle(lib.slug, $event.checked)" [attr.data-library]="lib.slug">
            {{ lib.name }}@if (lib.status === 'suspended') { {{ t('regions.suspended') }}}
          </mat-checkbox>
        }
        @if (membersError()) {
          <p class="error" [id]="errorId" role="alert">{{ t('regions.membersRequired') }}</p>
        }
      </fieldset>
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ region() ? t('regions.save') : t('regions.create') }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">{{ t('regions.cancel') }}</button>
      </div>
    </form>
  `,
  styles: `
    .region-form {
      display: grid;
      gap: 0.75rem;
      max-width: 40rem;
      padding: 1rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      margin: 0;
    }
    .members {
      display: flex;
      flex-direction: column;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 0.5rem 1rem;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0.25rem 0;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionForm {
  /** The region to edit; none for a new one. */
  readonly region = input<Region | null>(null);
  readonly libraries = input.required<LibraryChoice[]>();
  readonly busy = input(false);
  readonly created = output<NewRegion>();
  readonly changed = output<RegionChange>();
  readonly cancelled = output<void>();

  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly headingId = `region-form-${++nextId}`;
  protected readonly errorId = `${this.headingId}-members`;

  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(CODE_PATTERN)] }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    nameEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
  });
  protected readonly chosen = signal(new Set<string>());
  private readonly tried = signal(false);
  protected readonly membersError = computed(() => this.tried() && this.chosen().size === 0);

  constructor() {
    effect(() => {
      const r = this.region();
      this.form.reset({ code: r?.code ?? '', name: r?.name ?? '', nameEn: r?.nameEn ?? '' });
      if (r) this.form.controls.code.disable();
      else this.form.controls.code.enable();
      this.chosen.set(new Set(r?.members.map((m) => m.slug) ?? []));
      this.tried.set(false);
    });
  }

  /** The API said the code is taken (409). */
  markCodeTaken(): void {
    this.form.controls.code.setErrors({ taken: true });
    this.form.controls.code.markAsTouched();
    this.host.nativeElement.querySelector<HTMLElement>('[formcontrolname="code"]')?.focus();
  }

  protected toggle(slug: string, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(slug);
    else next.delete(slug);
    this.chosen.set(next);
  }

  protected submit(): void {
    this.tried.set(true);
    if (this.form.invalid || this.chosen().size === 0) {
      this.form.markAllAsTouched();
      const first = this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid, mat-checkbox input');
      first?.focus();
      return;
    }
    const { code, name, nameEn } = this.form.getRawValue();
    const r = this.region();
    const members = [...this.chosen()];
    if (!r) {
      this.created.emit({ code, name: name.trim(), ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}), members });
      return;
    }
    const before = new Set(r.members.map((m) => m.slug));
    this.changed.emit({
      name: name.trim(),
      nameEn: nameEn.trim() || null,
      addMembers: members.filter((s) => !before.has(s)),
      removeMembers: [...before].filter((s) => !this.chosen().has(s)),
    });
  }
}
