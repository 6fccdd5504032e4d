import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { catchError, of } from 'rxjs';
import type { CityRegion } from '@shiori/contracts';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';

/**
 * Under a result list or a record: share the page's link (the device's share sheet where
 * there is one, else the clipboard), print it, and search the same words in each region the
 * city belongs to (横断検索: `/opac/r/{region}/?q=`), for a book this city does not have.
 */
@Component({
  selector: 'opac-result-links',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <nav class="result-links" [attr.aria-label]="t('links.heading')">
      <button mat-button type="button" class="share" (click)="share()"><mat-icon aria-hidden="true">share</mat-icon>{{ t('links.share') }}</button>
      <button mat-button type="button" class="print" (click)="print()"><mat-icon aria-hidden="true">print</mat-icon>{{ t('links.print') }}</button>
      @for (r of regions(); track r.code) {
        <a mat-button class="region-search" [href]="r.href"><mat-icon aria-hidden="true">travel_explore</mat-icon>{{ t('links.region', { region: r.label }) }}</a>
      }
      <span class="share-status" role="status" aria-live="polite">{{ status() }}</span>
    </nav>
  `,
  styles: `
    .result-links {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      margin: 0.5rem 0;
    }
    .share-status:empty {
      display: none;
    }
    @media print {
      .result-links {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultLinks {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** The words a regional search is given (the search typed, or the record's ISBN or title). */
  readonly query = input('');
  /** What is shared: the page of a search or of one record (the message after copying says which). */
  readonly kind = input<'search' | 'record'>('search');

  protected readonly status = signal('');

  private readonly cityRegions = toSignal(
    this.api.tenant ? this.api.get<CityRegion[]>(this.api.tenantPath('/regions')).pipe(catchError(() => of([] as CityRegion[]))) : of([] as CityRegion[]),
    { initialValue: [] as CityRegion[] },
  );

  /** Each region's search for the same words, under the same path prefix as the API. */
  protected readonly regions = computed(() => {
    const prefix = this.api.base.replace(/\/api$/, '');
    const q = this.query().trim();
    return this.cityRegions().map((r) => ({
      code: r.code,
      href: `${prefix}${r.opacPath}?${q ? `q=${encodeURIComponent(q)}&` : ''}from=${encodeURIComponent(this.api.tenant ?? '')}`,
      label: (this.i18n.lang() === 'en' && r.nameEn) || r.name,
    }));
  });

  protected async share(): Promise<void> {
    const url = location.href;
    const nav = navigator as Navigator & { share?: (data: { url: string; title?: string }) => Promise<void> };
    if (typeof nav.share === 'function' && matchMedia('(pointer: coarse)').matches) {
      try {
        await nav.share({ url, title: document.title });
        return;
      } catch {
        // dismissed or refused: fall back to the clipboard
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      this.status.set(this.t(this.kind() === 'record' ? 'links.recordCopied' : 'links.copied'));
    } catch {
      this.status.set(this.t('links.copyFailed'));
    }
  }

  protected print(): void {
    window.print();
  }
}
