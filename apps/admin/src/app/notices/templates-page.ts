import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, switchMap, tap } from 'rxjs';
import { ApiError, FieldError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { fieldMessage } from '../core/field-errors';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { NOTICE_KINDS, NOTICE_TEMPLATE_LIMITS, type NoticeKind, type NoticeLang, type NoticeTemplate } from '@shiori/contracts';
import { NoticesApi } from './notices-api';

/**
 * The wording of each notice mail, per language: edit the subject and body, insert a field
 * from the list, preview it with sample data, save (the API refuses a template that would
 * not render and says on which line), or go back to the standard text.
 */
@Component({
  selector: 'admin-templates-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatInputModule, MatIconModule, LoadState],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './templates-page.html',
  styleUrl: './templates-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TemplatesPage {
  private readonly notices = inject(NoticesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly bodyInput = viewChild<ElementRef<HTMLTextAreaElement>>('bodyInput');
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly kinds = NOTICE_KINDS;

  protected readonly templates = new Loadable<NoticeTemplate[]>();
  protected readonly kind = signal<NoticeKind>('hold-ready');
  protected readonly lang = signal<NoticeLang>('ja');
  protected readonly form = new FormGroup({
    subject: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(NOTICE_TEMPLATE_LIMITS.subject)] }),
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(NOTICE_TEMPLATE_LIMITS.body)] }),
  });
  protected readonly preview = signal<{ subject: string; body: string } | null>(null);
  protected readonly busy = signal(false);
  protected readonly problems = signal<FieldError[]>([]);

  protected readonly current = computed(() => (this.templates.value() ?? []).find((x) => x.kind === this.kind() && x.lang === this.lang()) ?? null);
  protected readonly variables = computed(() =>
    (this.current()?.variables ?? []).map((v) => ({ ...v, token: `{{${v.name.replace(/\[\]\./g, '.')}}}`, text: this.pick(v.description) })),
  );
  protected readonly updated = computed(() => {
    const c = this.current();
    return c?.overridden && c.updatedAt ? this.t('templates.updated', { time: formatTime(c.updatedAt, this.i18n.lang()), by: c.updatedBy ?? '' }) : '';
  });
  protected readonly problemText = (field: 'subject' | 'body') =>
    this.problems()
      .filter((p) => p.path === field)
      .map((p) => {
        const line = (p as FieldError & { line?: number }).line;
        return (line ? this.t('templates.line', { line }) + ': ' : '') + fieldMessage(p.message, this.pick);
      });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.templates.load(this.notices.templates().pipe(tap(() => setTimeout(() => this.fill()))));
  }

  protected kindLabel(kind: string): string {
    return this.t(`notice.${kind}` as MessageKey);
  }

  protected isCustom(kind: NoticeKind): boolean {
    return (this.templates.value() ?? []).some((x) => x.kind === kind && x.overridden);
  }

  protected choose(kind: NoticeKind, lang: NoticeLang = this.lang()): void {
    this.kind.set(kind);
    this.lang.set(lang);
    this.fill();
  }

  private fill(): void {
    const c = this.current();
    this.form.reset({ subject: c?.subject ?? '', body: c?.body ?? '' });
    this.preview.set(null);
    this.problems.set([]);
  }

  protected insert(token: string): void {
    const el = this.bodyInput()?.nativeElement;
    const body = this.form.controls.body;
    const at = el ? el.selectionStart : body.value.length;
    const end = el ? el.selectionEnd : at;
    body.setValue(body.value.slice(0, at) + token + body.value.slice(end));
    body.markAsDirty();
    setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  protected showPreview(): void {
    this.problems.set([]);
    this.notices.preview(this.kind(), this.lang(), this.form.getRawValue()).subscribe({
      next: (p) => this.preview.set(p),
      error: (e: ApiError) => this.refused(e),
    });
  }

  protected save(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problems.set([]);
    this.notices.save(this.kind(), this.lang(), this.form.getRawValue()).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.templates.value.update((list) => (list ?? []).map((x) => (x.kind === saved.kind && x.lang === saved.lang ? saved : x)));
        this.form.markAsPristine();
        this.snackBar.open(this.t('templates.saved'), this.t('error.close'), { duration: 4000 });
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.refused(e);
      },
    });
  }

  protected reset(): void {
    confirmAction(this.dialog, { title: this.t('templates.resetTitle'), body: this.t('templates.resetBody'), confirm: this.t('templates.reset') })
      .pipe(
        filter(Boolean),
        switchMap(() => this.notices.reset(this.kind(), this.lang())),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(this.t('templates.resetDone'), this.t('error.close'), { duration: 4000 });
          this.load();
        },
        error: (e: ApiError) => {
          if (!e.notified) this.notifier.show(e);
        },
      });
  }

  private refused(e: ApiError): void {
    if (e.errors.length) this.problems.set([...e.errors]);
    else if (!e.notified) this.notifier.show(e);
  }
}
