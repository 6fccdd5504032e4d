import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { formatNumber } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { ClusterView } from '../tenants/tenants-api';

/** The database servers and the libraries on each (presentational: `GET /api/platform/cluster`). */
@Component({
  selector: 'admin-cluster-nodes',
  imports: [MatIconModule],
  template: `
    <p class="muted">{{ t(view().citus ? 'health.nodesHintCitus' : 'health.nodesHintSingle') }}</p>
    <ul class="nodes">
      @for (n of nodes(); track n.key) {
        <li class="card-panel">
          <h3 class="node-title">
            <mat-icon aria-hidden="true">{{ n.role === 'worker' ? 'dns' : 'hub' }}</mat-icon>
            {{ n.roleLabel }} <code class="muted">{{ n.address }}</code>
            @if (!n.active) {
              <span class="tag bad">{{ t('health.nodeInactive') }}</span>
            }
          </h3>
          <p class="muted">{{ n.count }}</p>
          @if (n.cities.length) {
            <ul class="cities">
              @for (c of n.cities; track c.slug) {
                <li>
                  {{ c.name }} <code class="muted">{{ c.slug }}</code>
                  @if (c.size) {
                    <span class="muted"> ({{ c.size }})</span>
                  }
                </li>
              }
            </ul>
          } @else {
            <p class="muted">{{ t('health.noCities') }}</p>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .nodes { list-style: none; padding: 0; display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
    .node-title { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; font-size: 1rem; margin: 0 0 4px; }
    .cities { margin: 0; padding-left: 1.2em; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClusterNodes {
  readonly view = input.required<ClusterView>();
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly nodes = computed(() => {
    const lang = this.i18n.lang();
    return this.view().nodes.map((n) => ({
      key: `${n.host}:${n.port}`,
      role: n.role,
      roleLabel: this.t(`health.role.${n.role}` as MessageKey),
      address: `${n.host}:${n.port}`,
      active: n.active,
      count: this.t('health.cityCount', { count: formatNumber(n.cities.length, lang) }),
      cities: n.cities.map((c) => ({
        slug: c.slug,
        name: c.name,
        size: c.bytes === null ? '' : this.t('health.size', { size: (c.bytes / 1048576).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 1 }) }),
      })),
    }));
  });
}
