import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { firstValueFrom } from 'rxjs';
import { I18n, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import type { RecommendedLists } from '@shiori/contracts';
import { Catalog, Hit } from '../catalog/catalog';
import { HitList } from '../catalog/hit-list';

type ListName = 'new-arrivals' | 'best-loans' | 'best-holds';
const TITLES: Record<ListName, MessageKey> = {
  'new-arrivals': 'lists.newArrivals',
  'best-loans': 'lists.bestLoans',
  'best-holds': 'lists.bestHolds',
};

/**
 * The public lists of the home page, those the city publishes (policy.publicLists.enabled):
 * new arrivals, best loans, best holds (top N), and the librarians' recommended lists. A list
 * that fails or is empty is left out rather than shown as an error.
 */
@Component({
  selector: 'opac-public-lists',
  imports: [HitList, MatTabsModule],
  template: `
    @if (tabs().length) {
      <section class="lists" aria-labelledby="lists-heading">
        <h2 id="lists-heading">{{ t('lists.heading') }}</h2>
        <mat-tab-group mat-stretch-tabs="false" dynamicHeight>
          @for (tab of tabs(); track tab.key) {
            <mat-tab [label]="tab.title">
              @if (tab.description) {
                <p class="description">{{ tab.description }}</p>
              }
              @if (tab.hits.length) {
                <opac-hit-list [hits]="tab.hits" view="grid" />
              } @else {
                <p class="empty">{{ t('lists.empty') }}</p>
              }
            </mat-tab>
          }
        </mat-tab-group>
      </section>
    }
  `,
  styles: `
    .lists {
      margin-top: 2.5rem;
    }
    h2 {
      font: var(--mat-sys-headline-small);
      font-weight: 700;
      margin: 0 0 0.5rem;
    }
    .description,
    .empty {
      margin: 1rem 0 0.5rem;
    }
    opac-hit-list {
      display: block;
      margin-top: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicLists {
  private readonly catalogue = inject(Catalog);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  private readonly lists = signal<Partial<Record<ListName, Hit[]>>>({});
  private readonly recommended = signal<RecommendedLists['lists']>([]);
  private started = false;

  protected readonly tabs = computed(() => {
    const out: { key: string; title: string; description?: string | null; hits: Hit[] }[] = [];
    const lists = this.lists();
    for (const name of Object.keys(TITLES) as ListName[]) {
      const hits = lists[name];
      if (hits) out.push({ key: name, title: this.t(TITLES[name]), hits });
    }
    for (const r of this.recommended()) out.push({ key: 'rec-' + r.id, title: r.title, description: r.description, hits: r.hits });
    return out;
  });

  constructor() {
    effect(() => {
      const policy = this.library.policy();
      if (!policy || this.started) return;
      this.started = true;
      const enabled = policy.publicLists.enabled;
      for (const name of Object.keys(TITLES) as ListName[]) {
        if (enabled.includes(name)) void this.load(name, policy.publicLists.topN);
      }
      if (enabled.includes('recommended')) {
        firstValueFrom(this.catalogue.recommended())
          .then((r) => this.recommended.set((r.lists ?? []).filter((l) => l.hits.length)))
          .catch(() => undefined);
      }
    });
  }

  private async load(name: ListName, topN: number): Promise<void> {
    try {
      const r = await firstValueFrom(this.catalogue.list(name, topN));
      this.lists.update((l) => ({ ...l, [name]: r.hits ?? [] }));
    } catch {
      // not published or failing: the tab is left out
    }
  }
}
