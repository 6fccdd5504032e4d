import { tenantManager } from '@shiori/tenancy';

/**
 * DEMO DATA, invented: a plausible timetable for every bookmobile station that has none, so
 * the OPAC's station picker and 館の案内, the desk's 本日の巡回 and the timetable editor show a
 * bus at work. No city guide publishes its timetable (seeds/), so nothing here is real: the bus
 * runs Tuesday to Friday on a fortnightly cycle (第1・第3 or 第2・第4), two or three stations
 * a day, morning and afternoon; schools are not served in school holidays. Rows are marked
 * `demo`, and a librarian's own timetable (any row not marked) is never touched.
 */
const ROUTE_DAYS: { weekday: number; weeks: number[] }[] = [2, 3, 4, 5].flatMap((weekday) => [
  { weekday, weeks: [1, 3] },
  { weekday, weeks: [2, 4] },
]);
const SLOTS: [string, string][] = [
  ['10:00', '10:40'],
  ['13:30', '14:10'],
  ['15:00', '15:40'],
];

/** Where the bus parks, guessed from what the station is. */
function placeFor(name: string): { place: string; school: boolean } {
  if (/学校|学園|小・中/.test(name)) return { place: '正門前', school: true };
  if (/保育園|幼稚園/.test(name)) return { place: '園庭横の通路', school: false };
  if (/公園/.test(name)) return { place: '公園駐車場', school: false };
  if (/店|ストア|イオン|アークス|スクエア/.test(name)) return { place: '店舗駐車場（入口付近）', school: false };
  if (/団地/.test(name)) return { place: '集会所前', school: false };
  return { place: '正面玄関前', school: false };
}

export async function seedDemoBookmobile(year: number): Promise<string | void> {
  const m = tenantManager();
  const stations: { code: string; name: string; branchCode: string; stops: number }[] = await m.query(
    `SELECT p.code, p.name, p.branch_code AS "branchCode", (SELECT count(*)::int FROM bookmobile_stops s WHERE s.station_code = p.code) AS stops
       FROM pickup_points p JOIN branches b ON b.code = p.branch_code
      WHERE p.kind = 'bookmobile-station' AND b.is_bookmobile ORDER BY p.branch_code, p.sort, p.code`,
  );
  const bare = stations.filter((s) => s.stops === 0);
  // Only a bus none of whose stations has a timetable yet: a librarian's work is left alone.
  const buses = [...new Set(bare.map((s) => s.branchCode))].filter((b) => stations.every((s) => s.branchCode !== b || s.stops === 0));
  let added = 0;
  for (const bus of buses) {
    const own = bare.filter((s) => s.branchCode === bus);
    for (const [i, s] of own.entries()) {
      const route = ROUTE_DAYS[i % ROUTE_DAYS.length];
      const [start, end] = SLOTS[Math.floor(i / ROUTE_DAYS.length) % SLOTS.length];
      const { place, school } = placeFor(s.name);
      await m.query(
        `INSERT INTO bookmobile_stops (station_code, weekday, weeks, start_time, end_time, place, note, school, demo)
         VALUES ($1,$2,$3::smallint[],$4,$5,$6,$7,$8,true)`,
        [s.code, route.weekday, route.weeks, start, end, place, '雨天・降雪時も巡回します（荒天時は運休）', school],
      );
      added++;
    }
    const holidays: [string, string, string][] = [
      [`${year}-07-25`, `${year}-08-17`, '夏休み'],
      [`${year}-12-24`, `${year + 1}-01-15`, '冬休み'],
      [`${year + 1}-03-24`, `${year + 1}-04-05`, '春休み'],
    ];
    for (const [first, last, note] of holidays) {
      await m.query(`INSERT INTO bookmobile_closures (branch_code, kind, first_day, last_day, note) VALUES ($1, 'school-holiday', $2, $3, $4)`, [
        bus,
        first,
        last,
        `${note}（デモ）`,
      ]);
    }
  }
  if (added) return `bookmobile: invented demo timetable for ${added} stations (図書館バス)`;
}
