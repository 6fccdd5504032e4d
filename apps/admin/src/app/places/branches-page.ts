import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n, MessageKey } from '../core/i18n';
import type { Branch, PickupPoint, PickupPointKind, PickupTimetableEntry } from '@shiori/contracts';
import { Library } from '../core/library';
import { LoadState } from '../core/load-state';
import { deleteBranch, DeleteBranchOutcome, deletePickupPoint } from './delete-place-dialog';
import { BRANCH_PHONE, halfWidthPhone } from '@shiori/policy';
import { BranchChanges, PickupPointChanges, PlacesApi } from './places-api';
import { TimetableEditor, timetableText } from './timetable-editor';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
/** A pickup point's note and a branch's opening hours: at most this many characters in each language (as the API checks). */
export const NOTE_MAX = 500;
/** A branch's address: at most this many characters (as the API checks). */
export const ADDRESS_MAX = 200;
/** 0 = Sunday … 6 = Saturday, as the API numbers weekly closing days. */
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * In a `{ja, en}` group for patrons (a pickup point's note, a branch's opening hours), the
 * Japanese is needed as soon as the English is written (the OPAC falls back to Japanese).
 */
function jaWithEnglish(control: AbstractControl<string>): ValidationErrors | null {
  const en = control.parent?.get('en')?.value as string | undefined;
  return en?.trim() && !control.value.trim() ? { jaRequired: true } : null;
}

/** A `{ja, en}` text for patrons as the API stores it: trimmed, no English key when there is none, null when empty. */
function patronText(ja: string | undefined, en: string | null | undefined): { ja: string; en?: string } | null {
  const j = ja?.trim() ?? '';
  const e = en?.trim() ?? '';
  if (!j) return null;
  return e ? { ja: j, en: e } : { ja: j };
}

/** Weekly closing days as the API wants them: distinct, in weekday order. */
function weekdaysOf(days: readonly number[] | undefined): number[] {
  return [...new Set(days ?? [])].sort((a, b) => a - b);
}
export const PICKUP_KINDS: PickupPointKind[] = ['counter', 'locker', 'bookmobile-station'];
/** What the page says once a branch's delete dialog has done something. */
const BRANCH_OUTCOME: Record<NonNullable<DeleteBranchOutcome>, MessageKey> = {
  deleted: 'branches.deleted',
  deactivated: 'branches.deactivated',
  'taken-out-of-use': 'branches.takenOutOfUse',
};
const sortControl = () =>
  new FormControl<number | null>(0, { validators: [Validators.required, Validators.min(0), Validators.max(100000), Validators.pattern(/^\d+$/)] });

/** JSON with object keys sorted (the API's jsonb does not keep the order they were sent in). */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The fields of `next` that differ from `current` (timetables compared by content). */
function changed<T extends object>(current: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (canonical(next[key]) !== canonical(current[key])) out[key] = next[key];
  }
  return out;
}

/**
 * The library's service points: branches (a library, a reading room, the bookmobile) and
 * under each its pickup points: counter, hold locker, bookmobile stations with their
 * timetable. New ones are added at the bottom. Every field but the code changes in place
 * (name, English name, display order, bookmobile, and what patrons read about a branch: its
 * address, telephone number, opening hours in Japanese and English and its weekly closing
 * days, which due dates and hold-shelf ends skip like calendar closed days; a pickup point's kind, branch, timetable,
 * state, and the note patrons read when they choose it, in Japanese and English, too); a
 * pickup point is deleted after a confirmation, which shows the API's refusal while holds
 * still use it, and so is a branch (refused while copies, open loans or holds use it, or when
 * it is the last branch in use; taken out of use instead when records name it).
 */
@Component({
  selector: 'admin-branches-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    LoadState,
    TimetableEditor,
  ],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  templateUrl: './branches-page.html',
  styleUrl: './branches-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BranchesPage {
  protected readonly library = inject(Library);
  private readonly places = inject(PlacesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  private readonly dialog = inject(MatDialog);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly kinds = PICKUP_KINDS;
  /** `maxlength` on the note fields: typing stops at the API's limit (pasting more shows the error). */
  protected readonly noteMax = NOTE_MAX;

  /** Which pickup point's timetable is open for editing. */
  protected readonly editingTimetable = signal<string | null>(null);
  protected readonly editingBranch = signal<string | null>(null);
  protected readonly branchEdit = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)] }),
    nameEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    sort: sortControl(),
    isBookmobile: new FormControl(false, { nonNullable: true }),
    // what patrons read about the branch; paths as the API names them (hours.ja, weeklyClosed), so its field errors land here
    address: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(ADDRESS_MAX)] }),
    // full-width digits and IME dashes are fine: checked and sent half-width
    phone: new FormControl('', { nonNullable: true, validators: [(c: AbstractControl<string>) => (!c.value || BRANCH_PHONE.test(halfWidthPhone(c.value)) ? null : { pattern: true })] }),
    hours: new FormGroup({
      ja: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NOTE_MAX), jaWithEnglish] }),
      en: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NOTE_MAX)] }),
    }),
    /** One checkbox per weekday, Sunday first: checked = closed every week. */
    weeklyClosed: new FormArray(WEEKDAYS.map(() => new FormControl(false, { nonNullable: true }))),
  });
  /** The weekday checkboxes: the short name shown (日), the full one as the accessible name (日曜日). */
  protected readonly weekdays = computed(() => WEEKDAYS.map((d) => ({ day: d, short: this.t(`weekday.${d}` as MessageKey), long: this.t(`weekdayLong.${d}` as MessageKey) })));
  protected readonly addressMax = ADDRESS_MAX;
  /** Which pickup point's edit form is open. */
  protected readonly editingPoint = signal<string | null>(null);
  protected readonly pointEdit = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)] }),
    nameEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    kind: new FormControl<PickupPointKind>('counter', { nonNullable: true }),
    branchCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    sort: sortControl(),
    active: new FormControl(true, { nonNullable: true }),
    // paths as the API names them (note.ja, note.en), so its field errors land here
    note: new FormGroup({
      ja: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NOTE_MAX), jaWithEnglish] }),
      en: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(NOTE_MAX)] }),
    }),
  });

  protected readonly newBranch = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(CODE)] }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    nameEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    isBookmobile: new FormControl(false, { nonNullable: true }),
    askPickupPoint: new FormControl(false, { nonNullable: true }),
  });
  protected readonly newPickup = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(CODE)] }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    nameEn: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(100)] }),
    kind: new FormControl<PickupPointKind>('counter', { nonNullable: true }),
    branchCode: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected readonly groups = computed(() => {
    const points = this.library.pickupPoints();
    return this.library.branches().map((b) => ({
      branch: b,
      // 月曜日・木曜日: how the weekly closing days read in the list
      weeklyClosedText: weekdaysOf(b.weeklyClosed)
        .map((d) => this.t(`weekdayLong.${d}` as MessageKey))
        .join(this.t('branches.weekdaySeparator')),
      points: points
        .filter((p) => p.branchCode === b.code)
        .map((p) => ({ ...p, kindText: this.t(`pickup.kind.${p.kind}` as MessageKey), timetableText: timetableText(p.timetable ?? [], this.t) })),
    }));
  });

  constructor() {
    this.library.ensure();
    // an English note makes the Japanese one required: check it again as the English changes
    const note = this.pointEdit.controls.note.controls;
    note.en.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => note.ja.updateValueAndValidity());
    const hours = this.branchEdit.controls.hours.controls;
    hours.en.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => hours.ja.updateValueAndValidity());
  }

  protected reload(): void {
    this.library.reloadPlaces();
  }

  protected kindLabel(kind: PickupPointKind): string {
    return this.t(`pickup.kind.${kind}` as MessageKey);
  }

  protected err(group: FormGroup, name: string): string {
    return serverError(group.get(name), this.pick);
  }

  /** The API's error for the weekly closing days (on the whole array, or on one day), or ''. */
  protected weeklyClosedError(): string {
    const days = this.branchEdit.controls.weeklyClosed;
    return [days, ...days.controls].map((c) => serverError(c, this.pick)).find(Boolean) ?? '';
  }

  protected startEditBranch(b: Branch): void {
    this.editingBranch.set(b.code);
    const closed = b.weeklyClosed ?? [];
    this.branchEdit.reset({
      name: b.name,
      nameEn: b.nameEn ?? '',
      sort: b.sort,
      isBookmobile: b.isBookmobile,
      address: b.address ?? '',
      phone: b.phone ?? '',
      hours: { ja: b.hours?.ja ?? '', en: b.hours?.en ?? '' },
      weeklyClosed: WEEKDAYS.map((d) => closed.includes(d)),
    });
  }

  protected saveBranch(b: Branch): void {
    const g = this.branchEdit;
    if (g.invalid) return this.touch(g);
    const v = g.getRawValue();
    const changes: BranchChanges = changed<BranchChanges>(
      {
        name: b.name,
        nameEn: b.nameEn,
        sort: b.sort,
        isBookmobile: b.isBookmobile,
        address: b.address ?? null,
        phone: b.phone ?? null,
        hours: patronText(b.hours?.ja, b.hours?.en),
        weeklyClosed: weekdaysOf(b.weeklyClosed),
      },
      {
        name: v.name.trim(),
        nameEn: v.nameEn.trim() || null,
        sort: Number(v.sort),
        isBookmobile: v.isBookmobile,
        // emptied fields clear them
        address: v.address.trim() || null,
        phone: halfWidthPhone(v.phone) || null,
        hours: patronText(v.hours.ja, v.hours.en),
        weeklyClosed: WEEKDAYS.filter((d) => v.weeklyClosed[d]),
      },
    );
    if (!Object.keys(changes).length) return this.editingBranch.set(null);
    this.places.updateBranch(b.code, changes).subscribe({
      next: (saved) => {
        this.editingBranch.set(null);
        this.done(this.t('branches.saved', { name: saved.name }));
      },
      error: (e: ApiError) => this.formFail(g, e),
    });
  }

  protected startEditPoint(p: PickupPoint): void {
    this.editingTimetable.set(null);
    this.editingPoint.set(p.code);
    this.pointEdit.reset({
      name: p.name,
      nameEn: p.nameEn ?? '',
      kind: p.kind,
      branchCode: p.branchCode,
      sort: p.sort,
      active: p.active,
      note: { ja: p.note?.ja ?? '', en: p.note?.en ?? '' },
    });
  }

  /** Sends only what changed, so moving a point is checked only when its branch changes. */
  protected savePoint(p: PickupPoint, timetable: PickupTimetableEntry[]): void {
    const g = this.pointEdit;
    if (g.invalid) return this.touch(g);
    const v = g.getRawValue();
    const changes: PickupPointChanges = changed<PickupPointChanges>(
      { name: p.name, nameEn: p.nameEn, kind: p.kind, branchCode: p.branchCode, sort: p.sort, active: p.active, timetable: p.timetable ?? [], note: patronText(p.note?.ja, p.note?.en) },
      {
        name: v.name.trim(),
        nameEn: v.nameEn.trim() || null,
        kind: v.kind,
        branchCode: v.branchCode,
        sort: Number(v.sort),
        active: v.active,
        // only bookmobile stations keep a timetable
        timetable: v.kind === 'bookmobile-station' ? timetable : [],
        // an emptied Japanese note clears it
        note: patronText(v.note.ja, v.note.en),
      },
    );
    if (!Object.keys(changes).length) return this.editingPoint.set(null);
    this.places.updatePickupPoint(p.code, changes).subscribe({
      next: (saved) => {
        this.editingPoint.set(null);
        this.done(this.t('pickup.saved', { name: saved.name }));
      },
      error: (e: ApiError) => {
        if (e.status === 409 && e.code === 'PICKUP_POINT_BRANCH_IN_USE') {
          const branch = g.controls.branchCode;
          branch.setErrors({ server: e.localized });
          branch.markAsDirty();
          return;
        }
        this.formFail(g, e);
      },
    });
  }

  /** Asks, then deletes (or the API takes it out of use); the dialog shows a refusal itself. */
  protected removePoint(p: PickupPoint): void {
    deletePickupPoint(this.dialog, p).subscribe((outcome) => {
      if (!outcome) return;
      if (this.editingPoint() === p.code) this.editingPoint.set(null);
      this.done(this.t(outcome === 'deleted' ? 'pickup.deleted' : 'pickup.deactivated', { name: p.name }));
    });
  }

  /** Asks, then deletes the branch (or the API takes it out of use); the dialog shows a refusal itself. */
  protected removeBranch(b: Branch): void {
    const othersInUse = this.library.branches().some((x) => x.code !== b.code && x.active);
    deleteBranch(this.dialog, b, othersInUse).subscribe((outcome) => {
      if (!outcome) return;
      if (this.editingBranch() === b.code) this.editingBranch.set(null);
      if (outcome === 'deleted' && this.newPickup.controls.branchCode.value === b.code) this.newPickup.controls.branchCode.reset();
      this.done(this.t(BRANCH_OUTCOME[outcome], { name: b.name }));
    });
  }

  protected setBranch(b: Branch, changes: { askPickupPoint?: boolean; active?: boolean }): void {
    this.run(this.places.updateBranch(b.code, changes), () => this.t('branches.saved', { name: b.name }));
  }

  protected setPickupActive(p: PickupPoint, active: boolean): void {
    this.run(this.places.updatePickupPoint(p.code, { active }), () => this.t('pickup.saved', { name: p.name }));
  }

  protected saveTimetable(p: PickupPoint, timetable: PickupTimetableEntry[]): void {
    this.run(this.places.updatePickupPoint(p.code, { timetable }), () => {
      this.editingTimetable.set(null);
      return this.t('pickup.saved', { name: p.name });
    });
  }

  protected addBranch(): void {
    const g = this.newBranch;
    if (g.invalid) return this.touch(g);
    const v = g.getRawValue();
    this.places
      .createBranch({ code: v.code.trim(), name: v.name.trim(), ...(v.nameEn.trim() ? { nameEn: v.nameEn.trim() } : {}), isBookmobile: v.isBookmobile, askPickupPoint: v.askPickupPoint })
      .subscribe({
        next: (b) => {
          g.reset();
          this.done(this.t('branches.added', { name: b.name }));
        },
        error: (e: ApiError) => this.formFail(g, e, 'branches.exists'),
      });
  }

  protected addPickup(timetable: PickupTimetableEntry[]): void {
    const g = this.newPickup;
    if (g.invalid) return this.touch(g);
    const v = g.getRawValue();
    this.places
      .createPickupPoint({
        code: v.code.trim(),
        name: v.name.trim(),
        ...(v.nameEn.trim() ? { nameEn: v.nameEn.trim() } : {}),
        kind: v.kind,
        branchCode: v.branchCode,
        ...(v.kind === 'bookmobile-station' ? { timetable } : {}),
      })
      .subscribe({
        next: (p) => {
          g.reset({ kind: 'counter', branchCode: v.branchCode, code: '', name: '', nameEn: '' });
          this.done(this.t('pickup.added', { name: p.name }));
        },
        error: (e: ApiError) => this.formFail(g, e, 'branches.exists'),
      });
  }

  /** Marks every field dirty (nested groups too), so their errors show. */
  private touch(g: FormGroup): void {
    Object.values(g.controls).forEach((c) => (c instanceof FormGroup ? this.touch(c) : c.markAsDirty()));
  }

  private formFail(g: FormGroup, e: ApiError, existsKey?: MessageKey): void {
    if (e.status === 409 && existsKey) {
      g.get('code')?.setErrors({ server: { ja: this.i18n.t(existsKey), en: this.i18n.t(existsKey) } });
      g.get('code')?.markAsDirty();
      return;
    }
    if (!applyFieldErrors(g, e.errors).length && !e.notified) this.notifier.show(e);
  }

  private run<T>(request: Observable<T>, message: () => string): void {
    request.subscribe({
      next: () => this.done(message()),
      error: (e: ApiError) => {
        if (!e.notified) this.notifier.show(e);
      },
    });
  }

  private done(message: string): void {
    this.snackBar.open(message, this.t('error.close'), { duration: 4000 });
    this.library.reloadPlaces();
  }
}
