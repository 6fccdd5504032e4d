import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, Observable, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { formatDay, formatTime } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { NEWS_LIMITS, type NewsInput, type NewsItem } from '@shiori/contracts';
import { ReportsApi } from './reports-api';

/** Library news (お知らせ) and the events calendar (行事) shown on the OPAC: list, add, edit, delete. */
@Component({
  selector: 'admin-news-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, LoadState],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './news-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewsPage {
  private readonly reports = inject(ReportsApi);
  protected readonly library = inject(Library);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly list = new Loadable<{ news: NewsItem[]; events: NewsItem[] }>();
  protected readonly editing = signal<NewsItem | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    kind: new FormControl<'news' | 'event'>('news', { nonNullable: true }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(NEWS_LIMITS.title)] }),
    body: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NEWS_LIMITS.body)] }),
    eventDate: new FormControl('', { nonNullable: true }),
    branchCode: new FormControl<string | null>(null),
  });

  protected readonly news = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value()?.news ?? []).map((n) => ({ ...n, when: formatTime(n.publishedAt, lang) }));
  });
  protected readonly events = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value()?.events ?? []).map((n) => ({ ...n, when: formatDay(n.eventDate, lang), where: this.library.branchName(n.branchCode, lang) }));
  });

  constructor() {
    this.library.ensure();
    this.load();
  }

  protected load(): void {
    this.list.load(this.reports.news());
  }

  protected err(name: 'title' | 'eventDate'): string {
    return serverError(this.form.controls[name], this.pick);
  }

  protected edit(item: NewsItem): void {
    this.editing.set(item);
    this.form.reset({ kind: item.kind, title: item.title, body: item.body ?? '', eventDate: item.eventDate ?? '', branchCode: item.branchCode });
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form.reset({ kind: 'news', title: '', body: '', eventDate: '', branchCode: null });
  }

  protected save(): void {
    const v = this.form.getRawValue();
    if (v.kind === 'event' && !v.eventDate) this.form.controls.eventDate.setErrors({ required: true });
    if (this.form.invalid || this.busy()) {
      Object.values(this.form.controls).forEach((c) => c.markAsDirty());
      return;
    }
    const item: NewsInput = {
      kind: v.kind,
      title: v.title.trim(),
      body: v.body.trim(),
      ...(v.kind === 'event' && v.eventDate ? { eventDate: v.eventDate } : {}),
      ...(v.branchCode ? { branchCode: v.branchCode } : {}),
    };
    const editing = this.editing();
    const request: Observable<NewsItem> = editing ? this.reports.updateNews(editing.id, item) : this.reports.createNews(item);
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.cancel();
        this.snackBar.open(this.t('news.saved'), this.t('error.close'), { duration: 4000 });
        this.load();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (!applyFieldErrors(this.form, e.errors).length && !e.notified) this.notifier.show(e);
      },
    });
  }

  protected remove(item: NewsItem): void {
    confirmAction(this.dialog, { title: this.t('news.deleteTitle', { title: item.title }), body: this.t('news.deleteBody'), confirm: this.t('common.delete'), danger: true })
      .pipe(
        filter(Boolean),
        switchMap(() => this.reports.deleteNews(item.id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.t('news.deleted'), this.t('error.close'), { duration: 4000 });
          this.load();
        },
        error: (e: ApiError) => {
          if (!e.notified) this.notifier.show(e);
        },
      });
  }
}
