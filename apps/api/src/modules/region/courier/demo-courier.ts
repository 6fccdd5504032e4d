import type { DemoInstanceStep } from '../../demo';
import { tokyoDate } from '../../../engine/time';
import { DEMO_REGION } from '../demo/demo-region';
import type { CourierService } from './courier.service';

/**
 * The demo region's courier (連絡車, invented demo data): 毎週火曜 北九州市立中央図書館 → 古賀市立図書館
 * and 毎週金曜 back, 年末年始 off. Seeded once; a timetable regional IT has edited is kept.
 */
export function demoCourierStep(courier: CourierService): DemoInstanceStep {
  return {
    name: 'courier',
    run: async () => {
      const current = await courier.view(DEMO_REGION.code);
      if (current.updatedAt) return;
      const year = Number(tokyoDate().slice(0, 4));
      await courier.put(DEMO_REGION.code, {
        sameDayHandover: true,
        runs: [
          { name: '火曜便（デモ）', weekday: 2, stops: [{ city: 'kitakyushu', branch: 'central' }, { city: 'koga', branch: 'main' }] },
          { name: '金曜便（デモ）', weekday: 5, stops: [{ city: 'koga', branch: 'main' }, { city: 'kitakyushu', branch: 'central' }] },
        ],
        closures: [
          { first: `${year}-12-29`, last: `${year + 1}-01-03`, note: '年末年始' },
          { first: `${year - 1}-12-29`, last: `${year}-01-03`, note: '年末年始' },
        ],
      });
      return `courier timetable for ${DEMO_REGION.code} (火曜・金曜, kitakyushu ⇄ koga)`;
    },
  };
}
