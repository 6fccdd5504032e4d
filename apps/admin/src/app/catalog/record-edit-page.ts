import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { ndcLabel } from '@shiori/web-core';
import { filter, Observable, switchMap, tap } from 'rxjs';
import { Api, ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { ErrorNotifier } from '../core/errors';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { formatDay, tokyoToday } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { Session } from '../core/session';
import type { StaffItemView, StaffRecordView } from '@shiori/contracts';
import { CatalogApi, NewItem, RecordFields } from './catalog-api';

const NDC = /^\d{1,3}(\.\d{1,6})?$/;
const BARCODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const COVER_URL = /^https?:\/\/[^\s"'<>]+$/i;

const authorGroup = (name = '', reading = '') =>
  new FormGroup({
    name: new FormControl(name, { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    reading: new FormControl(reading, { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

const itemGroup = (branchCode = '') =>
  new FormGroup({
    barcode: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(BARCODE)] }),
    branchCode: new FormControl(branchCode, { nonNullable: true, validators: [Validators.required] }),
    loanable: new FormControl(true, { nonNullable: true }),
    shelfLocation: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    callNumber: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(60)] }),
  });

function recordForm(r?: StaffRecordView) {
  return new FormGroup({
    title: new FormControl(r?.title ?? '', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }),
    titleReading: new FormControl(r?.titleReading ?? '', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    subtitle: new FormControl(r?.subtitle ?? '', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    authors: new FormArray((r?.authors ?? []).map((a) => authorGroup(a.name, a.reading ?? ''))),
    publisher: new FormControl(r?.publisher ?? '', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    publishedYear: new FormControl<number | null>(r?.publishedYear ?? null, { validators: [Validators.min(1000), Validators.max(2100)] }),
    isbn: new FormControl(r?.isbn ?? '', { nonNullable: true, validators: [Validators.maxLength(30)] }),
    materialType: new FormControl(r?.materialType ?? 'book', { nonNullable: true }),
    series: new FormControl(r?.series ?? '', { nonNullable: true, validators: [Validators.maxLength(300)] }),
    volume: new FormControl(r?.volume ?? '', { nonNullable: true, validators: [Validators.maxLength(50)] }),
    ndc: new FormControl(r?.ndc ?? '', { nonNullable: true, validators: [Validators.pattern(NDC)] }),
    controlNumber: new FormControl(r?.controlNumber ?? '', { nonNullable: true, validators: [Validators.maxLength(60)] }),
    receivedAt: new FormControl(r?.receivedAt?.slice(0, 10) ?? '', { nonNullable: true }),
    callNumber: new FormControl(r?.callNumber ?? '', { nonNullable: true, validators: [Validators.maxLength(60)] }),
    coverUrl: new FormControl(r?.coverUrl ?? '', { nonNullable: true, validators: [Validators.maxLength(500), Validators.pattern(COVER_URL)] }),
  });
}

type RecordForm = ReturnType<typeof recordForm>;

/**
 * Creating or editing a bibliographic record (書誌) and its copies (所蔵): fields checked
 * like the API checks them, authors as a list, copies added with their barcode and branch,
 * marked missing or found, or withdrawn (除籍); the whole record can be withdrawn too.
 */
@Component({
  selector: 'admin-record-edit-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    LoadState,
  ],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './record-edit-page.html',
  styleUrl: './record-edit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordEditPage {
  /** From the route `catalogue/records/:id`; absent for a new record. */
  readonly id = input<string>();
  private readonly catalogue = inject(CatalogApi);
  protected readonly library = inject(Library);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly session = inject(Session);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly record = new Loadable<StaffRecordView>();
  protected form: RecordForm = recordForm();
  protected readonly newItems = new FormArray<ReturnType<typeof itemGroup>>([]);
  protected readonly addItemForm = itemGroup();
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly isNew = computed(() => !this.id());
  protected readonly opacUrl = computed(() => {
    const slug = this.session.tenant()?.slug;
    const id = this.id();
    return slug && id ? `${this.api.prefix}/opac/${encodeURIComponent(slug)}/records/${encodeURIComponent(id)}` : null;
  });
  protected readonly withdrawnText = computed(() => {
    const r = this.record.value();
    return r?.withdrawnAt ? this.t('record.isWithdrawn', { date: formatDay(tokyoToday(new Date(r.withdrawnAt)), this.i18n.lang()) }) : '';
  });
  protected readonly items = computed(() => {
    const lang = this.i18n.lang();
    return (this.record.value()?.items ?? []).map((i) => ({
      ...i,
      branch: this.library.branchName(i.branchCode, lang) || i.branchName || i.branchCode,
      statusText: this.t(`item.${i.status}` as MessageKey),
    }));
  });
  protected readonly branches = computed(() => this.library.branches().filter((b) => b.active));

  constructor() {
    this.library.ensure();
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id) this.load(id);
        else this.startNew();
      });
    });
    effect(() => {
      const first = this.branches()[0]?.code;
      untracked(() => {
        if (first && !this.addItemForm.controls.branchCode.value) this.addItemForm.controls.branchCode.setValue(first);
        for (const g of this.newItems.controls) if (!g.controls.branchCode.value && first) g.controls.branchCode.setValue(first);
      });
    });
  }

  private startNew(): void {
    this.form = recordForm();
    this.newItems.clear();
    this.newItems.push(itemGroup(this.branches()[0]?.code ?? ''));
    this.record.value.set(null);
  }

  protected load(id = this.id()!): void {
    this.record.load(this.catalogue.record(id).pipe(tap((r) => (this.form = recordForm(r)))));
  }

  /**
   * Under the NDC field, the class as a librarian reads it (「913.6 小説・物語」, the table the
   * OPAC shows patrons: @shiori/web-core ndcLabel) while the code is valid; else the example.
   */
  protected ndcHint(): string {
    const c = this.form.controls.ndc;
    const code = c.value.trim();
    return code && c.valid ? ndcLabel(code, this.i18n.lang() === 'en' ? 'en' : 'ja') : this.t('record.ndcHint');
  }

  protected get authors(): FormArray<ReturnType<typeof authorGroup>> {
    return this.form.controls.authors;
  }

  protected addAuthor(): void {
    this.authors.push(authorGroup());
  }

  protected removeAuthor(i: number): void {
    this.authors.removeAt(i);
  }

  protected addNewItem(): void {
    this.newItems.push(itemGroup(this.branches()[0]?.code ?? ''));
  }

  protected removeNewItem(i: number): void {
    this.newItems.removeAt(i);
  }

  protected err(name: keyof RecordForm['controls']): string {
    return serverError(this.form.controls[name], this.pick);
  }

  /** The fields as the API takes them: trimmed; empty optional fields left out (new) or cleared (edit). */
  private fields(forEdit: boolean): RecordFields {
    const v = this.form.getRawValue();
    const opt = (s: string) => (s.trim() ? s.trim() : forEdit ? null : undefined);
    const out: RecordFields = {
      title: v.title.trim(),
      titleReading: opt(v.titleReading),
      subtitle: opt(v.subtitle),
      authors: v.authors.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), ...(a.reading.trim() ? { reading: a.reading.trim() } : {}) })),
      publisher: opt(v.publisher),
      publishedYear: v.publishedYear ?? (forEdit ? null : undefined),
      isbn: opt(v.isbn),
      materialType: v.materialType,
      series: opt(v.series),
      volume: opt(v.volume),
      ndc: opt(v.ndc),
      controlNumber: opt(v.controlNumber),
      receivedAt: v.receivedAt || (forEdit ? null : undefined),
      callNumber: opt(v.callNumber),
      coverUrl: opt(v.coverUrl),
    };
    return Object.fromEntries(Object.entries(out).filter(([, x]) => x !== undefined)) as RecordFields;
  }

  protected save(): void {
    if (this.busy()) return;
    this.error.set(null);
    const newItems = this.isNew() ? this.newItems : null;
    if (this.form.invalid || newItems?.invalid) {
      this.form.markAllAsTouched();
      for (const c of Object.values(this.form.controls)) c.markAsDirty();
      newItems?.controls.forEach((g) => Object.values(g.controls).forEach((c) => c.markAsDirty()));
      this.host.nativeElement.querySelector<HTMLElement>('.ng-invalid input, input.ng-invalid, .ng-invalid mat-select')?.focus();
      return;
    }
    this.busy.set(true);
    const request: Observable<StaffRecordView> = this.isNew()
      ? this.catalogue.create({
          ...this.fields(false),
          items: this.newItems.getRawValue().map((i) => ({
            barcode: i.barcode.trim(),
            branchCode: i.branchCode,
            loanable: i.loanable,
            ...(i.shelfLocation.trim() ? { shelfLocation: i.shelfLocation.trim() } : {}),
            ...(i.callNumber.trim() ? { callNumber: i.callNumber.trim() } : {}),
          })),
        })
      : this.catalogue.update(this.id()!, this.fields(true));
    request.subscribe({
      next: (r) => {
        this.busy.set(false);
        if (this.isNew()) {
          this.snackBar.open(this.t('record.created', { title: r.title }), this.t('error.close'), { duration: 5000 });
          void this.router.navigate(['/catalog/records', r.id]);
        } else {
          this.form = recordForm(r);
          this.record.set(r);
          this.snackBar.open(this.t('record.saved'), this.t('error.close'), { duration: 4000 });
        }
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        const placed = applyFieldErrors(this.form, e.errors);
        const itemErrors = e.errors.filter((x) => x.path.startsWith('items'));
        if (this.isNew() && itemErrors.length) applyFieldErrors(this.newItems, itemErrors.map((x) => ({ ...x, path: x.path.replace(/^items\.?/, '') })));
        if (!placed.length || e.code === 'BARCODE_EXISTS') this.error.set(e);
      },
    });
  }

  protected addItem(): void {
    const g = this.addItemForm;
    if (g.invalid) {
      Object.values(g.controls).forEach((c) => c.markAsDirty());
      return;
    }
    const v = g.getRawValue();
    const item: NewItem = {
      barcode: v.barcode.trim(),
      branchCode: v.branchCode,
      loanable: v.loanable,
      ...(v.shelfLocation.trim() ? { shelfLocation: v.shelfLocation.trim() } : {}),
      ...(v.callNumber.trim() ? { callNumber: v.callNumber.trim() } : {}),
    };
    this.catalogue.addItem(this.id()!, item).subscribe({
      next: () => {
        this.snackBar.open(this.t('items.added', { barcode: item.barcode }), this.t('error.close'), { duration: 4000 });
        g.reset({ barcode: '', branchCode: v.branchCode, loanable: true, shelfLocation: '', callNumber: '' });
        this.load();
      },
      error: (e: ApiError) => {
        if (e.code === 'BARCODE_EXISTS') g.controls.barcode.setErrors({ server: e.localized });
        else this.fail(e);
      },
    });
  }

  /** A copy's call number as typed in its cell; empty falls back to the record's. Unchanged: nothing sent. */
  protected setCallNumber(item: StaffItemView, value: string): void {
    const next = value.trim() || null;
    if (next === (item.callNumber ?? null)) return;
    this.updateItem(item, { callNumber: next });
  }

  protected updateItem(item: StaffItemView, changes: Parameters<CatalogApi['updateItem']>[1]): void {
    this.catalogue.updateItem(item.barcode, changes).subscribe({
      next: () => {
        this.snackBar.open(this.t('items.updated', { barcode: item.barcode }), this.t('error.close'), { duration: 3000 });
        this.load();
      },
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected withdrawItem(item: StaffItemView): void {
    confirmAction(this.dialog, {
      title: this.t('items.withdrawTitle', { barcode: item.barcode }),
      body: this.t('items.withdrawBody'),
      confirm: this.t('items.withdraw'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.catalogue.withdrawItem(item.barcode)),
      )
      .subscribe({ next: () => this.load(), error: (e: ApiError) => this.fail(e) });
  }

  protected withdrawRecord(): void {
    const r = this.record.value();
    if (!r) return;
    confirmAction(this.dialog, {
      title: this.t('record.withdrawTitle', { title: r.title }),
      body: this.t('record.withdrawBody'),
      confirm: this.t('record.withdraw'),
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.catalogue.withdraw(r.id)),
      )
      .subscribe({
        next: (after) => {
          this.record.set(after);
          this.snackBar.open(this.t('record.withdrawn'), this.t('error.close'), { duration: 4000 });
        },
        error: (e: ApiError) => this.fail(e),
      });
  }

  private fail(e: ApiError): void {
    if (!e.notified) this.notifier.show(e);
  }
}
