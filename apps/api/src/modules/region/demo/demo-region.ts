import type { DemoInstanceStep } from '../../demo';
import type { RegionsService } from '../regions.service';

/** The demo's region: 福岡県 with Kitakyushu and Koga, neighbours that search (and lend) together. */
export const DEMO_REGION = { code: 'fukuoka', name: '福岡県', nameEn: 'Fukuoka Prefecture', members: ['kitakyushu', 'koga'] };

/** Creates the demo region once and puts back a member taken out of it; says what it did. */
export function demoRegionStep(regions: RegionsService): DemoInstanceStep {
  return {
    name: 'region',
    run: async () => {
      const existing = (await regions.list()).find((r) => r.code === DEMO_REGION.code);
      if (!existing) {
        await regions.create(DEMO_REGION);
        return `created region ${DEMO_REGION.code} (${DEMO_REGION.name}: ${DEMO_REGION.members.join(', ')})`;
      }
      const missing = DEMO_REGION.members.filter((m) => !existing.members.some((x) => x.slug === m));
      if (missing.length) await regions.update(DEMO_REGION.code, { addMembers: missing });
    },
    banner: (url) => [
      `   Region OPAC  ${url}/opac/r/${DEMO_REGION.code}/   ${DEMO_REGION.name} 横断検索 (${DEMO_REGION.members.join(', ')})`,
      `   Region SRU   ${url}/api/r/${DEMO_REGION.code}/sru   (yaz-client: sru get 1.2, open …, querytype cql, find dc.title=…)`,
    ],
  };
}
