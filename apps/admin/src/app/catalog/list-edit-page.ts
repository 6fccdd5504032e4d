import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { filter, switchMap, tap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { RecommendedListView, SearchHit, SearchResult } from '@shiori/contracts';
import { CatalogApi } from './catalog-api';

type Entry = Pick<SearchHit, 'id' | 'title' | 'volume' | 'authors'> & { withdrawn?: boolean };

/** Editing one recommended list: its name, introduction, whether it is public, and its books in order. */
@Component({
  selector: 'admin-list-edit-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, LoadState],
  templateUrl: './list-edit-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListEditPage {
  readonly id = input.required<string>();
  private readonly catalogue = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly list = new Loadable<RecommendedListView>();
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
    published: new FormControl(false, { nonNullable: true }),
  });
  protected readonly entries = signal<Entry[]>([]);
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly results = new Loadable<SearchResult>();
  protected readonly busy = signal(false);
  protected readonly inList = computed(() => new Set(this.entries().map((e) => e.id)));
  protected readonly entryRows = computed(() => this.entries().map((e) => ({ ...e, authorText: (e.authors ?? []).map((a) => a.name).join('・') })));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    this.list.load(
      this.catalogue.list(id).pipe(
        tap((l) => {
          this.form.setValue({ title: l.title, description: l.description ?? '', published: l.published });
          this.entries.set(l.records ?? []);
        }),
      ),
    );
  }

  protected search(): void {
    const q = this.query.value.trim();
    if (q) this.results.load(this.catalogue.search(q, 1, 10));
  }

  protected add(hit: SearchHit): void {
    if (!this.inList().has(hit.id)) this.entries.update((list) => [...list, hit]);
  }

  protected remove(id: string): void {
    this.entries.update((list) => list.filter((e) => e.id !== id));
  }

  protected move(index: number, by: -1 | 1): void {
    this.entries.update((list) => {
      const to = index + by;
      if (to < 0 || to >= list.length) return list;
      const next = [...list];
      [next[index], next[to]] = [next[to], next[index]];
      return next;
    });
  }

  protected save(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.catalogue
      .updateList(this.id(), {
        title: v.title.trim(),
        description: v.description.trim() || null,
        published: v.published,
        recordIds: this.entries()
          .filter((e) => !e.withdrawn)
          .map((e) => e.id),
      })
      .subscribe({
        next: (l) => {
          this.busy.set(false);
          this.list.set(l);
          this.entries.set(l.records ?? []);
          this.snackBar.open(this.t('list.saved'), this.t('error.close'), { duration: 4000 });
        },
        error: (e: ApiError) => {
          this.busy.set(false);
          if (!e.notified) this.notifier.show(e);
        },
      });
  }

  protected remove_(): void {
    const l = this.list.value();
    if (!l) return;
    confirmAction(this.dialog, { title: this.t('list.deleteTitle', { title: l.title }), body: this.t('list.deleteBody'), confirm: this.t('list.delete'), danger: true })
      .pipe(
        filter(Boolean),
        switchMap(() => this.catalogue.deleteList(l.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.t('list.deleted'), this.t('error.close'), { duration: 4000 });
          void this.router.navigateByUrl('/lists');
        },
        error: (e: ApiError) => {
          if (!e.notified) this.notifier.show(e);
        },
      });
  }
}
