import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { CatalogueImportSummary } from '@shiori/contracts';
import { CatalogApi, IMPORT_FORMATS } from './catalog-api';

/** Uploading a MARC 21, MARCXML or CSV file, and the imports done before. */
@Component({
  selector: 'admin-imports-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, MatProgressBarModule, LoadState],
  templateUrl: './imports-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportsPage {
  private readonly catalogue = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  protected readonly t = this.i18n.t;
  protected readonly formats = IMPORT_FORMATS;
  protected readonly format = new FormControl('', { nonNullable: true });
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });
  protected readonly list = new Loadable<CatalogueImportSummary[]>();
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value() ?? []).map((i) => ({
      ...i,
      started: formatTime(i.startedAt, lang),
      statusText: this.t(`import.${i.status}` as MessageKey),
    }));
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.list.load(this.catalogue.imports());
  }

  protected choose(): void {
    this.fileInput()?.nativeElement.click();
  }

  protected picked(input: HTMLInputElement): void {
    this.file.set(input.files?.[0] ?? null);
    this.error.set(null);
  }

  protected start(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.catalogue.startImport(file, this.format.value || undefined).subscribe({
      next: ({ id }) => void this.router.navigate(['/catalog/imports', id]),
      error: (e: ApiError) => {
        this.busy.set(false);
        this.error.set(e);
      },
    });
  }
}
