import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { DemoService } from '../demo';
import { demoCard, DemoPatronsSeeder } from '../patrons';
import { PolicyStore } from '../policy';
import { AgreementsService } from './agreements.service';
import { AgreementsStore } from './agreements.store';
import { VisitorsService } from './visitors.service';

/**
 * The demo's 広域利用: 相互利用 between kitakyushu and koga (both 福岡県), with 相互貸借 (their
 * librarians request each other's copies on the courier, and patrons may ask themselves), and
 * koga's first demo patron registered at kitakyushu.
 */
export const DEMO_AGREEMENT = { a: 'kitakyushu', b: 'koga', preset: 'mutual-use', ill: { requests: true, patronsMayAsk: true } } as const;

@Injectable()
export class DemoAgreementsSeeder implements OnModuleInit {
  /** For the start-up banner: the koga patron's card at kitakyushu. */
  visitor: { homeCard: string; hostCard: string } | null = null;

  constructor(
    private readonly demo: DemoService,
    private readonly ds: DataSource,
    private readonly registry: TenantRegistry,
    private readonly agreements: AgreementsService,
    private readonly store: AgreementsStore,
    private readonly visitors: VisitorsService,
    private readonly policies: PolicyStore,
    private readonly patrons: DemoPatronsSeeder,
  ) {}

  onModuleInit(): void {
    this.demo.registerInstanceStep({ name: 'agreements', run: () => this.seed() });
  }

  private async seed(): Promise<string | void> {
    const a = await this.registry.findBySlug(DEMO_AGREEMENT.a);
    const b = await this.registry.findBySlug(DEMO_AGREEMENT.b);
    if (!a || !b) return;
    let made = '';
    if (!(await this.store.pair(this.ds, b.id, a.id)) && !(await this.store.pair(this.ds, a.id, b.id))) {
      await this.agreements.create({ homeCity: b.slug, hostCity: a.slug, preset: DEMO_AGREEMENT.preset, terms: { ill: { ...DEMO_AGREEMENT.ill } }, reciprocal: true });
      made = `agreement 相互利用 ${a.slug} ↔ ${b.slug}, with 相互貸借 (librarians' requests and patrons' asks)`;
    }
    const login = this.patrons.logins.get(b.slug);
    if (!login) return made || undefined;
    const hostCard = await runInTenant(this.ds, a, async () => demoCard((await this.policies.current()).policy, 9));
    this.visitor = { homeCard: login.card, hostCard };
    const [exists] = await runInTenant(this.ds, a, (m) => m.query(`SELECT 1 FROM patrons WHERE card_number = $1`, [hostCard]));
    if (!exists) {
      await this.visitors.register(a, { homeCity: b.slug, homeCardNumber: login.card, cardNumber: hostCard });
      made += `${made ? '; ' : ''}${b.slug} patron ${login.card} registered at ${a.slug} as ${hostCard}`;
    }
    return made || undefined;
  }
}
