import { ChangeDetectionStrategy, Component, computed, DestroyRef, DOCUMENT, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Policy } from '@shiori/policy';
import { filter, switchMap, tap } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import type { PolicyDocument } from '@shiori/contracts';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { formatTime } from '../core/format';
import { fieldLabel, sectionOf, SECTIONS } from './policy-fields';
import { fieldId, PolicyField } from './policy-field';
import { PolicyForm } from './policy-form';
import { PolicyApi, withoutVersion } from './policy-api';
import { PolicyRules } from './policy-rules';
import { SaveDialog, SaveDialogData } from './save-dialog';

/**
 * The policy editor (貸出・予約のルール): one section per area, every field checked as it is
 * changed by the same schema the API uses, the loan rules as a table. Saving sends the whole
 * policy as a new version (the history keeps every one), after a summary of what changes.
 */
@Component({
  selector: 'admin-policy-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, LoadState, PolicyField, PolicyRules],
  templateUrl: './policy-page.html',
  styleUrl: './policy-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PolicyPage {
  private readonly policyApi = inject(PolicyApi);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly sections = SECTIONS;

  protected readonly current = new Loadable<PolicyDocument>();
  protected readonly model = signal<PolicyForm | null>(null);
  protected readonly version = signal<number | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ApiError | null>(null);
  protected readonly saveErrorText = computed(() => {
    const e = this.saveError();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly showSummary = signal(false);

  protected readonly changeCount = computed(() => this.model()?.changes().length ?? 0);
  protected readonly issueCount = computed(() => this.model()?.issueCount() ?? 0);
  /** Problems for the summary above the form, each a link to its field. */
  protected readonly summary = computed(() => {
    const m = this.model();
    if (!m) return [];
    const ruleIds = m.rules.controls.map((c) => c.value.id as string);
    return [...m.issues().entries()].flatMap(([path, messages]) =>
      messages.map((msg) => ({
        path,
        section: sectionOf(path),
        label: fieldLabel(path, this.pick, ruleIds),
        message: this.pick(msg),
      })),
    );
  });
  protected readonly sectionIssues = computed(() => {
    const counts = new Map<string, number>();
    for (const s of this.summary()) if (s.section) counts.set(s.section.id, (counts.get(s.section.id) ?? 0) + 1);
    return counts;
  });
  protected readonly changedInfo = computed(() => {
    const doc = this.current.value();
    return doc?.changedAt ? formatTime(doc.changedAt, this.i18n.lang()) : '';
  });

  constructor() {
    this.library.ensure();
    this.load();
  }

  protected load(): void {
    this.current.load(this.policyApi.current().pipe(tap((doc) => this.start(doc))));
  }

  private start(doc: PolicyDocument): void {
    this.version.set(doc.version);
    this.model.set(new PolicyForm(withoutVersion(doc), this.destroyRef));
  }

  /** Leaving with unsaved changes asks first (route `canDeactivate`). */
  canLeave(): boolean {
    if (!this.changeCount() || this.saving()) return true;
    return this.document.defaultView?.confirm(this.t('policy.leave')) ?? true;
  }

  protected jump(id: string): void {
    this.document.getElementById(id)?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
    this.document.getElementById(id)?.focus({ preventScroll: true });
  }

  protected focusField(path: string): void {
    const el = this.document.getElementById(fieldId(path)) ?? this.document.querySelector<HTMLElement>(`[data-path="${path}"]`);
    const target = el?.matches('input, button, textarea, select, [tabindex]') ? el : el?.querySelector<HTMLElement>('input, button, [tabindex="0"]');
    (target ?? el)?.scrollIntoView?.({ block: 'center' });
    (target ?? el)?.focus();
  }

  protected discard(): void {
    const doc = this.current.value();
    if (doc) this.model.set(new PolicyForm(withoutVersion(doc), this.destroyRef));
    this.saveError.set(null);
    this.showSummary.set(false);
  }

  protected save(): void {
    const m = this.model();
    if (!m || this.saving()) return;
    this.saveError.set(null);
    m.validate();
    if (m.issueCount() > 0) {
      this.showSummary.set(true);
      m.form.markAllAsTouched();
      const first = m.firstIssuePath();
      if (first !== null) setTimeout(() => this.focusField(first));
      return;
    }
    const changes = m.changes();
    if (!changes.length) {
      this.snackBar.open(this.t('policy.noChanges'), this.t('error.close'), { duration: 4000 });
      return;
    }
    const ruleIds = m.rules.controls.map((c) => c.value.id as string);
    const data: SaveDialogData = {
      changes: changes.map((c) => ({ label: fieldLabel(c.path, this.pick, ruleIds), before: c.before, after: c.after })),
    };
    this.dialog
      .open<SaveDialog, SaveDialogData, boolean>(SaveDialog, { data, maxWidth: '40rem', width: '100%' })
      .afterClosed()
      .pipe(
        filter((ok) => ok === true),
        switchMap(() => {
          this.saving.set(true);
          return this.policyApi.save(m.value());
        }),
      )
      .subscribe({
        next: (doc) => {
          this.saving.set(false);
          this.version.set(doc.version);
          this.current.set(doc);
          m.saved(withoutVersion(doc) as Policy);
          this.library.reloadPolicy();
          this.snackBar.open(this.t('policy.saved', { version: doc.version }), this.t('error.close'), { duration: 6000 });
        },
        error: (e: ApiError) => {
          this.saving.set(false);
          if (e.errors.length) {
            m.applyServerErrors(e.errors);
            this.showSummary.set(true);
            const first = m.firstIssuePath();
            if (first !== null) setTimeout(() => this.focusField(first));
          }
          this.saveError.set(e);
        },
      });
  }
}
