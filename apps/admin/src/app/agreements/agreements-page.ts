import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  AGREEMENT_CARD_MODES,
  AGREEMENT_RETURN_MODES,
  AGREEMENT_SITUATIONS,
  AgreementCardMode,
  AgreementReturnMode,
  AgreementSituationKind,
  AgreementTerms,
  explainTerms,
} from '@shiori/policy';
import type { AgreementExplainResult, AgreementPresetView } from '@shiori/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { formatTime } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { Agreement, AgreementRegion, AgreementsApi, AgreementVersion, City } from './agreements-api';

/** The editor's host value for "every member of a region" (a city's code never has a colon). */
const REGION_PREFIX = 'region:';

/**
 * Regional IT edits 広域利用 agreements: the list, an editor for the terms (start from a
 * preset: 相互利用 or 共通利用券; the lending side is a city or 「{地域}の加盟館すべて」, every
 * other member of a region the home city is in), the history of the agreement being edited, and a tester
 * that decides a situation at the lending city's desk on the terms in the editor.
 */
/** AgreementTermsSchema's defaults for `ill` (libs/policy): no ILL unless regional IT says so. */
const DEFAULT_ILL_TERMS: AgreementTerms['ill'] = { requests: false, patronsMayAsk: false, lenderSeesPatronName: false, loanDays: 28 };

@Component({
  selector: 'admin-agreements-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, LoadState],
  template: `
    <h1>{{ t('agreements.title') }}</h1>
    <p>{{ t('agreements.intro') }}</p>
    <admin-load-state [loading]="list.loading()" [error]="list.error()" (retry)="load()" />
    @if (list.value(); as rows) {
      <h2 class="section-title">{{ t('agreements.list') }}</h2>
      @if (rows.length) {
        <table class="data-table">
          <caption class="visually-hidden">{{ t('agreements.list') }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ t('agreements.home') }}</th>
              <th scope="col">{{ t('agreements.host') }}</th>
              <th scope="col">{{ t('agreements.terms') }}</th>
              <th scope="col">{{ t('agreements.version') }}</th>
              <th scope="col"><span class="visually-hidden">{{ t('agreements.edit') }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (a of rows; track a.id) {
              <tr>
                <td>{{ a.homeCity.name }}</td>
                <td>{{ hostLabel(a) }}</td>
                <td>{{ summary(a.terms) }}</td>
                <td>{{ a.version }}</td>
                <td><button mat-stroked-button type="button" (click)="edit(a)">{{ t('agreements.edit') }}</button></td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ t('agreements.none') }}</p>
      }
    }

    <h2 class="section-title" id="agreement-editor">{{ editing() ? t('agreements.editing', { home: editing()!.homeCity.name, host: hostLabel(editing()!), version: editing()!.version }) : t('agreements.new') }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" class="editor" aria-labelledby="agreement-editor">
      @if (!editing() && cities().length) {
        <mat-form-field>
          <mat-label>{{ t('agreements.home') }}</mat-label>
          <mat-select formControlName="homeCity" required>
            @for (c of cities(); track c.slug) {
              <mat-option [value]="c.slug" [attr.data-city]="c.slug">{{ c.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ t('agreements.host') }}</mat-label>
          <mat-select formControlName="host" required>
            <mat-optgroup [label]="t('agreements.hostCities')">
              @for (c of cities(); track c.slug) {
                <mat-option [value]="c.slug" [attr.data-city]="c.slug">{{ c.name }}</mat-option>
              }
            </mat-optgroup>
            @if (homeRegions().length) {
              <mat-optgroup [label]="t('agreements.hostRegions')">
                @for (r of homeRegions(); track r.code) {
                  <mat-option [value]="regionValue(r.code)">{{ t('agreements.regionMembers', { name: r.name }) }}</mat-option>
                }
              </mat-optgroup>
            }
          </mat-select>
          @if (chosenRegion()) {
            <mat-hint>{{ t('agreements.regionHint') }}</mat-hint>
          }
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>{{ t('agreements.preset') }}</mat-label>
        <mat-select formControlName="preset" (selectionChange)="applyPreset($event.value)">
          <mat-option value="">{{ t('agreements.presetNone') }}</mat-option>
          @for (p of presets(); track p.slug) {
            <mat-option [value]="p.slug">{{ pick(p.name) }}</mat-option>
          }
        </mat-select>
        @if (presetDescription()) {
          <mat-hint>{{ presetDescription() }}</mat-hint>
        }
      </mat-form-field>
      <mat-checkbox formControlName="residentsMayBorrow">{{ t('agreements.residentsMayBorrow') }}</mat-checkbox>
      <mat-form-field>
        <mat-label>{{ t('agreements.card') }}</mat-label>
        <mat-select formControlName="card">
          @for (c of cardModes; track c) {
            <mat-option [value]="c">{{ t(cardLabel(c)) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ t('agreements.maxItems') }}</mat-label>
        <input matInput type="number" min="0" max="999" formControlName="maxItems" required />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ t('agreements.periodDays') }}</mat-label>
        <input matInput type="number" min="1" max="366" formControlName="periodDays" required />
      </mat-form-field>
      <mat-checkbox formControlName="holds">{{ t('agreements.holds') }}</mat-checkbox>
      <mat-checkbox formControlName="renewals">{{ t('agreements.renewals') }}</mat-checkbox>
      <mat-form-field>
        <mat-label>{{ t('agreements.returns') }}</mat-label>
        <mat-select formControlName="returns">
          @for (r of returnModes; track r) {
            <mat-option [value]="r">{{ t(returnLabel(r)) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-checkbox formControlName="contactData">{{ t('agreements.contactData') }}</mat-checkbox>
      <mat-checkbox formControlName="illRequests">{{ t('agreements.illRequests') }}</mat-checkbox>
      @if (form.controls.illRequests.value) {
        <mat-checkbox formControlName="illPatronsMayAsk" class="sub-option">{{ t('agreements.illPatronsMayAsk') }}</mat-checkbox>
      }
      @if (!editing()) {
        <mat-checkbox formControlName="reciprocal">{{ t('agreements.reciprocal') }}</mat-checkbox>
      }
      @if (errorText()) {
        <p class="error" role="alert">{{ errorText() }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy() || form.invalid">{{ editing() ? t('agreements.save') : t('agreements.create') }}</button>
        @if (editing()) {
          <button mat-button type="button" (click)="reset()">{{ t('agreements.cancel') }}</button>
        }
      </div>
    </form>

    @if (editing() && versions().length) {
      <h3>{{ t('agreements.history') }}</h3>
      <ul class="history">
        @for (v of versions(); track v.version) {
          <li>
            {{ t('agreements.version') }} {{ v.version }} — {{ time(v.changedAt) }} — {{ v.changedBy }}
            @for (c of v.changes; track c.path) {
              <span class="change">{{ c.path }}: {{ show(c.before) }} → {{ show(c.after) }}</span>
            }
          </li>
        }
      </ul>
    }

    <h2 class="section-title" id="agreement-tester">{{ t('agreements.tester') }}</h2>
    <p>{{ t('agreements.testerIntro') }}</p>
    <form [formGroup]="tester" (ngSubmit)="test()" class="editor" aria-labelledby="agreement-tester">
      <mat-form-field>
        <mat-label>{{ t('agreements.situation') }}</mat-label>
        <mat-select formControlName="situation">
          @for (s of situations; track s) {
            <mat-option [value]="s">{{ t(situationLabel(s)) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ t('agreements.currentLoans') }}</mat-label>
        <input matInput type="number" min="0" max="999" formControlName="currentLoans" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ t('agreements.renewalsDone') }}</mat-label>
        <input matInput type="number" min="0" max="99" formControlName="renewals" />
      </mat-form-field>
      <div class="actions">
        <button mat-stroked-button type="submit" [disabled]="busy() || !pair()">{{ t('agreements.test') }}</button>
      </div>
    </form>
    <div role="status" aria-live="polite">
      @if (result(); as r) {
        <p [class.ok]="r.ok" [class.error]="!r.ok"><strong>{{ r.ok ? t('agreements.allowed') : t('agreements.refused') }}</strong> {{ pick(r.why) }}</p>
      }
    </div>
  `,
  styles: `
    .editor { display: flex; flex-direction: column; gap: 0.5rem; max-width: 40rem; }
    .actions { display: flex; gap: 1rem; }
    .history .change { display: block; margin-left: 1.5rem; }
    .sub-option { margin-left: 1.5rem; }
    .ok { color: #1b5e20; }
    .error { color: #b00020; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementsPage implements OnInit {
  private readonly api = inject(AgreementsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;
  protected readonly time = (iso: string) => formatTime(iso, this.i18n.lang());
  protected readonly cardModes = AGREEMENT_CARD_MODES;
  protected readonly returnModes = AGREEMENT_RETURN_MODES;
  protected readonly situations = AGREEMENT_SITUATIONS;

  protected readonly list = new Loadable<Agreement[]>();
  protected readonly cities = signal<City[]>([]);
  protected readonly regions = signal<AgreementRegion[]>([]);
  protected readonly presets = signal<AgreementPresetView[]>([]);
  protected readonly editing = signal<Agreement | null>(null);
  protected readonly versions = signal<AgreementVersion[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    if (!e) return '';
    const fields = (e.errors ?? []).map((f) => `${f.path}: ${typeof f.message === 'string' ? f.message : this.pick(f.message)}`);
    return [this.pick(e.localized), ...fields].join(' ');
  });
  protected readonly result = signal<AgreementExplainResult | null>(null);
  private readonly presetSlug = signal('');
  protected readonly presetDescription = computed(() => {
    const p = this.presets().find((x) => x.slug === this.presetSlug());
    return p ? this.pick(p.description) : '';
  });

  protected readonly form = new FormGroup({
    homeCity: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    /** a city's code, or REGION_PREFIX + a region's code for every member of the region */
    host: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    preset: new FormControl('', { nonNullable: true }),
    residentsMayBorrow: new FormControl(true, { nonNullable: true }),
    card: new FormControl<AgreementCardMode>('host-card', { nonNullable: true }),
    maxItems: new FormControl(10, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(999)] }),
    periodDays: new FormControl(14, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(366)] }),
    holds: new FormControl(false, { nonNullable: true }),
    renewals: new FormControl(false, { nonNullable: true }),
    returns: new FormControl<AgreementReturnMode>('lender-only', { nonNullable: true }),
    contactData: new FormControl(false, { nonNullable: true }),
    illRequests: new FormControl(false, { nonNullable: true }),
    illPatronsMayAsk: new FormControl(false, { nonNullable: true }),
    reciprocal: new FormControl(false, { nonNullable: true }),
  });
  protected readonly tester = new FormGroup({
    situation: new FormControl<AgreementSituationKind>('checkout', { nonNullable: true }),
    currentLoans: new FormControl(0, { nonNullable: true }),
    renewals: new FormControl(0, { nonNullable: true }),
  });

  async ngOnInit(): Promise<void> {
    this.load();
    try {
      const [cities, presets, regions] = await Promise.all([firstValueFrom(this.api.cities()), firstValueFrom(this.api.presets()), firstValueFrom(this.api.regions())]);
      this.cities.set(cities.map((c) => ({ slug: c.slug, name: c.name })));
      this.regions.set(regions);
      this.presets.set(presets);
    } catch (e) {
      this.error.set(e instanceof ApiError ? e : null);
    }
  }

  protected load(): void {
    this.list.load(this.api.list());
  }

  /** The home and lending city the tester uses; for a region, its first other member. */
  protected pair(): { homeCity: string; hostCity: string } | null {
    const a = this.editing();
    if (a) return a.hostCity ? { homeCity: a.homeCity.slug, hostCity: a.hostCity.slug } : this.regionPair(a.homeCity.slug, a.hostRegion?.code ?? '');
    const { homeCity, host } = this.form.getRawValue();
    if (!homeCity || !host) return null;
    const region = this.chosenRegion();
    return region ? this.regionPair(homeCity, region) : { homeCity, hostCity: host };
  }

  private regionPair(homeCity: string, code: string): { homeCity: string; hostCity: string } | null {
    const other = this.regions().find((r) => r.code === code)?.members.find((m) => m.slug !== homeCity);
    return other ? { homeCity, hostCity: other.slug } : null;
  }

  /** The regions the chosen home city is a member of (their members may be the host). */
  protected homeRegions(): AgreementRegion[] {
    const home = this.form.controls.homeCity.value;
    return home ? this.regions().filter((r) => r.members.some((m) => m.slug === home)) : [];
  }

  protected regionValue(code: string): string {
    return REGION_PREFIX + code;
  }

  /** The region chosen as host in the editor, if any. */
  protected chosenRegion(): string | null {
    const host = this.form.controls.host.value;
    return host.startsWith(REGION_PREFIX) ? host.slice(REGION_PREFIX.length) : null;
  }

  protected hostLabel(a: Agreement): string {
    if (a.hostCity) return a.hostCity.name;
    const name = a.hostRegion ? (this.i18n.lang() === 'en' && a.hostRegion.nameEn ? a.hostRegion.nameEn : a.hostRegion.name) : '';
    return this.t('agreements.regionMembers', { name });
  }

  protected cardLabel(c: AgreementCardMode): MessageKey {
    return `agreements.card.${c}`;
  }
  protected returnLabel(r: AgreementReturnMode): MessageKey {
    return `agreements.returns.${r}`;
  }
  protected situationLabel(s: AgreementSituationKind): MessageKey {
    return `agreements.situation.${s}`;
  }

  protected summary(terms: AgreementTerms): string {
    return explainTerms(terms).map((r) => this.pick(r.why)).join(' ');
  }

  protected show(v: unknown): string {
    return v === undefined ? '—' : JSON.stringify(v);
  }

  protected applyPreset(slug: string): void {
    this.presetSlug.set(slug);
    const p = this.presets().find((x) => x.slug === slug);
    if (p) this.setTerms(p.terms);
  }

  protected async edit(a: Agreement): Promise<void> {
    this.editing.set(a);
    this.result.set(null);
    this.error.set(null);
    this.form.controls.preset.setValue(a.preset ?? '');
    this.presetSlug.set(a.preset ?? '');
    this.setTerms(a.terms);
    this.versions.set(await firstValueFrom(this.api.versions(a.id)));
  }

  protected reset(): void {
    this.editing.set(null);
    this.versions.set([]);
    this.error.set(null);
    this.form.reset();
    this.ill = { ...DEFAULT_ILL_TERMS };
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    const v = this.form.getRawValue();
    const editing = this.editing();
    try {
      if (editing) {
        const saved = await firstValueFrom(this.api.update(editing.id, { terms: this.terms(), ...(v.preset ? { preset: v.preset } : {}) }));
        await this.edit(saved);
      } else {
        const region = this.chosenRegion();
        const host = region ? { hostRegion: region } : { hostCity: v.host };
        await firstValueFrom(this.api.create({ homeCity: v.homeCity, ...host, terms: this.terms(), reciprocal: v.reciprocal, ...(v.preset ? { preset: v.preset } : {}) }));
        this.reset();
      }
      this.snackBar.open(this.t('agreements.saved'), undefined, { duration: 4000 });
      this.load();
    } catch (e) {
      this.error.set(e instanceof ApiError ? e : null);
    } finally {
      this.busy.set(false);
    }
  }

  protected async test(): Promise<void> {
    const pair = this.pair();
    if (!pair) return;
    const s = this.tester.getRawValue();
    try {
      this.result.set(await firstValueFrom(this.api.explain({ ...pair, situation: s.situation, currentLoans: s.currentLoans, renewals: s.renewals, terms: this.terms() })));
    } catch (e) {
      this.error.set(e instanceof ApiError ? e : null);
    }
  }

  private terms(): AgreementTerms {
    const v = this.form.getRawValue();
    return {
      residentsMayBorrow: v.residentsMayBorrow,
      card: v.card,
      loans: { maxItems: Number(v.maxItems), periodDays: Number(v.periodDays) },
      holds: v.holds,
      renewals: v.renewals,
      returns: v.returns,
      contactData: v.contactData,
      // the ILL terms the form has no fields for (lenderSeesPatronName, loanDays) are kept as loaded
      ill: { ...this.ill, requests: v.illRequests, patronsMayAsk: v.illRequests && v.illPatronsMayAsk },
    };
  }

  /** The loaded agreement's (or preset's) ILL terms; the defaults for a new agreement. */
  private ill: AgreementTerms['ill'] = { ...DEFAULT_ILL_TERMS };

  private setTerms(terms: AgreementTerms): void {
    this.ill = { ...DEFAULT_ILL_TERMS, ...terms.ill };
    this.form.patchValue({
      illRequests: terms.ill?.requests ?? false,
      illPatronsMayAsk: terms.ill?.patronsMayAsk ?? false,
      residentsMayBorrow: terms.residentsMayBorrow,
      card: terms.card,
      maxItems: terms.loans.maxItems,
      periodDays: terms.loans.periodDays,
      holds: terms.holds,
      renewals: terms.renewals,
      returns: terms.returns,
      contactData: terms.contactData,
    });
  }
}
