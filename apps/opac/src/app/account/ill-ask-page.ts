import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { IllCity, MyIllRequest } from '@shiori/contracts';
import { firstValueFrom } from 'rxjs';
import { Api, ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';


/** `GET /api/t/{lender}/records/{id}`: what the form names (the lender's public record). */
interface LenderRecord {
  id: string;
  title: string;
  volume?: string | null;
}

type State =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'not-allowed' }
  | { status: 'form'; lender: { slug: string; name: string }; record: LenderRecord | null }
  | { status: 'done'; request: MyIllRequest };

/**
 * 取り寄せ申込 (`/ill/ask?city={lender}&record={id}`, signed in): the patron asks their city to
 * borrow a title from a fellow member of the region, where the agreement lets patrons ask
 * (`GET /me/ill/lenders`). The ask waits for a librarian, who forwards it to the lending city
 * or declines it; My page shows where it is. Reached from the regional search's holdings.
 */
@Component({
  selector: 'opac-ill-ask-page',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  template: `
    <h2 class="heading">{{ t('ill.ask.title') }}</h2>
    @switch (state().status) {
      @case ('loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('app.loading')" />
      }
      @case ('missing') {
        <p class="error" role="alert">{{ t('ill.ask.missing') }}</p>
      }
      @case ('not-allowed') {
        <p class="info" data-not-allowed>{{ t('ill.ask.notAllowed') }}</p>
      }
      @case ('form') {
        @if (form(); as f) {
          <p>{{ t('ill.ask.intro') }}</p>
          <dl class="details">
            <dt>{{ t('ill.ask.record') }}</dt>
            <dd data-record>{{ f.record ? f.record.title + (f.record.volume ? ' ' + f.record.volume : '') : t('ill.ask.recordUnavailable') }}</dd>
            <dt>{{ t('ill.ask.lender') }}</dt>
            <dd>{{ f.lender.name }}</dd>
          </dl>
          <form (ngSubmit)="submit()" class="ask-form">
            <mat-form-field>
              <mat-label>{{ t('ill.ask.pickup') }}</mat-label>
              <select matNativeControl name="pickup" [ngModel]="pickup()" (ngModelChange)="pickup.set($event)">
                @for (b of branches(); track b.code) {
                  <option [value]="b.code">{{ b.name }}</option>
                }
              </select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ t('ill.ask.note') }}</mat-label>
              <textarea matInput name="note" maxlength="500" rows="3" [ngModel]="note()" (ngModelChange)="note.set($event)"></textarea>
            </mat-form-field>
            @if (error(); as e) {
              <div class="error" role="alert">
                <p>{{ e }}</p>
                @if (heldHere() && f.record) {
                  <a [routerLink]="['/search']" [queryParams]="{ q: f.record.title }" data-held-here>{{ t('ill.ask.holdHere') }}</a>
                }
              </div>
            }
            <button mat-flat-button type="submit" [disabled]="busy()">{{ t('ill.ask.submit') }}</button>
          </form>
        }
      }
      @case ('done') {
        @if (done(); as r) {
          <p class="done" role="status" data-done>{{ t('ill.ask.done', { number: r.number }) }}</p>
          <a routerLink="/my">{{ t('ill.ask.toMyPage') }}</a>
        }
      }
    }
  `,
  styles: `
    .ask-form {
      display: flex;
      flex-direction: column;
      max-width: 32rem;
      gap: 0.5rem;
    }
    .ask-form button {
      align-self: flex-start;
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IllAskPage implements OnInit {
  /** The lending city and its record (query parameters). */
  readonly city = input<string>();
  readonly record = input<string>();

  private readonly api = inject(Api);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly state = signal<State>({ status: 'loading' });
  protected readonly form = computed(() => {
    const s = this.state();
    return s.status === 'form' ? s : null;
  });
  protected readonly done = computed(() => {
    const s = this.state();
    return s.status === 'done' ? s.request : null;
  });
  protected readonly branches = computed(() =>
    (this.library.info()?.branches ?? []).filter((b) => !b.isBookmobile).map((b) => ({ code: b.code, name: (this.i18n.lang() === 'en' && b.nameEn) || b.name })),
  );
  protected readonly pickup = signal('');
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly heldHere = signal(false);

  async ngOnInit(): Promise<void> {
    const city = this.city();
    const recordId = this.record();
    if (!city || !recordId) return this.state.set({ status: 'missing' });
    let lenders: IllCity[] = [];
    try {
      lenders = await firstValueFrom(this.api.get<IllCity[]>(this.api.tenantPath('/me/ill/lenders')));
    } catch {
      lenders = [];
    }
    const lender = lenders.find((c) => c.slug === city);
    if (!lender) return this.state.set({ status: 'not-allowed' });
    let record: LenderRecord | null = null;
    try {
      record = await firstValueFrom(this.api.get<LenderRecord>(`/t/${encodeURIComponent(city)}/records/${encodeURIComponent(recordId)}`));
    } catch {
      // the form still names the city; the API checks the record when the patron asks
      record = null;
    }
    this.pickup.set(this.branches()[0]?.code ?? '');
    this.state.set({ status: 'form', lender, record });
  }

  protected async submit(): Promise<void> {
    const f = this.form();
    if (!f || this.busy()) return;
    this.busy.set(true);
    this.error.set('');
    this.heldHere.set(false);
    const note = this.note().trim();
    try {
      const request = await firstValueFrom(
        this.api.post<MyIllRequest>(this.api.tenantPath('/me/ill'), {
          lenderCity: f.lender.slug,
          recordId: this.record(),
          ...(this.pickup() ? { pickupBranchCode: this.pickup() } : {}),
          ...(note ? { note } : {}),
        }),
      );
      this.state.set({ status: 'done', request });
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
      this.heldHere.set(e instanceof ApiError && e.code === 'ILL_HELD_HERE');
    } finally {
      this.busy.set(false);
    }
  }
}
