import { Localized } from '../i18n';
import { parsePolicy } from '../parse';
import { Policy, PolicyInput } from '../schema';

/** A service point of the city: a library, a community-hall reading room, or the bookmobile. */
export interface PresetBranch {
  code: string;
  name: Localized;
  kind: 'library' | 'bookmobile';
  /**
   * The hold form asks for a pickup point within this branch (Kushiro: only for the central
   * library, counter or hold locker room, and for the bookmobile's stations, seeds/001_…txt:120).
   * Elsewhere the branch's counter is implied.
   */
  askPickupPoint: boolean;
  /** Returns out of hours go to a book drop (city003, seeds/003_…txt:130-132). */
  bookDrop?: boolean;
}

export interface TimetableEntry {
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** Weeks of the month (1–5) when the stop is served, e.g. [1, 3]. */
  weeks?: number[];
  /** 'HH:MM-HH:MM'. */
  time?: string;
  note?: Localized;
}

export type PickupPointKind = 'counter' | 'locker' | 'bookmobile-station';

export interface PresetPickupPoint {
  code: string;
  name: Localized;
  kind: PickupPointKind;
  branchCode: string;
  note?: Localized;
  timetable?: TimetableEntry[];
}

export interface PresetCode {
  code: string;
  name: Localized;
}

export type PresetSlug = 'default' | 'katori' | 'kushiro' | 'kitakyushu' | 'city003' | 'koga';

/** Everything a new tenant is created with: its rules and the places and codes they refer to. */
export interface Preset {
  slug: PresetSlug;
  name: Localized;
  theme: { primary: string };
  policy: Policy;
  branches: PresetBranch[];
  pickupPoints: PresetPickupPoint[];
  /** Patron categories (利用者区分) that loan rules may name. */
  categories: PresetCode[];
  /** Material types (資料種別) that loan rules may name. */
  materialTypes: PresetCode[];
}

/**
 * Guides say nothing about patron categories; these two exist in every Japanese public
 * library and give loan rules something to name.
 */
export const DEFAULT_CATEGORIES: PresetCode[] = [
  { code: 'general', name: { ja: '一般', en: 'General' } },
  { code: 'child', name: { ja: '児童', en: 'Child' } },
];

export const DEFAULT_MATERIAL_TYPES: PresetCode[] = [
  { code: 'book', name: { ja: '図書', en: 'Book' } },
  { code: 'magazine', name: { ja: '雑誌', en: 'Magazine' } },
  { code: 'av', name: { ja: '視聴覚資料', en: 'Audiovisual' } },
];

/** The counter pickup point every library branch has, coded `<branch>-counter`. */
export function counterOf(branch: PresetBranch): PresetPickupPoint {
  return {
    code: `${branch.code}-counter`,
    name: { ja: `${branch.name.ja} 窓口`, en: `${branch.name.en} counter` },
    kind: 'counter',
    branchCode: branch.code,
  };
}

/**
 * Validates a preset's policy through the one schema (so presets get the same defaults
 * and checks as an edited policy) and fails loudly at load time if it is invalid.
 */
export function presetPolicy(slug: string, input: PolicyInput): Policy {
  const parsed = parsePolicy(input);
  if (!parsed.ok) {
    throw new Error(`preset ${slug} has an invalid policy: ${parsed.errors.map((e) => `${e.path} ${e.code}`).join('; ')}`);
  }
  return parsed.policy;
}
