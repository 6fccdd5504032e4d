import { BookmobileStopInput, Localized, TimetableIssue, TIMETABLE_ISSUE_MESSAGES } from '@shiori/policy';
import type { TimetableImportReport as ImportReport, TimetableImportRow as ImportRowReport } from '@shiori/contracts';

const WEEKDAYS = '日月火水木金土';
const COLUMNS = ['station', 'days', 'start', 'end', 'place', 'note', 'school'] as const;
const HEADER_WORDS: Record<string, (typeof COLUMNS)[number]> = {
  station: 'station', ステーション: 'station', 停車場所名: 'station',
  days: 'days', 巡回日: 'days', 曜日: 'days',
  start: 'start', 開始: 'start', 到着: 'start',
  end: 'end', 終了: 'end', 出発: 'end',
  place: 'place', 停車位置: 'place', 場所: 'place',
  note: 'note', 備考: 'note',
  school: 'school', 学校: 'school',
};

/** RFC 4180 fields (quotes, doubled quotes, commas and line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

type DaysResult = { ok: true; weekday: number | null; weeks: number[]; dates: string[] } | { ok: false };

/**
 * The days column as timetables print it: 「毎週火」「火曜」「第1・第3火曜」「第2,4木」,
 * or dates 「2026-12-01;2026-12-15」 (also 2026/12/1). Full-width digits are folded.
 */
export function parseDays(raw: string): DaysResult {
  const s = raw.normalize('NFKC').replace(/\s/g, '');
  if (!s) return { ok: false };
  if (/^\d{4}[-/]/.test(s)) {
    const dates = s.split(/[;、,・]/).map((d) => {
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(d);
      return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : d;
    });
    return { ok: true, weekday: null, weeks: [], dates };
  }
  const m = /^(?:毎週)?((?:第[1-5][・,、]?)*)([日月火水木金土])(?:曜日?)?$/.exec(s);
  if (!m) return { ok: false };
  const weeks = [...m[1].matchAll(/第([1-5])/g)].map((x) => Number(x[1]));
  // 第2,4木 is also written with one 第: take every digit
  const digits = m[1] ? [...m[1].matchAll(/[1-5]/g)].map((x) => Number(x[0])) : [];
  return { ok: true, weekday: WEEKDAYS.indexOf(m[2]), weeks: [...new Set([...weeks, ...digits])].sort(), dates: [] };
}

/** 'H:MM' or 'HH:MM' (full-width folded) to 'HH:MM'; anything else is kept for the validator to refuse. */
function hhmm(raw: string): string {
  const s = raw.normalize('NFKC').trim();
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : s;
}

const rowError = (field: string, code: string, message: Localized) => ({ field, code, message });

/**
 * Turns CSV rows into stops of the bus's stations. A row whose station is unknown, whose
 * days cannot be read, or which the timetable check refuses (times, overlaps) is left out
 * and reported; the check runs again over the rows that remain until they agree.
 */
export function importRows(
  csv: string,
  stations: { code: string; name: string }[],
  check: (others: BookmobileStopInput[], incoming: BookmobileStopInput[]) => TimetableIssue[],
  existing: BookmobileStopInput[],
): { report: ImportReport; stops: BookmobileStopInput[] } {
  const rows = parseCsv(csv).filter((r) => r.some((f) => f.trim() !== ''));
  const header = (rows.shift() ?? []).map((h) => HEADER_WORDS[h.trim().toLowerCase()] ?? HEADER_WORDS[h.trim()]);
  const col = (r: string[], name: (typeof COLUMNS)[number]) => {
    const i = header.indexOf(name);
    return i >= 0 ? (r[i] ?? '').trim() : '';
  };
  const byKey = new Map<string, string>();
  for (const s of stations) byKey.set(s.code, s.code), byKey.set(s.name.normalize('NFKC'), s.code);

  const reports: ImportRowReport[] = [];
  const candidates: { report: ImportRowReport; stop: BookmobileStopInput }[] = [];
  rows.forEach((r, i) => {
    const station = col(r, 'station');
    const report: ImportRowReport = { line: i + 2, station, ok: true, errors: [] };
    reports.push(report);
    const code = byKey.get(station.normalize('NFKC'));
    if (!code) report.errors.push(rowError('station', 'TIMETABLE_UNKNOWN_STATION', TIMETABLE_ISSUE_MESSAGES.TIMETABLE_UNKNOWN_STATION));
    const days = parseDays(col(r, 'days'));
    if (!days.ok) report.errors.push(rowError('days', 'TIMETABLE_NO_DAYS', TIMETABLE_ISSUE_MESSAGES.TIMETABLE_NO_DAYS));
    if (report.errors.length || !code || !days.ok) {
      report.ok = false;
      return;
    }
    const school = /^(1|true|yes|はい|○|学校)$/i.test(col(r, 'school'));
    candidates.push({
      report,
      stop: { stationCode: code, weekday: days.weekday, weeks: days.weeks, dates: days.dates, start: hhmm(col(r, 'start')), end: hhmm(col(r, 'end')), place: col(r, 'place'), note: col(r, 'note'), school },
    });
  });

  // The named stations' stops are replaced; the others of the bus stay and are checked against.
  let kept = candidates;
  for (let round = 0; round < candidates.length + 1; round++) {
    const named = new Set(kept.map((c) => c.stop.stationCode));
    const others = existing.filter((s) => !named.has(s.stationCode));
    const issues = check(others, kept.map((c) => c.stop));
    if (!issues.length) break;
    const bad = new Set<number>();
    for (const issue of issues) {
      const m = /^stops\.(\d+)\.?(.*)$/.exec(issue.path);
      if (!m) continue;
      const idx = Number(m[1]);
      bad.add(idx);
      kept[idx].report.errors.push(rowError(m[2] || 'days', issue.code, issue.message));
      kept[idx].report.ok = false;
    }
    kept = kept.filter((_c, i) => !bad.has(i));
  }
  const imported = kept.map((c) => c.stop);
  return {
    report: {
      total: reports.length,
      imported: imported.length,
      rejected: reports.filter((r) => !r.ok).length,
      stations: new Set(imported.map((s) => s.stationCode)).size,
      rows: reports,
    },
    stops: imported,
  };
}
