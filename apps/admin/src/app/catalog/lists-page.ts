import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { RecommendedListSummary } from '@shiori/contracts';
import { CatalogApi } from './catalog-api';

/** The recommended lists (おすすめ) librarians curate for the OPAC: all of them, and a new one. */
@Component({
  selector: 'admin-lists-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, LoadState],
  template: `
    <h1 class="page-title">{{ t('lists.title') }}</h1>
    <p class="muted">{{ t('lists.intro') }}</p>
    <form class="actions card-panel" (submit)="$event.preventDefault(); create()" novalidate>
      <mat-form-field appearance="outline" class="grow" subscriptSizing="dynamic">
        <mat-label>{{ t('lists.newTitle') }}</mat-label>
        <input matInput [formControl]="title" name="title" autocomplete="off" />
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>add</mat-icon>{{ t('lists.new') }}</button>
    </form>
    <admin-load-state [loading]="lists.loading()" [error]="lists.error()" (retry)="load()" />
    @if (lists.value(); as all) {
      @if (all.length) {
        <div class="table-scroll" role="region" [attr.aria-label]="t('lists.caption')" tabindex="0">
          <table class="plain">
            <caption class="visually-hidden">{{ t('lists.caption') }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ t('list.name') }}</th>
                <th scope="col">{{ t('common.status') }}</th>
                <th scope="col" class="num">{{ t('list.books') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (l of all; track l.id) {
                <tr>
                  <td><a [routerLink]="['/lists', l.id]">{{ l.title }}</a></td>
                  <td><span class="tag" [class.good]="l.published">{{ l.published ? t('lists.published') : t('lists.draft') }}</span></td>
                  <td class="num">{{ t('lists.entries', { count: l.entryCount }) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ t('lists.empty') }}</p>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListsPage {
  private readonly catalogue = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);
  protected readonly t = inject(I18n).t;
  protected readonly lists = new Loadable<RecommendedListSummary[]>();
  protected readonly title = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] });
  protected readonly busy = signal(false);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.lists.load(this.catalogue.lists());
  }

  protected create(): void {
    const title = this.title.value.trim();
    if (!title || this.busy()) return;
    this.busy.set(true);
    this.catalogue.createList({ title, published: false }).subscribe({
      next: (l) => void this.router.navigate(['/lists', l.id]),
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!e.notified) this.notifier.show(e);
      },
    });
  }
}
