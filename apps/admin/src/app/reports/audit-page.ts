import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { AuditChange, auditChanges } from '../core/audit-changes';
import { formatTime } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { AuditEntry, AuditPage as AuditResult } from '@shiori/contracts';
import { ReportsApi } from './reports-api';
import { auditActionLabel, auditSubject } from './audit-labels';

const PAGE_SIZE = 50;

/**
 * Who changed what (操作履歴): every staff write, newest first, filtered by action, entity and
 * id; each entry opens to the fields that changed (before → after), compared like policy
 * versions are.
 */
@Component({
  selector: 'admin-audit-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, LoadState],
  templateUrl: './audit-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly reports = inject(ReportsApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly filters = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    entity: new FormControl('', { nonNullable: true }),
    entityId: new FormControl('', { nonNullable: true }),
  });
  protected readonly page = signal(1);
  protected readonly result = new Loadable<AuditResult>();
  protected readonly open = signal<AuditEntry['id'] | null>(null);
  protected readonly pages = computed(() => {
    const r = this.result.value();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.result.value()?.items ?? []).map((e) => ({
      ...e,
      when: formatTime(e.at, lang),
      who: e.actorName ?? e.actorKind ?? '—',
      // the library's words and the book's title and barcode, not `loan.checkin` and an id
      actionLabel: auditActionLabel(e.action, lang),
      subject: auditSubject(e.before, e.after, lang),
    }));
  });

  constructor() {
    this.load();
  }

  protected search(): void {
    this.page.set(1);
    this.load();
  }

  protected go(page: number): void {
    this.page.set(page);
    this.load();
  }

  protected load(): void {
    this.result.load(this.reports.audit({ page: this.page(), size: PAGE_SIZE, ...this.filters.getRawValue() }));
  }

  protected toggle(e: AuditEntry): void {
    this.open.set(this.open() === e.id ? null : e.id);
  }

  /** The fields that changed, as lines "path: before → after". */
  protected changes(e: AuditEntry): AuditChange[] {
    return auditChanges(e.before, e.after);
  }
}
