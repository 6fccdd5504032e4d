import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AuditChange, auditChanges } from '../core/audit-changes';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { PlatformAuditEntry, PlatformAuditPage as AuditResult } from '@shiori/contracts';
import { TenantsApi } from './tenants-api';

const PAGE_SIZE = 50;
/** A user name (as the API takes it, spaces around it are trimmed), or `cli` / `system`. */
const ACTOR = /^\s*[A-Za-z0-9._@-]{3,60}\s*$/;

/** What the platform writes to its audit log, with their names on screen. */
const ACTIONS: Record<string, MessageKey> = {
  'staff.create': 'platformAudit.act.staff.create',
  'staff.update': 'platformAudit.act.staff.update',
  'staff.disable': 'platformAudit.act.staff.disable',
  'staff.enable': 'platformAudit.act.staff.enable',
  'staff.reset-password': 'platformAudit.act.staff.reset-password',
  'staff.unlock': 'platformAudit.act.staff.unlock',
  'staff.change-password': 'platformAudit.act.staff.change-password',
  'tenant.create': 'platformAudit.act.tenant.create',
  'tenant.suspend': 'platformAudit.act.tenant.suspend',
  'tenant.resume': 'platformAudit.act.tenant.resume',
  'tenant.public-url': 'platformAudit.act.tenant.public-url',
  'tenant.migrate': 'platformAudit.act.tenant.migrate',
};

/** The action filter's choices: everything, each area, each action (the API matches the start). */
const ACTION_CHOICES: { value: string; label: MessageKey }[] = [
  { value: '', label: 'platformAudit.actionAll' },
  { value: 'staff', label: 'platformAudit.actionStaffAll' },
  ...Object.entries(ACTIONS)
    .filter(([a]) => a.startsWith('staff.'))
    .map(([value, label]) => ({ value, label })),
  { value: 'tenant', label: 'platformAudit.actionTenantAll' },
  ...Object.entries(ACTIONS)
    .filter(([a]) => a.startsWith('tenant.'))
    .map(([value, label]) => ({ value, label })),
];

function toNotBeforeFrom(group: AbstractControl): ValidationErrors | null {
  const { from, to } = group.value as { from: string; to: string };
  return from && to && to < from ? { toBeforeFrom: true } : null;
}

interface AuditRow extends PlatformAuditEntry {
  when: string;
  who: string;
  actionLabel: string;
  target: string;
  /** the library a staff account belongs to, or '' */
  targetNote: string;
}

/**
 * The platform's audit log (操作履歴) for regional IT: who changed which staff account or
 * library, when (Japan time), newest first; filtered by action, actor and days, paged. Each
 * entry opens to its details (before → after), laid out like the library's audit screen.
 */
@Component({
  selector: 'admin-platform-audit-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatIconModule, LoadState],
  templateUrl: './platform-audit-page.html',
  styles: `
    .filters {
      align-items: flex-start;
    }
    .note {
      display: block;
    }
    .details dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      margin: 0 0 0.5rem;
    }
    .details dd {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlatformAuditPage {
  private readonly tenantsApi = inject(TenantsApi);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly actionChoices = ACTION_CHOICES;

  protected readonly filters = new FormGroup(
    {
      action: new FormControl('', { nonNullable: true }),
      actor: new FormControl('', { nonNullable: true, validators: [Validators.pattern(ACTOR)] }),
      from: new FormControl('', { nonNullable: true }),
      to: new FormControl('', { nonNullable: true }),
    },
    { validators: toNotBeforeFrom },
  );
  /** The filters of the list on screen (the form may have been edited since). */
  private applied = this.filters.getRawValue();
  protected readonly page = signal(1);
  protected readonly result = new Loadable<AuditResult>();
  protected readonly open = signal<PlatformAuditEntry['id'] | null>(null);
  protected readonly pages = computed(() => {
    const r = this.result.value();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly rows = computed<AuditRow[]>(() => {
    const lang = this.i18n.lang();
    return (this.result.value()?.items ?? []).map((e) => ({
      ...e,
      when: formatTime(e.at, lang),
      who: this.actor(e),
      actionLabel: ACTIONS[e.action] ? this.t(ACTIONS[e.action]) : e.action,
      ...this.target(e),
    }));
  });

  constructor() {
    this.load();
  }

  protected search(): void {
    if (this.filters.invalid) {
      this.filters.markAllAsTouched();
      const bad = this.filters.controls.actor.invalid ? 'actor' : 'to';
      this.host.nativeElement.querySelector<HTMLElement>(`[formcontrolname="${bad}"]`)?.focus();
      return;
    }
    const v = this.filters.getRawValue();
    this.applied = { ...v, actor: v.actor.trim() };
    this.page.set(1);
    this.load();
  }

  protected clear(): void {
    this.filters.reset();
    this.search();
  }

  protected go(page: number): void {
    this.page.set(page);
    this.load();
  }

  protected load(): void {
    this.open.set(null);
    this.result.load(this.tenantsApi.audit({ page: this.page(), size: PAGE_SIZE, ...this.applied }));
  }

  protected toggle(e: PlatformAuditEntry): void {
    this.open.set(this.open() === e.id ? null : e.id);
  }

  protected changes(e: PlatformAuditEntry): AuditChange[] {
    return e.before == null && e.after == null ? [] : auditChanges(e.before, e.after);
  }

  /** A staff member's user name; the command line with the OS user; the system. */
  private actor(e: PlatformAuditEntry): string {
    if (e.actorName) return e.actorName;
    if (e.actorKind === 'cli') return e.actorId ? this.t('platformAudit.actorCliUser', { user: e.actorId }) : this.t('platformAudit.actorCli');
    if (e.actorKind === 'system') return this.t('platformAudit.actorSystem');
    return e.actorKind;
  }

  private target(e: PlatformAuditEntry): { target: string; targetNote: string } {
    if (e.entity === 'staff') {
      return {
        target: this.t('platformAudit.targetStaff', { name: e.staffUsername ?? e.entityId ?? '—' }),
        targetNote: e.tenantId ? (e.tenantName ?? e.tenantSlug ?? '') : this.t('platformAudit.platform'),
      };
    }
    if (e.entity === 'tenant') {
      return { target: this.t('platformAudit.targetTenant', { name: e.tenantName ?? e.tenantSlug ?? e.entityId ?? '—' }), targetNote: e.tenantSlug ?? '' };
    }
    return { target: e.entity, targetNote: e.entityId ?? '' };
  }
}
