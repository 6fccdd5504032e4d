import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import { patronFacingPolicy } from '@shiori/policy';
import { BookmobileService } from './bookmobile/bookmobile.service';
import { BRANCH_COLUMNS, PICKUP_COLUMNS } from './places.service';
import { PolicyStore } from '../policy';

/** The public `/info` of a city: its name, active branches and pickup points, the patron-facing policy. */
@Injectable()
export class InfoService {
  constructor(
    private readonly store: PolicyStore,
    private readonly bookmobile: BookmobileService,
  ) {}

  /**
   * `GET /info`: city name, branches, pickup points (each with its patron note, `{ ja, en? }`
   * or null) and the patron-facing part of the policy.
   */
  async info(slug: string, fallbackName: string) {
    // one statement for what every patron page asks (the floor of a tenant request: each
    // statement is a round trip); the policy is parsed once per version (PolicyStore)
    const [row] = await tenantManager().query(
        `SELECT (SELECT max(version) FROM policy_versions) AS version,
                (SELECT coalesce(json_agg(b ORDER BY b.sort, b.code), '[]') FROM (SELECT ${BRANCH_COLUMNS} FROM branches WHERE active) b) AS branches,
                (SELECT coalesce(json_agg(p ORDER BY p."branchCode", p.sort, p.code), '[]') FROM (SELECT ${PICKUP_COLUMNS} FROM pickup_points WHERE active) p) AS "pickupPoints",
                (SELECT value FROM settings WHERE key = 'city') AS city`,
      );
    const { policy } = await this.store.atVersion(row.version);
    const { branches, pickupPoints } = row;
    const city = (row.city ?? {}) as { name?: string; theme?: unknown };
    // buses(true) reads nothing more when no active branch is a bookmobile
    const visits = branches.some((b: { isBookmobile: boolean }) => b.isBookmobile) ? await this.bookmobile.nextVisitsByStation(3) : new Map<string, unknown[]>();
    return {
      slug,
      name: city.name ?? fallbackName,
      theme: city.theme ?? null,
      branches: branches.map(({ active, sort, ...b }: { active: boolean; sort: number }) => b),
      // a bookmobile station carries its next visits, for the pickup choice (date, time, place)
      pickupPoints: pickupPoints.map(({ active, sort, ...p }: { active: boolean; sort: number; code: string; kind: string }) =>
        p.kind === 'bookmobile-station' ? { ...p, nextVisits: visits.get(p.code) ?? [] } : p,
      ),
      policy: patronFacingPolicy(policy),
    };
  }
}
