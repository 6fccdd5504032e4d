import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTenant } from '@shiori/tenancy';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { StaffService, TenantsService } from '../platform';
import { DEMO_CITIES, DEMO_LIBRARIAN_PASSWORD, DemoCity } from './demo-cities';

/** Demo data that spans cities (a region), seeded once every city exists; idempotent too. */
export interface DemoInstanceStep {
  name: string;
  run(): Promise<string | void>;
  /** Lines for the start-up banner (what to open), given the instance's URL. */
  banner?(url: string): string[];
}

export interface DemoSeedStep {
  name: string;
  /** Runs inside the tenant's transaction; must be idempotent (seeding runs at every demo start). */
  run(city: DemoCity): Promise<string | void>;
}

/**
 * Demo data: the five founding cities as tenants (slug = preset), a librarian each, and
 * whatever the domain modules add through `registerStep` (patrons, catalogue, loans…).
 * Idempotent, so `npm start` can run it every time.
 */
@Injectable()
export class DemoService {
  private readonly log = new Logger('Demo');
  private steps: DemoSeedStep[] = [];
  private instanceSteps: DemoInstanceStep[] = [];

  constructor(
    private readonly ds: DataSource,
    private readonly tenants: TenantsService,
    private readonly staff: StaffService,
    private readonly registry: TenantRegistry,
  ) {}

  registerStep(step: DemoSeedStep): void {
    this.steps.push(step);
  }

  /** Demo data across cities, seeded after every city (outside any tenant). */
  registerInstanceStep(step: DemoInstanceStep): void {
    this.instanceSteps.push(step);
  }

  /** The banner lines of the instance steps (e.g. the regional OPAC's URL). */
  bannerLines(url: string): string[] {
    return this.instanceSteps.flatMap((s) => s.banner?.(url) ?? []);
  }

  async seed(onProgress: (msg: string) => void = (m) => this.log.log(m)): Promise<DemoCity[]> {
    for (const city of DEMO_CITIES) {
      let tenant = await this.registry.findBySlug(city.slug);
      if (!tenant) {
        await this.tenants.create({ slug: city.slug, name: city.name, preset: city.preset });
        this.registry.invalidate(city.slug);
        tenant = await this.registry.findBySlug(city.slug);
        onProgress(`created tenant ${city.slug} (${city.name})`);
      }
      const librarians = await this.staff.listForTenant(tenant!.id);
      if (!librarians.some((s) => s.username === city.librarian)) {
        await this.staff.create({ username: city.librarian, password: DEMO_LIBRARIAN_PASSWORD, role: 'librarian', tenantId: tenant!.id, displayName: `${city.name} 司書` });
      }
      for (const step of this.steps) {
        const msg = await runInTenant(this.ds, tenant!, () => step.run(city));
        if (msg) onProgress(`${city.slug}: ${msg}`);
      }
    }
    for (const step of this.instanceSteps) {
      const msg = await step.run();
      if (msg) onProgress(msg);
    }
    return DEMO_CITIES;
  }
}
